// The channel panics are run-time errors that a deferred call can recover: send on a closed
// channel (at once, and for a sender blocked when the channel is closed), close of a closed
// channel, close of a nil channel.
package main

import (
	"fmt"
	"runtime"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Printf("%s: %v (runtime error: %v)\n", name, r, isRuntime)
	}()
	f()
}

func main() {
	c := make(chan int, 1)
	close(c)
	try("send", func() { c <- 1 })
	try("close closed", func() { close(c) })
	var nilc chan int
	try("close nil", func() { close(nilc) })

	u := make(chan int)
	done := make(chan bool)
	go func() {
		try("blocked send", func() { u <- 1 })
		done <- true
	}()
	// Give the sender a chance to block (either way it must panic).
	for i := 0; i < 100; i++ {
		runtime.Gosched()
	}
	close(u)
	<-done
	fmt.Println("ok")
}
