// Port of TestAbortedPanic (src/runtime/defer_test.go).
package main

import "fmt"

func aborted() {
	defer func() {
		r := recover()
		fmt.Println("first deferred call recovered:", r)
	}()
	defer func() {
		r := recover()
		fmt.Println("second deferred call recovered:", r)
	}()
	defer func() {
		fmt.Println("third deferred call panics")
		panic("panic2")
	}()
	panic("panic1")
}

func main() {
	aborted()
	fmt.Println("aborted returned normally")
}
