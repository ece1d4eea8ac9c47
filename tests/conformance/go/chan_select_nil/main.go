// Nil channels in select are never ready: the merge loop turns a channel's case off by setting
// it to nil once the channel is closed, and ends when both are off.
package main

import "fmt"

func produce(c chan<- int, from, n int) {
	for i := 0; i < n; i++ {
		c <- from + i
	}
	close(c)
}

func main() {
	a := make(chan int)
	b := make(chan int, 3)
	go produce(a, 100, 50)
	go produce(b, 1000, 70)
	sumA, sumB, na, nb := 0, 0, 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sumA += v
			na++
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sumB += v
			nb++
		}
	}
	fmt.Println("a:", na, sumA, "b:", nb, sumB)

	// A select whose only live case is a send, beside nil cases of both kinds.
	var nilc chan int
	out := make(chan int, 1)
	select {
	case nilc <- 1:
		fmt.Println("sent on nil")
	case <-nilc:
		fmt.Println("received from nil")
	case out <- 5:
		fmt.Println("sent on out")
	}
	select {
	case nilc <- 1:
		fmt.Println("sent on nil")
	default:
		fmt.Println("nil send not ready")
	}
	fmt.Println(<-out)
}
