// A nil deferred function reached by a panic starts a newer panic (the run-time error); a later
// deferred call panics again. The [signal ...] line of the fault follows the whole chain
// (SEMANTICS.md D5, C1; fixedbugs/issue8047b.go unrecovered).
package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("last deferred call panics")
		panic("x")
	}()
	var g func()
	defer g()
	panic(1)
}
