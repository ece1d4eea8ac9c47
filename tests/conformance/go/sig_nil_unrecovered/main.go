// An unrecovered nil dereference: deferred calls run, then the report prints the run-time error
// and Go's [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=...] line; exit 2
// (SEMANTICS.md E1, C1, C5).
package main

import "fmt"

type T struct{ x int }

func read(p *T) int {
	return p.x
}

func main() {
	defer fmt.Println("main's deferred call runs")
	fmt.Println(read(nil))
}
