// Booleans print as true / false in a crash report (SEMANTICS.md P5).
package main

func main() {
	defer panic(true)
	panic(false)
}
