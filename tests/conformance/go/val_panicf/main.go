// Formatted string panic values (SEMANTICS.md P5): recovered they are the formatted string, still
// readable after the recovering function returned; unrecovered they print as strings with
// newlines indented.
package main

import "fmt"

func main() {
	var kept any
	func() {
		defer func() {
			kept = recover()
			fmt.Println("recovered:", kept)
		}()
		panic(fmt.Sprintf("value %d of %s", 7, "seven"))
	}()
	fmt.Println("after return:", kept)
	panic(fmt.Sprintf("%s\n%05d|%-4s|%x", "multi", 42, "ab", 255))
}
