// A user pointer type without methods prints as (*main.T) and its address (SEMANTICS.md P5;
// runtime/error.go printanycustomtype).
package main

type T struct{ a, b int }

func main() {
	panic(&T{1, 2})
}
