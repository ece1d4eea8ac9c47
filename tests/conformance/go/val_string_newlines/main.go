// A string panic value prints with a tab after each newline, so that it stays indented in the
// report, including a trailing and a doubled newline (SEMANTICS.md P5; runtime printindented).
package main

func main() {
	defer panic("second\nvalue")
	panic("line one\nline two\n\nline four\n")
}
