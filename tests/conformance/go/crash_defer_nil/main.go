// Deferring a nil function panics only when the call would run, at function exit, with the
// nil-dereference run-time error and its [signal SIGSEGV ...] line; the calls deferred before it
// still run (SEMANTICS.md D5; test/defernil.go).
package main

import "fmt"

func f() {
	defer fmt.Println("f's earlier deferred call runs")
	var nilf func()
	defer nilf()
	fmt.Println("f's body runs to the end")
}

func main() {
	defer fmt.Println("main's deferred call runs")
	f()
	fmt.Println("not reached")
}
