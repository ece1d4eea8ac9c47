// An unrecovered send on a closed channel: the deferred call runs, the program prints
// "panic: send on closed channel" and exits 2.
package main

import "fmt"

func main() {
	c := make(chan int)
	close(c)
	defer fmt.Println("deferred call runs")
	c <- 1
	fmt.Println("not reached")
}
