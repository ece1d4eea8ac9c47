// Port of TestRecoverBeforePanicAfterGoexit (src/runtime/crash_test.go, testprog
// RecoverBeforePanicAfterGoexit): Goexit runs a deferred call that panics; an earlier-deferred
// call recovers it; execution resumes in the Goexit, not in main.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		if r == nil {
			panic("bad recover")
		}
	}()
	defer func() {
		fmt.Println("deferred call panics")
		panic("hello")
	}()
	fmt.Println("main calls Goexit")
	runtime.Goexit()
	fmt.Println("not reached")
}
