// A deferred call that dereferences nil during a normal return panics; a call deferred earlier
// in the same function recovers it (SEMANTICS.md E1, D1, R3).
package main

import "fmt"

type T struct{ x int }

var global *T

func cleanup() {
	fmt.Println("cleanup starts")
	fmt.Println(global.x)
}

func f() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	defer cleanup()
	fmt.Println("f returns")
}

func main() {
	f()
	fmt.Println("main continues")
}
