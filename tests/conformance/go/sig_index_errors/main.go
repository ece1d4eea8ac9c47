// Index and slice expressions out of range panic with runtime.boundsError texts; each is
// recovered and printed (SEMANTICS.md E2, E3; runtime/error.go boundsError).
package main

import (
	"fmt"
	"runtime"
)

var (
	five     = 5
	minusOne = -1
	two      = 2
	three    = 3
	seven    = 7
	six      = 6
	nine     = 9
	big      = uint(1<<64 - 1)
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, ok := r.(runtime.Error)
		fmt.Printf("%s: %v (runtime.Error: %v)\n", name, r, ok)
	}()
	f()
}

func main() {
	s := make([]int, 3, 5)
	str := "hello"
	var arr [5]int
	try("index", func() { _ = s[five] })
	try("negative index", func() { _ = s[minusOne] })
	try("unsigned index", func() { _ = s[big] })
	try("slice high over capacity", func() { _ = s[:seven] })
	try("slice low over high", func() { _ = s[three:two] })
	try("slice negative low", func() { _ = s[minusOne:] })
	try("string slice over length", func() { _ = str[:seven] })
	try("array slice over length", func() { _ = arr[:six] })
	try("3-index max over capacity", func() { _ = s[:three:nine] })
	try("3-index high over max", func() { _ = s[:seven:six] })
	try("3-index low over high", func() { _ = s[three:two:five] })
	try("in range", func() { fmt.Println(len(s[1:3]), len(s[0:2:4]), s[2]) })
}
