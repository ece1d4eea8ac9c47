// Unlock of an RWMutex that is not write-locked is a fatal error.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var rw sync.RWMutex
	rw.Lock()
	rw.Unlock()
	go func() {
		rw.RLock()
		rw.RUnlock()
		fmt.Println("goroutine unlocks a write lock it does not hold")
		rw.Unlock()
	}()
	time.Sleep(10 * time.Second)
	fmt.Println("not reached")
}
