// Waiting goroutines are served first come, first served: receivers queued one after another
// (each known to be waiting before the next starts) get the values in that order, and so do
// blocked senders.
package main

import (
	"fmt"
	"runtime"
)

// waitBlocked lets a goroutine that is about to block (it said so) get there.
func waitBlocked() {
	for i := 0; i < 50; i++ {
		runtime.Gosched()
	}
}

func main() {
	c := make(chan int)
	got := make(chan string, 10)
	for i := 0; i < 5; i++ {
		ready := make(chan bool)
		go func(id int) {
			ready <- true
			v := <-c
			got <- fmt.Sprint("receiver ", id, " got ", v)
		}(i)
		<-ready
		waitBlocked()
	}
	for v := 0; v < 5; v++ {
		c <- v * 100
		fmt.Println(<-got)
	}

	for i := 0; i < 5; i++ {
		ready := make(chan bool)
		go func(id int) {
			ready <- true
			c <- id
		}(i)
		<-ready
		waitBlocked()
	}
	for i := 0; i < 5; i++ {
		fmt.Println("sender", <-c)
	}
}
