// Unbounded recursion on the main goroutine: "fatal error: stack overflow" with Go's lines,
// exit 2 (SEMANTICS.md E4). A C program's main thread may grow its stack up to RLIMIT_STACK,
// so the Go program takes the same limit (debug.SetMaxStack) and both print the same number.
package main

import (
	"fmt"
	"runtime/debug"
	"syscall"
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
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &rl); err == nil {
		debug.SetMaxStack(int(rl.Cur))
	}
	defer fmt.Println("main's deferred call must not run")
	fmt.Println(recurse(0))
}
