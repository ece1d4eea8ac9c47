// User pointer types with String() / Error() methods print through them; the text's newlines
// are indented (SEMANTICS.md P5; runtime/panic.go preprintpanics).
package main

import "fmt"

type S struct{ n int }

func (s *S) String() string { return fmt.Sprintf("S(%d)", s.n) }

type E struct{ msg string }

func (e *E) Error() string { return "E: " + e.msg }

func main() {
	defer func() {
		panic(&E{"bad\nvalue"})
	}()
	panic(&S{42})
}
