// Port of TestRecoverMatching (src/runtime/defer_test.go).
package main

import "fmt"

func matching() {
	defer func() {
		r := recover()
		fmt.Println("outer deferred call recovered:", r)
	}()
	defer func() {
		defer func() {
			// Called directly by a deferred function, but that one was deferred by a
			// deferred call, not run by the panic: recover must return nil.
			r := recover()
			fmt.Println("nested deferred call recovered:", r)
		}()
		fmt.Println("deferred call returns")
	}()
	panic("panic1")
}

func main() {
	matching()
	fmt.Println("matching returned normally")
}
