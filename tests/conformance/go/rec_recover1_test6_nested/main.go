// Port of test/recover1.go test6, with `defer recover()` written as a deferred closure.
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

func report(who string) {
	v := recover()
	fmt.Printf("%s: recover() = %v\n", who, v)
}

func test6() {
	defer report("outer")
	defer func() {
		defer func() {
			v := recover()
			fmt.Println("wrapper: recover() =", v)
		}()
		defer mustRecover(3)
		panic(3)
	}()
	panic(2)
}

func main() {
	test6()
	fmt.Println("test6 returned")
}
