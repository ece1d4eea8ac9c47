// Port of test/fixedbugs/issue11256.go.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var deferredRuns, afterGoexit int

func worker() {
	var buf [1024]byte
	buf[0]++
	defer func() { deferredRuns++ }()
	runtime.Goexit()
}

func main() {
	for i := 0; i < 100; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker()
			afterGoexit++
		}()
		wg.Wait()
	}
	fmt.Printf("deferred calls run: %d, returns after Goexit: %d\n", deferredRuns, afterGoexit)
}
