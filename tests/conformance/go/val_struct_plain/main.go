// A struct value without methods prints as (main.T) and the address of its data word
// (SEMANTICS.md P5; runtime/error.go printanycustomtype). It follows a recovered-and-repanicked
// chain entry.
package main

import "fmt"

type T struct{ a, b int }

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered a T:", r != nil)
		panic(T{3, 4})
	}()
	panic(T{1, 2})
}
