// Port of TestPanicAfterGoexit (src/runtime/crash_test.go, testprog PanicAfterGoexit): an
// unrecovered panic in a call deferred before Goexit crashes normally.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer func() {
		fmt.Println("deferred call panics")
		panic("hello")
	}()
	fmt.Println("main calls Goexit")
	runtime.Goexit()
}
