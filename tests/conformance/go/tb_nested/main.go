// A panic in a deferred call while an older panic runs it, three frames below main.
package main

//go:noinline
func inner() { panic("first") }

//go:noinline
func middle() {
	defer func() { panic("second") }()
	inner()
}

//go:noinline
func outer() { middle() }

func main() { outer() }
