// A deferred call recovers and panics again with the recovered value.
package main

//go:noinline
func work() {
	defer func() {
		r := recover()
		panic(r)
	}()
	panic("boom")
}

func main() { work() }
