// Port of test/recover.go test9 .. test14 (deferred interface method calls).
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func mustRecoverBody(v1, v2, v3, x interface{}) {
	if v1 != nil {
		die("spurious recover")
	}
	if v2 == nil {
		fmt.Println("missing recover", x)
		die("missing recover")
	}
	if v2 != x {
		die("wrong value")
	}
	if v3 != nil {
		die("recover didn't recover")
	}
	fmt.Println("recovered", x)
}

func doubleRecover() interface{} {
	return recover()
}

type I interface {
	M()
}

type T1 struct{}

func (*T1) M() {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, 9)
}

type T2 uintptr

func (T2) M() {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, 10)
}

type T3 struct{}

func (T3) M() {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, 11)
}

type T4 [2]string

func (T4) M() {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, 12)
}

type T5 [8192]byte

func (T5) M() {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, 13)
}

type T6 [8192]byte

var global byte

func (T6) M() {
	var x [8192]byte
	x[0] = 1
	x[1] = 2
	for i := range x {
		global += x[i]
	}
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, 14)
}

func test9() {
	var i I = &T1{}
	defer i.M()
	panic(9)
}

func test10() {
	var i I = T2(0)
	defer i.M()
	panic(10)
}

func test11() {
	var i I = T3{}
	defer i.M()
	panic(11)
}

func test12() {
	var i I = T4{}
	defer i.M()
	panic(12)
}

func test13() {
	var i I = T5{}
	defer i.M()
	panic(13)
}

func test14() {
	var i I = T6{}
	defer i.M()
	panic(14)
}

func main() {
	test9()
	test10()
	test11()
	test12()
	test13()
	test14()
	fmt.Println("global =", global)
}
