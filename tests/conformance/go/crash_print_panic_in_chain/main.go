// TestPanicWhilePanicking (src/runtime/crash_test.go) where the bad value is the second panic
// of a chain: all values are converted before any is printed, so only the fatal error prints.
package main

import "fmt"

type exampleStringer struct{}

func (s exampleStringer) String() string {
	panic("important multi-line\nstringer message")
}

func main() {
	defer func() {
		fmt.Println("deferred call panics with the bad value")
		panic(exampleStringer{})
	}()
	panic("first value")
}
