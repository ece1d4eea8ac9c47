// Port of TestRecursivePanic3 (src/runtime/crash_test.go, testprog RecursivePanic3): a panic
// recovered inside the deferred call that the first panic is running leaves the first panic
// running; it ends the program alone.
package main

import "fmt"

func main() {
	defer func() {
		defer func() {
			fmt.Println("recovered:", recover())
		}()
		panic("second panic")
	}()
	panic("first panic")
}
