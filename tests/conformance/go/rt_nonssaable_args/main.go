// Port of TestNonSSAableArgs (src/runtime/defer_test.go): deferred arguments are evaluated
// exactly once, when the defer executes; later changes to their sources are not seen.
package main

import "fmt"

type nonSSAable [128]byte

type bigStruct struct {
	x, y, z, w, p, q int64
}

type containsBigStruct struct {
	element bigStruct
}

var globint1, globint2, globint3 int

func mknonSSAable() nonSSAable {
	globint1++
	return nonSSAable{0, 0, 0, 0, 5}
}

//go:noinline
func sideeffect(n int64) int64 {
	globint2++
	return n
}

func sideeffect2(in containsBigStruct) containsBigStruct {
	globint3++
	return in
}

func nonSSAableArgs() {
	var save1 byte
	var save2 int64
	var save3 int64
	var save4 int64

	defer func() {
		fmt.Println("globint1", globint1, "globint2", globint2, "globint3", globint3)
		fmt.Println("save1", save1, "save2", save2, "save3", save3, "save4", save4)
	}()

	defer func(n nonSSAable) {
		save1 = n[4]
	}(mknonSSAable())
	defer func(b bigStruct) {
		save2 = b.y
	}(bigStruct{1, 2, 3, 4, 5, sideeffect(6)})

	foo := containsBigStruct{}
	foo.element.z = 4
	defer func(element bigStruct) {
		save3 = element.z
	}(foo.element)
	defer func(element bigStruct) {
		save4 = element.z
	}(sideeffect2(foo).element)
	foo.element.z = 99
	fmt.Println("body done; globint1", globint1, "globint2", globint2, "globint3", globint3)
}

func main() {
	nonSSAableArgs()
}
