// The run-time error of panic(nil) (src/runtime/panicnil_test.go) recovered and panicked again:
// it prints [recovered] and then again as the new panic (SEMANTICS.md P4, C1).
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		panic(r)
	}()
	panic(nil)
}
