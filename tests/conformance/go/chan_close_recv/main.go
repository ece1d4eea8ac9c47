// After close, a channel yields its buffered values, then the zero value with ok == false,
// at once and forever; close wakes every blocked receiver; range ends.
package main

import "fmt"

type pair struct{ a, b int }

func main() {
	c := make(chan int, 2)
	c <- 7
	c <- 8
	close(c)
	for i := 0; i < 4; i++ {
		v, ok := <-c
		fmt.Println(v, ok)
	}
	fmt.Println("len after drain", len(c))

	p := make(chan pair)
	close(p)
	v, ok := <-p
	fmt.Println(v.a, v.b, ok)

	// Five receivers block on an unbuffered channel; one close wakes them all.
	w := make(chan int)
	results := make(chan bool)
	for i := 0; i < 5; i++ {
		go func() {
			x, ok := <-w
			results <- ok && x == 0
		}()
	}
	close(w)
	woke := 0
	for i := 0; i < 5; i++ {
		if !<-results {
			woke++
		}
	}
	fmt.Println("receivers woken by close:", woke)

	// range over a channel fed by a goroutine that closes it.
	r := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			r <- i * i
		}
		close(r)
	}()
	sum := 0
	for x := range r {
		sum += x
	}
	fmt.Println("range sum", sum)
}
