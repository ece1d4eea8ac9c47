// The largest uint64 prints in full in a crash report (SEMANTICS.md P5).
package main

import "math"

func main() {
	var v uint64 = math.MaxUint64
	panic(v)
}
