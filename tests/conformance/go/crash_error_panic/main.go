// Port of TestPanicWhilePanicking/ErrorPanic (src/runtime/crash_test.go, testprog crash.go): the
// panic value's Error method panics with a string while the report prints it: a fatal error that
// quotes that string, newlines indented.
package main

type exampleError struct{}

func (e exampleError) Error() string {
	panic("important multi-line\nerror message")
}

func main() {
	panic(exampleError{})
}
