// Port of test/recover.go test4, with `defer recover()` written as a deferred closure.
package main

import "fmt"

func mustNotRecover() {
	v := recover()
	if v != nil {
		fmt.Println("spurious recover")
		panic("die")
	}
	fmt.Println("mustNotRecover: nil")
}

func test4() {
	defer mustNotRecover()
	defer func() {
		defer func() {
			v := recover()
			fmt.Println("inner: recover() =", v)
		}()
		fmt.Println("outer: returning")
	}()
	panic(4)
}

func main() {
	test4()
	fmt.Println("test4 returned")
}
