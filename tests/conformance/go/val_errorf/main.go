// fmt.Errorf values print their formatted text (SEMANTICS.md P5).
package main

import (
	"fmt"
)

func main() {
	name := "/no/such/file"
	code := 42
	defer func() {
		panic(fmt.Errorf("while handling: %d%%", 100))
	}()
	panic(fmt.Errorf("open %s: code %d", name, code))
}
