// Port of TestRecursivePanic5 (src/runtime/crash_test.go, testprog RecursivePanic5): deferred
// calls higher up the stack and after the recovering one still run in order.
package main

import "fmt"

func main() {
	one()
	panic("third panic")
}

//go:noinline
func one() {
	two()
}

//go:noinline
func two() {
	defer func() {
		fmt.Println("two's deferred call")
	}()

	three()
}

//go:noinline
func three() {
	defer func() {
		fmt.Println("three's first deferred call")
	}()

	defer func() {
		fmt.Println(recover())
	}()

	defer func() {
		fmt.Println(recover())
		panic("second panic")
	}()

	panic("first panic")
}
