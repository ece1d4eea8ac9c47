// Port of TestRecoverBeforePanicAfterGoexit2 (src/runtime/crash_test.go, testprog
// RecoverBeforePanicAfterGoexit2): as RecoverBeforePanicAfterGoexit with two more deferred
// calls queued in a loop first; they still run after the recovery.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	for i := 0; i < 2; i++ {
		defer func() {
			fmt.Println("loop deferred call", i)
		}()
	}
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
