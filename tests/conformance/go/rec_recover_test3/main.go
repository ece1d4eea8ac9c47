// Port of test/recover.go test3.
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

func test3() {
	defer mustNotRecover()
	defer func() {
		v := recover()
		fmt.Println("squelch: recovered", v)
	}()
	panic(3)
}

func main() {
	test3()
	fmt.Println("test3 returned")
}
