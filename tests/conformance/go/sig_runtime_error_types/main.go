// Run-time errors raised by faults and by checks are runtime.Error values; user panics, even
// with the same text, are not (SEMANTICS.md E3).
package main

import (
	"errors"
	"fmt"
	"runtime"
)

type T struct{ x int }

var (
	nilT *T
	zero = 0
	four = 4
)

func classify(name string, f func()) {
	defer func() {
		r := recover()
		_, ok := r.(runtime.Error)
		fmt.Printf("%s: runtime.Error=%v value=%v\n", name, ok, r)
	}()
	f()
}

func main() {
	classify("nil dereference", func() { _ = nilT.x })
	classify("divide by zero", func() { _ = 100 / zero })
	classify("index", func() { _ = make([]int, 2)[four] })
	classify("user string", func() { panic("runtime error: invalid memory address or nil pointer dereference") })
	classify("user error", func() { panic(errors.New("runtime error: integer divide by zero")) })
	classify("user int", func() { panic(7) })
}
