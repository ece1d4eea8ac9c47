// TestPanicWhilePanicking (src/runtime/crash_test.go) with an Error method that panics with an
// errors.New value: the fatal error names the type *errors.errorString.
package main

import "errors"

type exampleError struct{}

func (e exampleError) Error() string {
	panic(errors.New("nested error"))
}

func main() {
	panic(exampleError{})
}
