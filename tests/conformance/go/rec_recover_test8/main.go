// Port of test/recover.go test8.
package main

import "fmt"

func varargs(s *int, a ...int) {
	*s = 0
	for _, v := range a {
		*s += v
	}
	if recover() != nil {
		*s += 100
	}
}

func test8a() (r int) {
	defer varargs(&r, 1, 2, 3)
	panic(0)
}

func test8b() (r int) {
	defer varargs(&r, 4, 5, 6)
	return
}

func main() {
	a := test8a()
	b := test8b()
	fmt.Printf("test8a() = %d\ntest8b() = %d\n", a, b)
	if a != 106 || b != 15 {
		fmt.Println("wrong value")
		panic("die")
	}
}
