// TestGoexitInPanic (src/runtime/crash_test.go) on the main goroutine: a deferred call run by a
// panic calls Goexit; the panic is dropped and never printed; the remaining deferred calls run;
// main has now called Goexit, so: the deadlock fatal error alone.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("main's earlier deferred call runs")
	defer func() {
		fmt.Println("deferred call calls Goexit")
		runtime.Goexit()
	}()
	panic("dropped")
}
