// A nil dereference ten calls deep: every frame's deferred call runs, innermost first, and the
// recover in the outermost frame stops the panic (SEMANTICS.md E1, P1, D1).
package main

import "fmt"

type node struct {
	next *node
	val  int
}

func walk(n *node, depth int) int {
	defer fmt.Println("leaving depth", depth)
	if depth == 10 {
		return n.next.val
	}
	return walk(n, depth+1)
}

func top() (v int) {
	defer func() {
		fmt.Println("recovered:", recover())
		v = 42
	}()
	return walk(&node{}, 0)
}

func main() {
	fmt.Println("top returns", top())
}
