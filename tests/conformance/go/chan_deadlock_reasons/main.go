// Every goroutine blocked, each in a different channel operation: the deadlock report lists
// them all with Go's wait reasons (main's first).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	c := make(chan int)
	full := make(chan int, 1)
	full <- 1
	var nilc chan int
	go func() { <-c }()       // chan receive
	go func() { full <- 2 }() // chan send
	go func() { <-nilc }()    // chan receive (nil chan)
	go func() { nilc <- 1 }() // chan send (nil chan)
	go func() { select {} }() // select (no cases)
	go func() {               // select
		select {
		case <-c:
		case full <- 3:
		}
	}()
	for i := 0; i < 100; i++ {
		runtime.Gosched()
	}
	fmt.Println("all blocked")
	<-make(chan bool) // chan receive
}
