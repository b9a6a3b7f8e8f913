package main

import (
	"flag"
	"strings"
)

// parseInterspersed parses args with fs, accepting flags before and after
// the positional arguments (`import FILE -db URL` as well as
// `import -db URL FILE`), and returns the positional arguments in order.
// Everything after a "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" && !isFlagValue(fs, args[:n-1]) {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// isFlagValue reports whether the argument after before is the value of
// the flag that ends before (`-name --`), not a terminator.
func isFlagValue(fs *flag.FlagSet, before []string) bool {
	if len(before) == 0 {
		return false
	}
	name, ok := strings.CutPrefix(before[len(before)-1], "-")
	if !ok {
		return false
	}
	name = strings.TrimPrefix(name, "-")
	if name == "" || strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}
