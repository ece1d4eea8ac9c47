// GOTRACEBACK=crash: the report, then SIGABRT.
package main

import "syscall"

//go:noinline
func f() { panic("crash") }

func main() {
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
	f()
}
