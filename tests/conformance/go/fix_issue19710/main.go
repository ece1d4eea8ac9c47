// Port of test/fixedbugs/issue19710.go.
package main

import "fmt"

func del(m map[int]bool, i int) {
	delete(m, i)
	fmt.Printf("delete(m, %d)\n", i)
}

func f() map[int]bool {
	m := map[int]bool{}
	for i := 0; i < 3; i++ {
		m[i] = true
		defer del(m, i)
	}
	fmt.Printf("f: len(m) = %d before its deferred calls\n", len(m))
	return m
}

func main() {
	n := len(f())
	if n != 0 {
		fmt.Println("got", n, "want 0")
		panic("bad defer delete")
	}
	fmt.Println("len(f()) =", n)
}
