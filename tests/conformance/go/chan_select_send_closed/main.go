// A select that chooses a send on a closed channel panics "send on closed channel"; a select
// blocked on a send panics when that channel is closed.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	c := make(chan int)
	close(c)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var nilc chan int
		select {
		case c <- 1:
			fmt.Println("sent")
		case <-nilc:
		}
	}()

	d := make(chan int)
	e := make(chan int)
	done := make(chan bool)
	go func() {
		defer func() { fmt.Println("goroutine recovered:", recover()); done <- true }()
		select {
		case d <- 1:
		case e <- 1:
		}
	}()
	for i := 0; i < 100; i++ {
		runtime.Gosched()
	}
	close(e)
	<-done
	close(d)
	var nilc chan int
	select {
	case d <- 2:
	case <-nilc:
	}
}
