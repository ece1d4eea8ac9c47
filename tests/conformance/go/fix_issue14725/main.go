// Port of test/fixedbugs/issue14725.go.
package main

import "fmt"

func report(v interface{}) {
	fmt.Println("  recovered:", v)
}

func f1() (x int) {
	for {
		defer func() {
			report(recover())
			x = 1
		}()
		panic(nil)
	}
}

var sink *int

func f2() (x int) {
	sink = &x
	defer func() {
		report(recover())
		x = 1
	}()
	panic(nil)
}

func f3(b bool) (x int) {
	sink = &x
	defer func() {
		report(recover())
		x = 1
	}()
	if b {
		panic(nil)
	}
	return
}

func main() {
	var x int
	if x = f1(); x != 1 {
		panic(fmt.Sprintf("f1 returned %d, wanted 1", x))
	}
	fmt.Println("f1() =", x)
	if x = f2(); x != 1 {
		panic(fmt.Sprintf("f2 returned %d, wanted 1", x))
	}
	fmt.Println("f2() =", x)
	if x = f3(true); x != 1 {
		panic(fmt.Sprintf("f3(true) returned %d, wanted 1", x))
	}
	fmt.Println("f3(true) =", x)
	if x = f3(false); x != 1 {
		panic(fmt.Sprintf("f3(false) returned %d, wanted 1", x))
	}
	fmt.Println("f3(false) =", x)
	sink = nil
}
