// Port of TestRecoveredPanicAfterGoexit (src/runtime/crash_test.go, testprog
// RecoveredPanicAfterGoexit): a panic raised during Goexit and recovered lets the Goexit carry
// on; main still exits through Goexit (deadlock fatal error).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer func() {
		defer func() {
			r := recover()
			fmt.Println("recovered:", r)
			if r == nil {
				panic("bad recover")
			}
		}()
		fmt.Println("deferred call panics")
		panic("hello")
	}()
	fmt.Println("main calls Goexit")
	runtime.Goexit()
	fmt.Println("not reached")
}
