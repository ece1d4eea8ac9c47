// Floats in a crash report print as Go's print does, %e-like with 7 digits and a signed 3-digit
// exponent; NaN and infinities by name (SEMANTICS.md P5; runtime/print.go printfloat). Each
// deferred call panics again, so every value appears on the panic chain.
package main

import (
	"fmt"
	"math"
)

type MyFloat32 float32

func main() {
	defer func() { panic(MyFloat32(-93.7)) }()
	defer func() { panic(float32(0.1)) }()
	defer func() { panic(5e-324) }()
	defer func() { panic(1e300) }()
	defer func() { panic(123456789.0) }()
	defer func() { panic(math.Inf(-1)) }()
	defer func() { panic(math.Inf(1)) }()
	defer func() { panic(math.NaN()) }()
	defer func() { panic(math.Copysign(0, -1)) }()
	defer func() { panic(0.0) }()
	defer func() { panic(-93.7) }()
	defer func() { panic(0.9999999999) }()
	fmt.Println("panicking with 1.5")
	panic(1.5)
}
