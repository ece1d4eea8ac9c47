// Port of TestRecursivePanic4 (src/runtime/crash_test.go, testprog RecursivePanic4): a deferred
// call recovers the first panic and then panics itself; the recovered panic stays on the chain
// and prints with [recovered].
package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("recovered:", recover())
		panic("second panic")
	}()
	panic("first panic")
}
