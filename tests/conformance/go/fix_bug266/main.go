// Port of test/fixedbugs/bug266.go.
package main

import "fmt"

func f() int {
	defer func() {
		recover()
	}()
	panic("oops")
}

func g() int {
	return 12345
}

func main() {
	g() // leave 12345 on stack
	x := f()
	fmt.Println("f() =", x)
	if x != 0 {
		panic(x)
	}
}
