// A panic 130 frames deep: Go prints 50 frames, "...32 frames elided...", 50 frames.
package main

//go:noinline
func rec(n int) {
	if n == 0 {
		panic("deep")
	}
	rec(n - 1)
}

func main() { rec(130) }
