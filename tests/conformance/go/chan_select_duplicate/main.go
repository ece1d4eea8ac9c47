// A select may wait on the same channel in two cases. Woken through another channel, it takes
// both of its waiters off the first channel's queue, so the goroutine queued there after it
// is the one the next send wakes.
package main

import (
	"fmt"
	"time"
)

func main() {
	c := make(chan int)
	d := make(chan int)
	e := make(chan int)
	go func() {
		select {
		case <-c:
			fmt.Println("A: c")
		case <-c:
			fmt.Println("A: c again")
		case v := <-d:
			fmt.Println("A: d", v)
		}
		e <- 9
	}()
	time.Sleep(time.Millisecond)
	got := make(chan int)
	go func() {
		got <- <-c
	}()
	time.Sleep(time.Millisecond)
	d <- 7
	fmt.Println("e:", <-e)
	c <- 8
	fmt.Println("B got", <-got)
}
