// Variant of test/fixedbugs/issue5963.go: nothing exits the process, so Goexit in main deadlocks.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	c := make(chan int, 1)
	defer func() {
		fmt.Println("main: deferred send")
		c <- 0
	}()
	go func() {
		v := <-c
		fmt.Println("helper: got", v)
	}()
	runtime.Goexit()
}
