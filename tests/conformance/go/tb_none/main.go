// GOTRACEBACK=none: the panic line only.
package main

//go:noinline
func f() { panic("quiet") }

func main() { f() }
