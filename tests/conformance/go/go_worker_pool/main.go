// A worker pool: jobs under a Mutex, a WaitGroup, one job panics and is recovered.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

const jobs, workers = 1000, 8

var (
	mu        sync.Mutex
	wg        sync.WaitGroup
	nextJob   int
	sum       int64
	recovered int
)

func doJob(j int) (result int64) {
	defer func() {
		if recover() != nil {
			mu.Lock()
			recovered++
			mu.Unlock()
		}
	}()
	if j == 500 {
		panic(fmt.Sprintf("job %d failed", j))
	}
	if j%100 == 0 {
		runtime.Gosched()
	}
	result = int64(j) * int64(j)
	return result
}

func worker() {
	for {
		mu.Lock()
		j := -1
		if nextJob < jobs {
			j = nextJob
			nextJob++
		}
		mu.Unlock()
		if j < 0 {
			break
		}
		r := doJob(j)
		mu.Lock()
		sum += r
		mu.Unlock()
	}
	wg.Done()
}

func main() {
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go worker()
	}
	wg.Wait()
	fmt.Printf("sum %d, recovered %d\n", sum, recovered)
}
