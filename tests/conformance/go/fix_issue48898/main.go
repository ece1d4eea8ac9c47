// Port of test/fixedbugs/issue48898.go (printing to stdout).
package main

import "fmt"

func main() {
	defer func() {
		fmt.Println(recover().(int))
	}()
	func() {
		func() (_ [2]int) { type _ int; return }()
		func() {
			defer func() {
				defer func() {
					recover()
				}()
				defer panic(3)
				panic(2)
			}()
			defer func() {
				recover()
			}()
			panic(1)
		}()
		defer func() {}()
	}()

	var x = 123
	func() {
		defer fmt.Print(x)
		func() {
			defer func() {}()
			panic(4)
		}()
	}()
}
