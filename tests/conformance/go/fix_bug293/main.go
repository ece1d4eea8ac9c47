// Port of test/fixedbugs/bug293.go.
package main

import "fmt"

func x() (a int, b bool) {
	defer func() {
		a++
	}()
	a, b = y()
	return
}

func x2() (a int, b bool) {
	defer func() {
		a++
	}()
	return y()
}

func y() (int, bool) {
	return 4, false
}

func main() {
	a, b := x()
	fmt.Println("x() =", a, b)
	if a != 5 {
		fmt.Println("BUG", a)
	}
	a, b = x2()
	fmt.Println("x2() =", a, b)
	if a != 5 {
		fmt.Println("BUG", a)
	}
}
