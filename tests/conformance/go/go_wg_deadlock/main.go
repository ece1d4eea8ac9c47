// A WaitGroup that never reaches zero: every goroutine is blocked, no timer: deadlock.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		fmt.Println("goroutine forgets Done")
	}()
	wg.Done()
	wg.Wait()
	fmt.Println("not reached")
}
