// A panic raised by a call deferred during Goexit and recovered in a caller's deferred call does
// not cancel the Goexit: the caller does not return normally, the remaining deferred calls run
// and the goroutine ends (SEMANTICS.md G2; TestRecoveredPanicAfterGoexit,
// TestRecoverBeforePanicAfterGoexit).
package main

import (
	"fmt"
	"runtime"
)

func inner() {
	defer func() {
		fmt.Println("inner's deferred call panics")
		panic("hello")
	}()
	fmt.Println("inner calls Goexit")
	runtime.Goexit()
}

func middle() {
	defer func() {
		fmt.Println("middle recovered:", recover())
	}()
	inner()
	fmt.Println("middle: inner returned (wrong)")
}

func worker() {
	defer fmt.Println("worker's deferred call")
	middle()
	fmt.Println("worker: middle returned (wrong)")
}

func main() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		worker()
		fmt.Println("goroutine: worker returned (wrong)")
	}()
	<-done
	fmt.Println("goroutine ended")
}
