// An unrecovered index out of range: "panic: runtime error: index out of range [5] with length
// 3" with no [signal ...] line, exit 2 (SEMANTICS.md E2, C5).
package main

import "fmt"

var five = 5

func get(s []int, i int) int {
	return s[i]
}

func main() {
	defer fmt.Println("main's deferred call runs")
	fmt.Println(get(make([]int, 3), five))
}
