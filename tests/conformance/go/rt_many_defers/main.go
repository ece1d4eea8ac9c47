// Many deferred calls: 100000 queued by one loop run LIFO, and 1000 nested frames with 10 each
// all run when a panic from the deepest is recovered at the top (SEMANTICS.md D1, D3, P1).
package main

import "fmt"

var order []int

func loop(n int) (sum int) {
	for i := 0; i < n; i++ {
		defer func(i int) {
			sum += i
			if i < 3 || i >= n-3 {
				order = append(order, i)
			}
		}(i)
	}
	return 0
}

var runs int

func nest(depth int) {
	for j := 0; j < 10; j++ {
		defer func() { runs++ }()
	}
	if depth == 0 {
		panic("deepest")
	}
	nest(depth - 1)
}

func top() {
	defer func() {
		fmt.Println("recovered:", recover(), "runs:", runs)
	}()
	nest(999)
}

func main() {
	fmt.Println("sum:", loop(100000))
	fmt.Println("first and last deferred calls to run:", order)
	top()
}
