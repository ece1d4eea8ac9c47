// Port of test/defernil.go without the recovering deferred call.
package main

import "fmt"

var x = 0

func f() {
	defer func() {
		fmt.Println("earlier deferred call: x =", x)
	}()
	var nilf func()
	defer nilf()
	x = 1
	fmt.Println("f: x =", x)
}

func main() {
	f()
	fmt.Println("f returned")
}
