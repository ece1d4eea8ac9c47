// Unbounded recursion on a goroutine: "runtime: goroutine stack exceeds N-byte limit", the sp
// and stack bounds, "fatal error: stack overflow", the goroutine's trace (the recursion elided
// to its first and last 50 frames) and "created by main.main in goroutine 1"; no deferred call
// runs; exit 2 (SEMANTICS.md E4). gort's goroutine stacks have a fixed size (GORT_STACK_SIZE,
// 256 KiB by default, which the C program sets); Go's grow up to a limit (1 GB by default),
// which debug.SetMaxStack sets to the same size: the limit line then matches exactly, and Go
// does not spend 20 seconds walking five million frames.
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

var done = make(chan int)

func goroutine() {
	defer fmt.Println("the goroutine's deferred call must not run")
	done <- recurse(0)
}

func main() {
	debug.SetMaxStack(256 << 10)
	defer fmt.Println("main's deferred call must not run")
	go goroutine()
	fmt.Println("not reached:", <-done)
}
