// Port of TestPanicWithDirectlyPrintableCustomTypes/panicCustomBool (src/runtime/panic_test.go).
package main

type MyBool bool

func main() {
	panic(MyBool(true))
}
