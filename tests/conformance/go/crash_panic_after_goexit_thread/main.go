// TestPanicAfterGoexit (src/runtime/crash_test.go) in a goroutine other than main: a deferred
// call run by Goexit panics; the program crashes with that panic in that goroutine.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("main's deferred call must not run")
	go func() {
		defer func() {
			fmt.Println("deferred call panics")
			panic("hello")
		}()
		fmt.Println("goroutine calls Goexit")
		runtime.Goexit()
	}()
	select {}
}
