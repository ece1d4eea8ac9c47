// Port of TestPanicWhilePanicking/StringPanic (src/runtime/crash_test.go, testprog crash.go).
package main

func main() {
	panic("important multi-line\nstring message")
}
