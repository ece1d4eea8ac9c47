// Every goroutine blocked: main waits to receive on a channel nobody sends to.
package main

import "fmt"

func main() {
	c := make(chan int)
	fmt.Println("waiting")
	<-c
}
