// Unbounded recursion on a goroutine whose stack limit is 1 MiB: "runtime: goroutine stack
// exceeds 1048576-byte limit", the sp and stack bounds, "fatal error: stack overflow", the
// goroutine's trace; no deferred call runs; exit 2 (SEMANTICS.md E4). The C program runs the
// recursion on a thread created with a 1 MiB stack: its limit is that size, so the Go program
// sets the same limit with debug.SetMaxStack.
package main

import (
	"fmt"
	"runtime/debug"
)

var stop = false

func recurse(n int) int {
	var buf [64]byte
	if stop {
		return 0
	}
	buf[n%64] = byte(n)
	return recurse(n+1) + int(buf[3])
}

func main() {
	debug.SetMaxStack(1 << 20)
	defer fmt.Println("main's deferred call must not run")
	done := make(chan int)
	go func() {
		defer fmt.Println("the goroutine's deferred call must not run")
		done <- recurse(0)
	}()
	fmt.Println(<-done)
}
