// Port of TestPanicWhilePanicking/DoubleErrorPanic (src/runtime/crash_test.go, testprog crash.go):
// Error panics with a value that is not a string; the fatal error names its type.
package main

type exampleError struct{}

func (e exampleError) Error() string {
	panic("important multi-line\nerror message")
}

type examplePanicError struct{}

func (e examplePanicError) Error() string {
	panic(exampleError{})
}

func main() {
	panic(examplePanicError{})
}
