// Port of TestIssue43921 (src/runtime/defer_test.go).
package main

import "fmt"

func expect(n int, v any) {
	fmt.Println("want", n, "have", v, n == v)
}

func issue43921() {
	defer func() {
		expect(1, recover())
	}()
	func() {
		for {
			defer func() {}()
			break
		}

		defer func() {
			defer func() {
				expect(4, recover())
			}()
			panic(4)
		}()
		panic(1)
	}()
}

func main() {
	issue43921()
	fmt.Println("returned normally")
}
