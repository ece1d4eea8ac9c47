// Port of test/fixedbugs/issue40629.go, with an explicit panic instead of a nil write.
package main

import "fmt"

const N = 40

func useStack(n int) int {
	if n == 0 {
		return 0
	}
	return useStack(n-1) + n
}

func test() {
	var x [N]int
	for i := range x {
		x[i] = 0x999
	}

	defer func(p *[N]int) {
		v := recover()
		fmt.Println("recovered", v)
		for i := range p {
			if p[i] != 0x999 {
				for j := range p {
					fmt.Printf("p[%d]=0x%x\n", j, p[j])
				}
				panic("corrupted stack variable")
			}
		}
		fmt.Println("x is intact")
	}(&x)

	defer func() {
		c := make(chan int)
		go func() {
			c <- useStack(1000)
		}()
		fmt.Println("goroutine done:", <-c)
	}()

	defer func() {
		fmt.Println("useStack:", useStack(1000))
	}()

	panic("fault")
}

func main() {
	test()
	fmt.Println("test returned")
}
