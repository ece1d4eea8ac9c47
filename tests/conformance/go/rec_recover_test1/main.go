// Port of test/recover.go test1.
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
	fmt.Println("mustRecover: recovered", x)
}

func doubleRecover() interface{} {
	return recover()
}

func mustRecover(x interface{}) {
	v1 := doubleRecover()
	v2 := recover()
	v3 := recover()
	mustRecoverBody(v1, v2, v3, x)
}

func mustNotRecover() {
	v := recover()
	if v != nil {
		die("spurious recover")
	}
	fmt.Println("mustNotRecover: nil")
}

func withoutRecover() {
	mustNotRecover()
	fmt.Println("withoutRecover: done")
}

func withoutRecoverRecursive(n int) {
	if n == 0 {
		withoutRecoverRecursive(1)
		fmt.Println("withoutRecoverRecursive(0): done")
	} else {
		v := recover()
		if v != nil {
			die("spurious recover (recursive)")
		}
		fmt.Println("withoutRecoverRecursive(1): nil")
	}
}

func test1() {
	defer mustNotRecover()
	defer mustRecover(1)
	defer withoutRecover()
	defer withoutRecoverRecursive(0)
	panic(1)
}

func main() {
	test1()
	fmt.Println("test1 returned")
}
