// Every goroutine blocked: main waits in a select on two channels nobody uses.
package main

import "fmt"

func main() {
	a := make(chan int)
	b := make(chan string)
	fmt.Println("selecting")
	select {
	case <-a:
	case b <- "x":
	}
}
