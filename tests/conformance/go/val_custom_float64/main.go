// Port of TestPanicWithDirectlyPrintableCustomTypes/panicCustomFloat64 (src/runtime/panic_test.go).
package main

type MyFloat64 float64

func main() {
	panic(MyFloat64(-93.7))
}
