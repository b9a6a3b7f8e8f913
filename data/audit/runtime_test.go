package audit

import (
	"reflect"
	"runtime"
)

// runtimeFile returns the source file of the function f.
func runtimeFile(f reflect.Value) string {
	fn := runtime.FuncForPC(f.Pointer())
	if fn == nil {
		return ""
	}
	file, _ := fn.FileLine(fn.Entry())
	return file
}
