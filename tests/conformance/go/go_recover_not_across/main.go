// recover in main's deferred call cannot stop another goroutine's panic.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	defer func() {
		r := recover()
		if r == nil {
			fmt.Println("main recovered nothing")
		} else {
			fmt.Println("main recovered something")
		}
	}()
	wg.Add(1)
	go func() {
		fmt.Println("goroutine panics")
		panic("not recoverable from main")
	}()
	wg.Wait()
	fmt.Println("not reached")
}
