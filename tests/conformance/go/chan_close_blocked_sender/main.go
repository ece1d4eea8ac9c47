// A goroutine blocked in a send panics when the channel is closed under it; unrecovered, the
// program reports that goroutine's panic.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	c := make(chan int)
	go func() {
		defer fmt.Println("sender: deferred call runs")
		c <- 1
	}()
	for i := 0; i < 100; i++ {
		runtime.Gosched()
	}
	fmt.Println("closing")
	close(c)
	select {}
}
