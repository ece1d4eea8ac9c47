// Port of test/fixedbugs/issue9738.go.
package main

import "fmt"

func F() (x int) {
	defer func() {
		if x != 42 {
			fmt.Println("BUG: x =", x)
		}
		fmt.Println("deferred call sees x =", x)
	}()
	return 42
}

func main() {
	fmt.Println("F() =", F())
}
