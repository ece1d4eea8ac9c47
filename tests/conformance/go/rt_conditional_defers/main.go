// Port of TestConditionalDefers (src/runtime/defer_test.go), run for three values of n.
package main

import "fmt"

var list []int

func testConditionalDefers(n int) {
	doappend := func(i int) {
		list = append(list, i)
	}

	defer doappend(1)
	if n > 5 {
		defer doappend(2)
		if n > 8 {
			defer doappend(3)
		} else {
			defer doappend(4)
		}
	}
	panic("testConditional")
}

func run(n int) {
	list = make([]int, 0, 10)
	defer func() {
		r := recover()
		fmt.Println("n =", n, "recovered:", r, "list:", list)
	}()
	testConditionalDefers(n)
}

func main() {
	run(8)
	run(9)
	run(3)
}
