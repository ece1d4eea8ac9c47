// Goexit in a goroutine runs its deferred calls (recover returns nil during Goexit) and ends
// only that goroutine.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var wg sync.WaitGroup

func inner() {
	defer fmt.Println("inner's deferred call")
	runtime.Goexit()
	fmt.Println("not reached")
}

func goroutine() {
	defer wg.Done()
	defer func() {
		r := recover()
		if r == nil {
			fmt.Println("recover during Goexit returned nil")
		} else {
			fmt.Println("recover during Goexit returned a value")
		}
	}()
	defer fmt.Println("goroutine's deferred call")
	inner()
	fmt.Println("not reached either")
}

func main() {
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go goroutine()
		wg.Wait()
	}
	fmt.Println("main carries on")
}
