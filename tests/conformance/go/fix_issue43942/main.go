// Port of test/fixedbugs/issue43942.go (expect prints and exits instead of log.Fatalf).
package main

import (
	"fmt"
	"os"
)

func main() {
	defer func() {
		expect(5, recover())
	}()
	func() {
		expect(nil, recover())
		defer func() {
			defer func() {
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
				panic(1)
			}()
		}()
	}()
	fmt.Println("first returned")
	func() {
		for {
			defer func() {
				defer panic(5)
			}()
			break
		}
		panic(4)
	}()
	fmt.Println("second returned (must not happen)")
}

func expect(want, have interface{}) {
	if want != have {
		fmt.Printf("want %v, have %v\n", want, have)
		os.Exit(1)
	}
	fmt.Printf("expect %v: ok\n", have)
}
