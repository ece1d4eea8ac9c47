// A nil dereference in a deferred call run by a panic starts a newer panic; unrecovered, both
// print, oldest first, then the [signal ...] line (SEMANTICS.md E1, P2, C1).
package main

import "fmt"

type T struct{ x int }

var global *T

func cleanup() {
	fmt.Println("cleanup runs during the panic")
	fmt.Println(global.x)
}

func f() {
	defer cleanup()
	panic("first")
}

func main() {
	defer fmt.Println("main's deferred call runs")
	f()
}
