// RUnlock with no reader is a fatal error; normal readers and writers before it work.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var rw sync.RWMutex
	var wg sync.WaitGroup
	value := 0
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func() {
			rw.RLock()
			runtime.Gosched()
			_ = value
			rw.RUnlock()
			wg.Done()
		}()
		go func() {
			rw.Lock()
			value++
			rw.Unlock()
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Printf("value %d\n", value)
	rw.RUnlock()
	fmt.Println("not reached")
}
