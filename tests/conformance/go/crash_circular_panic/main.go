// Port of TestPanicWhilePanicking/CircularPanic (src/runtime/crash_test.go, testprog crash.go):
// two error types whose Error methods panic with each other; printing stops at the first.
package main

type exampleCircleStartError struct{}

func (e exampleCircleStartError) Error() string {
	panic(exampleCircleEndError{})
}

type exampleCircleEndError struct{}

func (e exampleCircleEndError) Error() string {
	panic(exampleCircleStartError{})
}

func main() {
	panic(exampleCircleStartError{})
}
