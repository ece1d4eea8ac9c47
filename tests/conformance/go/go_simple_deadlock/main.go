// TestSimpleDeadlock (testprog SimpleDeadlock) blocks in select{}; this port blocks on a
// second Lock of a sync.Mutex, which deadlocks the same way with its own wait reason.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	fmt.Println("locked once")
	mu.Lock()
	fmt.Println("not reached")
}
