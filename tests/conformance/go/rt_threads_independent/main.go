// Goroutines panic, recover and re-panic at the same time; each sees only its own panics and
// deferred calls (SEMANTICS.md P1, R3: chains are per goroutine).
package main

import (
	"fmt"
	"sync"
)

const iters = 2000

type result struct {
	recovered, mismatched, deferRuns int
}

func inner(id, i int, res *result) {
	defer func() { res.deferRuns++ }()
	panic(id*1000000 + i)
}

func middle(id, i int, res *result) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r.(int) != id*1000000+i {
			res.mismatched++
		}
		panic(r)
	}()
	inner(id, i, res)
}

func outer(id, i int, res *result) {
	defer func() {
		r := recover()
		if r != nil && r.(int) == id*1000000+i {
			res.recovered++
		} else {
			res.mismatched++
		}
	}()
	middle(id, i, res)
}

func main() {
	var results [4]result
	var wg sync.WaitGroup
	for id := 0; id < 4; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for i := 0; i < iters; i++ {
				outer(id, i, &results[id])
			}
		}(id)
	}
	wg.Wait()
	for id, r := range results {
		fmt.Println("goroutine", id, "recovered", r.recovered, "mismatched", r.mismatched, "deferred runs", r.deferRuns)
	}
}
