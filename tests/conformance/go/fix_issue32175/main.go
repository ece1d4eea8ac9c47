// Port of test/fixedbugs/issue32175.go (printing to stdout).
package main

import "fmt"

var calls int

func f() (x int) {
	defer func() func() {
		calls++
		fmt.Println("make_printer called (x not yet set)")
		return func() {
			fmt.Println(x)
		}
	}()()
	return 42
}

func main() {
	r := f()
	fmt.Printf("f() = %d, make_printer calls = %d\n", r, calls)
}
