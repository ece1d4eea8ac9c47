// debug.SetTraceback("system") raises the traceback level.
package main

import "runtime/debug"

//go:noinline
func f() { panic("system") }

func main() {
	debug.SetTraceback("system")
	f()
}
