// Port of TestIssue43920 (src/runtime/defer_test.go).
package main

import "fmt"

func expect(n int, v any) {
	fmt.Println("want", n, "have", v, n == v)
}

func step(steps *int, want int) {
	*steps++
	fmt.Println("step", *steps, "want", want)
}

func issue43920() {
	var steps int

	defer func() {
		expect(1, recover())
	}()
	defer func() {
		defer func() {
			defer func() {
				expect(5, recover())
			}()
			defer panic(5)
			func() {
				panic(4)
			}()
		}()
		defer func() {
			expect(3, recover())
		}()
		defer panic(3)
	}()
	func() {
		defer step(&steps, 1)
		panic(1)
	}()
}

func main() {
	issue43920()
	fmt.Println("returned normally")
}
