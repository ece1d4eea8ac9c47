// Port of TestGoexitDefer (src/runtime/crash_test.go): a goroutine's deferred call runs during
// Goexit and its recover returns nil.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	c := make(chan struct{})
	go func() {
		defer func() {
			r := recover()
			fmt.Println("recover during Goexit:", r)
			c <- struct{}{}
		}()
		fmt.Println("goroutine calls Goexit")
		runtime.Goexit()
		fmt.Println("not reached")
	}()
	<-c
	fmt.Println("main received")
}
