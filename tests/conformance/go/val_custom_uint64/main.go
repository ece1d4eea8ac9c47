// Port of TestPanicWithDirectlyPrintableCustomTypes/panicCustomUint64 (src/runtime/panic_test.go).
package main

type MyUint64 uint64

func main() {
	panic(MyUint64(93))
}
