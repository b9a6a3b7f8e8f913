package data

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports holds the domain package to the standard library and orb:
// no SQL, no HTTP, no adapter.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first := strings.Split(path, "/")[0]
			stdlib := !strings.Contains(first, ".")
			orb := path == "github.com/paulmach/orb" || strings.HasPrefix(path, "github.com/paulmach/orb/")
			banned := path == "database/sql" || path == "net/http" || strings.HasPrefix(path, "net/")
			if (!stdlib && !orb) || banned {
				t.Errorf("%s imports %s: the domain package may import only the standard library and orb", name, path)
			}
		}
	}
}
