// Port of TestGoexitCrash (src/runtime/crash_test.go, testprog GoexitExit): main calls Goexit
// while another goroutine sleeps; when it ends, the program dies with the deadlock fatal error.
// (The original prints t1..t4 with println; here they go to stdout.)
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	fmt.Println("t1")
	go func() {
		time.Sleep(time.Millisecond)
	}()
	i := 0
	fmt.Println("t2")
	runtime.SetFinalizer(&i, func(p *int) {})
	fmt.Println("t3")
	runtime.GC()
	fmt.Println("t4")
	runtime.Goexit()
}
