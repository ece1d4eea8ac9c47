// Port of test/recover1.go test2.
package main

import "fmt"

func die(why string) {
	fmt.Println("die:", why)
	panic("die")
}

func mustNotRecover() {
	v := recover()
	if v != nil {
		fmt.Println("spurious recover", v)
		die("spurious recover")
	}
	fmt.Println("mustNotRecover: nil")
}

func mustRecover(x interface{}) {
	mustNotRecover() // not a deferred call
	v := recover()
	if v == nil {
		die("missing recover")
	}
	if v != x {
		die("wrong value")
	}
	if recover() != nil {
		die("recover didn't recover")
	}
	fmt.Println("mustRecover: recovered", x)
}

func test2() {
	defer mustNotRecover()
	defer func() {
		v := recover()
		if v == nil || v.(int) != 2 {
			die("wrong value")
		}
		fmt.Println("closure: recovered 2")
		defer mustRecover(3)
		panic(3)
	}()
	panic(2)
}

func main() {
	test2()
	fmt.Println("test2 returned")
}
