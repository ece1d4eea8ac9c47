// debug.Stack from a recovering deferred call.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

//go:noinline
func g2() { panic("p") }

//go:noinline
func g1() { g2() }

//go:noinline
func run() {
	defer func() {
		r := recover()
		fmt.Printf("recovered: %v\n", r)
		os.Stderr.Write(debug.Stack())
	}()
	g1()
}

func main() {
	run()
	fmt.Println("done")
}
