// Port of TestIssue43941 (src/runtime/defer_test.go).
package main

import "fmt"

func expect(n int, v any) {
	fmt.Println("want", n, "have", v, n == v)
}

func step(steps *int, want int) {
	*steps++
	fmt.Println("step", *steps, "want", want)
}

func issue43941() {
	var steps int = 7
	defer func() {
		step(&steps, 14)
		expect(4, recover())
	}()
	func() {
		func() {
			defer func() {
				defer func() {
					expect(3, recover())
				}()
				defer panic(3)
				panic(2)
			}()
			defer func() {
				expect(1, recover())
			}()
			defer panic(1)
		}()
		defer func() {}()
		defer func() {}()
		defer step(&steps, 10)
		defer step(&steps, 9)
		step(&steps, 8)
	}()
	func() {
		defer step(&steps, 13)
		defer step(&steps, 12)
		func() {
			defer step(&steps, 11)
			panic(4)
		}()

		// Not reached.
		defer func() {}()
		defer panic(-1)
		defer step(&steps, -1)
		defer step(&steps, -1)
		defer func() {}()
	}()
}

func main() {
	issue43941()
	fmt.Println("returned normally")
}
