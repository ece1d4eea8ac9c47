// Port of test/fixedbugs/issue5963.go.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func init() {
	c := make(chan int, 1)
	defer func() {
		fmt.Println("deferred: c <- 0")
		c <- 0
	}()
	go func() {
		v := <-c
		fmt.Printf("goroutine: os.Exit(%d)\n", v)
		os.Exit(v)
	}()
	runtime.Goexit()
}

func main() {
}
