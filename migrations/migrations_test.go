package migrations

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestFiles: migrations are numbered 0001, 0002, … without gaps, named
// NNNN_lower_snake.sql, and each is non-empty SQL.
func TestFiles(t *testing.T) {
	names, err := fs.Glob(FS, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no migrations embedded")
	}
	pattern := regexp.MustCompile(`^[0-9]{4}_[a-z0-9_]+\.sql$`)
	for i, n := range names { // fs.Glob returns names sorted
		if !pattern.MatchString(n) {
			t.Errorf("%s is not named NNNN_lower_snake.sql", n)
		}
		if want := fmt.Sprintf("%04d_", i+1); !strings.HasPrefix(n, want) {
			t.Errorf("migration %d is %s, want it numbered %s", i+1, n, want)
		}
		b, err := fs.ReadFile(FS, n)
		if err != nil || len(strings.TrimSpace(string(b))) == 0 {
			t.Errorf("%s is empty or unreadable: %v", n, err)
		}
	}
}
