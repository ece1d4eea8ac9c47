// Mutex misuse is a fatal error, not a panic: deferred calls do not run.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	defer func() {
		recover()
		fmt.Println("deferred call must not run")
	}()
	mu.Lock()
	mu.Unlock()
	fmt.Println("unlocking again")
	mu.Unlock()
	fmt.Println("not reached")
}
