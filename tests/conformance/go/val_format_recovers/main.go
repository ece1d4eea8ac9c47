// An Error method that panics and recovers its own panic, setting its named result, prints what
// it returned: the report is not a fatal error (SEMANTICS.md P5, P6; runtime/panic.go
// preprintpanics only fails on a panic that escapes the method).
package main

import "fmt"

type T struct{}

func (T) Error() (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprint("recovered inside Error: ", r)
		}
	}()
	panic("inner")
}

func main() {
	panic(T{})
}
