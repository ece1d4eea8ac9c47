// A nil dereference in a panic value's Error method while the crash report prints it: the
// runtime catches the panic and reports "fatal error: panic while printing panic value: type
// runtime.errorString" with the [signal ...] line; exit 2 (SEMANTICS.md P6, E1).
package main

type T struct{ p *int }

func (t T) Error() string {
	return string(rune(*t.p))
}

func main() {
	panic(T{})
}
