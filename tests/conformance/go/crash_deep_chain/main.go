// 120 deferred calls each panic while the previous panic runs them: all 121 panics print,
// oldest first (SEMANTICS.md P2, C1).
package main

func main() {
	for i := 0; i < 120; i++ {
		defer func(i int) { panic(i) }(i)
	}
	panic("start")
}
