// Handlers in two frames each recover and panic again without returning: both recovered panics
// stay on the chain with [recovered] (SEMANTICS.md R6, C1; TestRecursivePanic4).
package main

import "fmt"

func inner() {
	defer func() {
		r := recover()
		panic(fmt.Sprint("wrapped(", r, ")"))
	}()
	panic("one")
}

func main() {
	defer func() {
		r := recover()
		fmt.Println("outer recovered:", r)
		panic(r)
	}()
	inner()
}
