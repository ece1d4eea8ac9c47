// Resident memory per parked goroutine, the peer of bench/parked.c: N goroutines blocked on
// one sync.WaitGroup; prints the growth of the resident set divided by N.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, res int64
	fmt.Sscan(string(b), &size, &res)
	return res * int64(os.Getpagesize())
}

func main() {
	n := 100000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	var gate, started, finished sync.WaitGroup
	gate.Add(1)
	before := rss()
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			gate.Wait()
			finished.Done()
		}()
	}
	started.Wait()
	after := rss()
	gate.Done()
	finished.Wait()
	fmt.Printf("parked.go\t%d\n", (after-before)/int64(n))
}
