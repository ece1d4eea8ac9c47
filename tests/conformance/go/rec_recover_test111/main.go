// Port of test/recover.go test111.
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func doubleRecover() interface{} {
	return recover()
}

type I interface {
	M()
}

type T3deeper struct{}

func (T3deeper) M() {
	badstate()
	fmt.Println("badstate returned")
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	if v1 != nil {
		die("spurious recover")
	}
	if v2 == nil {
		die("missing recover")
	}
	if v2 != 111 {
		die("wrong value")
	}
	if v3 != nil {
		die("recover didn't recover")
	}
	fmt.Println("recovered 111")
}

type Tiny struct{}

func (Tiny) M() {
	panic(112)
}

func badstate() {
	defer func() {
		v := recover()
		fmt.Println("badstate: recovered", v)
	}()
	var i I = Tiny{}
	i.M()
}

func test111() {
	var i I = T3deeper{}
	defer i.M()
	panic(111)
}

func main() {
	test111()
	fmt.Println("test111 returned")
}
