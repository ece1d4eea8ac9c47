// Port of TestPanicTraceback (src/runtime/crash_test.go, testprog PanicTraceback): deferred calls
// in two frames each panic; the report lists the three panics oldest first.
package main

func main() {
	pt1()
}

func pt1() {
	defer func() {
		panic("panic pt1")
	}()
	pt2()
}

func pt2() {
	defer func() {
		panic("panic pt2")
	}()
	panic("hello")
}
