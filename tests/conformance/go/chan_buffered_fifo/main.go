// A buffered channel is a FIFO: values come out in the order they went in, len and cap report
// the buffer, a send blocks only when it is full. A producer goroutine fills it past its
// capacity while main drains it slowly; every value arrives once, in order.
package main

import "fmt"

func main() {
	c := make(chan int, 3)
	fmt.Println("len", len(c), "cap", cap(c))
	c <- 1
	c <- 2
	c <- 3
	fmt.Println("len", len(c), "cap", cap(c))
	fmt.Println(<-c, <-c)
	c <- 4
	c <- 5
	fmt.Println("len", len(c))
	for len(c) > 0 {
		fmt.Println("got", <-c)
	}

	var nilc chan int
	fmt.Println("nil: len", len(nilc), "cap", cap(nilc))
	u := make(chan int)
	fmt.Println("unbuffered: len", len(u), "cap", cap(u))

	const n = 10000
	d := make(chan int, 7)
	go func() {
		for i := 0; i < n; i++ {
			d <- i
		}
		close(d)
	}()
	next, bad := 0, 0
	for v := range d {
		if v != next {
			bad++
		}
		next++
	}
	fmt.Println("received", next, "out of order", bad)

	s := make(chan string, 2)
	s <- "first"
	s <- "second"
	close(s)
	for v := range s {
		fmt.Println(v)
	}
}
