// Goexit in a deferred call run by a panic ends the goroutine quietly: the panic is dropped and
// never reported; the remaining deferred calls run; main carries on and exits 0
// (SEMANTICS.md G4; TestGoexitInPanic).
package main

import (
	"fmt"
	"runtime"
)

func work() {
	defer func() {
		fmt.Println("deferred call calls Goexit")
		runtime.Goexit()
	}()
	fmt.Println("work panics")
	panic("dropped")
}

func main() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			fmt.Println("outer deferred call: recover =", recover())
		}()
		work()
		fmt.Println("not reached")
	}()
	<-done
	fmt.Println("main continues; the panic was dropped")
}
