// Two goroutines pass a counter back and forth over two unbuffered channels: each value is
// printed before it is sent on, so the lines alternate strictly; then 100000 silent round trips.
package main

import "fmt"

func player(name string, in <-chan int, out chan<- int, limit int, loud bool, done chan<- int) {
	for {
		n, ok := <-in
		if !ok {
			done <- 1
			return
		}
		if n >= limit {
			close(out)
			done <- 1
			return
		}
		if loud {
			fmt.Println(name, n)
		}
		out <- n + 1
	}
}

func match(limit int, loud bool) {
	ping, pong := make(chan int), make(chan int)
	done := make(chan int)
	go player("ping", ping, pong, limit, loud, done)
	go player("pong", pong, ping, limit, loud, done)
	ping <- 0
	finished := <-done + <-done
	fmt.Println("players finished:", finished)
}

func main() {
	match(10, true)
	match(100000, false)
	fmt.Println("ok")
}
