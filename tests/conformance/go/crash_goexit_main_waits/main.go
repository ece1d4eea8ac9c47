// Goexit in the main goroutine runs main's deferred calls while another goroutine keeps
// running; once that one ends, the deadlock fatal error (SEMANTICS.md G5, after
// TestGoexitCrash / TestGoexitDeadlock in src/runtime/crash_test.go).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	started := make(chan struct{})
	release := make(chan struct{})
	go func() {
		close(started)
		<-release
		fmt.Println("worker runs after main's deferred calls")
	}()
	<-started
	defer close(release)
	defer fmt.Println("main's first deferred call")
	defer fmt.Println("main's second deferred call")
	fmt.Println("main calls Goexit")
	runtime.Goexit()
	fmt.Println("not reached")
}
