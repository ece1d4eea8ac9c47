// Port of TestPanicWhilePanicking/NilPanic (src/runtime/crash_test.go, testprog crash.go):
// panic(nil) is a run-time error in Go 1.21+.
package main

func main() {
	panic(nil)
}
