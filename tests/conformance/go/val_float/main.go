// A float64 panic value prints as +1.500000e+000 (SEMANTICS.md P5).
package main

func main() {
	panic(1.5)
}
