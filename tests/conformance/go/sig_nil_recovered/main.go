// A nil pointer dereference is the run-time error "invalid memory address or nil pointer
// dereference": deferred calls run and a deferred recover stops it; the function returns
// normally with its named result (SEMANTICS.md E1, E3).
package main

import (
	"fmt"
	"runtime"
)

type T struct{ x int }

func read(p *T) int {
	return p.x
}

func try() (result int) {
	result = -1
	defer func() {
		r := recover()
		_, ok := r.(runtime.Error)
		fmt.Println("recovered:", r, "runtime.Error:", ok)
	}()
	defer fmt.Println("try's deferred call runs")
	return read(nil)
}

func main() {
	fmt.Println("try returns", try())
}
