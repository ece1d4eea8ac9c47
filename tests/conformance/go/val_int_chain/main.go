// Integers of every size print in decimal in a crash report (SEMANTICS.md P5; runtime/error.go
// printpanicval). Each deferred call panics again, so every value appears on the chain.
package main

import (
	"fmt"
	"math"
)

func main() {
	defer panic(uint8(255))
	defer panic(int8(-128))
	defer panic(uintptr(0))
	defer panic(uint64(math.MaxUint64))
	defer panic(uint(1) << 63)
	defer panic(int64(math.MaxInt64))
	defer panic(int64(math.MinInt64))
	defer panic(int32(-7))
	defer panic(-1)
	fmt.Println("panicking with 0")
	panic(0)
}
