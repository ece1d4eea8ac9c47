// Port of test/recover1.go test1.
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

func test1() {
	defer mustRecover(1)
	defer func() {
		defer mustRecover(2)
		panic(2)
	}()
	panic(1)
}

func main() {
	test1()
	fmt.Println("test1 returned")
}
