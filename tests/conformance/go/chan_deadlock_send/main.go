// Every goroutine blocked: main sends on a full buffered channel while another goroutine
// waits on a different one.
package main

import "fmt"

func main() {
	c := make(chan int, 1)
	other := make(chan int)
	go func() { <-other }()
	c <- 1
	fmt.Println("buffered one")
	c <- 2
}
