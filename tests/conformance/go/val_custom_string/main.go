// Port of TestPanicWithDirectlyPrintableCustomTypes/panicCustomString (src/runtime/panic_test.go):
// a named string type prints quoted, its newline followed by a tab.
package main

type MyString string

func main() {
	panic(MyString("Panic\nline two"))
}
