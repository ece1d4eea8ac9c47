// A handler that re-panics the value it recovered: Go 1.23 prints the recovered panic with
// [recovered] and the new one after it (SEMANTICS.md C1; Go 1.25 would print
// [recovered, repanicked]).
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r, "- panicking again with it")
		panic(r)
	}()
	panic("V")
}
