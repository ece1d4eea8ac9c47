// Port of TestGoexitCrash (src/runtime/crash_test.go, testprog GoexitExit): main's Goexit
// waits for the sleeping goroutine, then dies with the "no goroutines" deadlock.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	defer fmt.Println("main's deferred call runs")
	fmt.Println("t1")
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("sleeper done")
	}()
	fmt.Println("t2")
	runtime.Goexit()
}
