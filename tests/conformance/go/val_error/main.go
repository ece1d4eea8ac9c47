// An error panic value prints its Error() text, newlines indented like a string's
// (SEMANTICS.md P5; runtime/panic.go preprintpanics). Recovered, it is the same error.
package main

import (
	"errors"
	"fmt"
)

func main() {
	func() {
		defer func() {
			r := recover()
			err, ok := r.(error)
			fmt.Println("recovered error:", ok, err)
		}()
		panic(errors.New("recovered error value"))
	}()
	panic(errors.New("boom\nsecond line"))
}
