// Port of test/recover1.go test3 and test4.
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

func test3() {
	defer mustNotRecover()
	defer func() {
		recover()
		defer mustRecover(3)
		panic(3)
	}()
	panic(2)
}

func test4() {
	defer mustNotRecover()
	defer func() {
		recover()
	}()
	panic(4)
}

func main() {
	test3()
	fmt.Println("test3 returned")
	test4()
	fmt.Println("test4 returned")
}
