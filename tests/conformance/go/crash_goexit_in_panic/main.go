// Port of TestGoexitInPanic (src/runtime/crash_test.go, testprog GoexitInPanic): a goroutine's
// deferred call calls Goexit while a panic runs it; the panic is dropped. Main has called
// Goexit, so the program then dies with the deadlock fatal error, not the panic.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println("main starts the goroutine and calls Goexit")
	go func() {
		defer func() {
			fmt.Println("deferred call calls Goexit")
			runtime.Goexit()
		}()
		fmt.Println("goroutine panics")
		panic("hello")
	}()
	runtime.Goexit()
}
