// Port of TestDoublePanic (src/runtime/crash_test.go, testprog DoublePanic): both values of a
// two-panic chain print through their String method, neither clobbered.
package main

import "runtime"

type P string

func (p P) String() string {
	runtime.GC()
	runtime.GC()
	runtime.GC()
	return string(p)
}

func main() {
	defer func() {
		panic(P("YYY"))
	}()
	panic(P("XXX"))
}
