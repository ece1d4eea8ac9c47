// select with a default: the default runs when no case is ready, never when one is; the
// one-case forms (non-blocking send and receive).
package main

import "fmt"

func main() {
	c := make(chan int, 1)
	d := make(chan int)
	for i := 0; i < 3; i++ {
		select {
		case v := <-c:
			fmt.Println("received", v)
		case d <- i:
			fmt.Println("sent on d")
		default:
			fmt.Println("default", i)
			c <- i * 10
		}
	}
	select {
	case c <- 1:
		fmt.Println("sent 1")
	default:
		fmt.Println("full")
	}
	select {
	case c <- 2:
		fmt.Println("sent 2")
	default:
		fmt.Println("full")
	}
	select {
	case v, ok := <-c:
		fmt.Println("got", v, ok)
	default:
		fmt.Println("empty")
	}
	select {
	case v, ok := <-c:
		fmt.Println("got", v, ok)
	default:
		fmt.Println("empty")
	}
	close(c)
	select {
	case v, ok := <-c:
		fmt.Println("closed:", v, ok)
	default:
		fmt.Println("empty")
	}
	select {
	default:
		fmt.Println("only default")
	}
	// A blocking select waits for the goroutine's send.
	go func() { d <- 42 }()
	var nilc chan int
	select {
	case v := <-d:
		fmt.Println("from goroutine", v)
	case <-nilc:
		fmt.Println("nil channel")
	}
}
