// A String method returning a long text prints in full (SEMANTICS.md P5).
package main

import "strings"

type L struct{}

func (L) String() string { return strings.Repeat("x", 3000) + "|end" }

func main() {
	panic(L{})
}
