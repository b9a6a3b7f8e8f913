// Command gen renders the glyph ranges the service embeds (tiles/fonts)
// from a TrueType font, by default Debian's DejaVu Sans (fonts-dejavu-core):
//
//	go run ./tiles/internal/glyphs/gen -font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf -out tiles/fonts
//
// `go generate ./tiles` runs it. The output is deterministic: the same font
// gives the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/toponym/toponym/tiles/internal/glyphs"
)

func main() {
	fontFile := flag.String("font", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "TrueType font")
	out := flag.String("out", "fonts", "output directory")
	stack := flag.String("stack", "Toponym Sans", "font stack name written into the ranges")
	ranges := flag.String("ranges", "0,256", "comma-separated range starts (multiples of 256)")
	flag.Parse()
	if err := run(*fontFile, *out, *stack, *ranges); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(fontFile, out, stack, ranges string) error {
	b, err := os.ReadFile(fontFile)
	if err != nil {
		return err
	}
	fo, err := glyphs.Open(b)
	if err != nil {
		return err
	}
	for _, s := range strings.Split(ranges, ",") {
		start, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || start < 0 || start%256 != 0 || start > 65280 {
			return fmt.Errorf("range start %q is not a multiple of 256 in 0–65280", s)
		}
		pbf, err := fo.Range(stack, start)
		if err != nil {
			return err
		}
		name := filepath.Join(out, strconv.Itoa(start)+"-"+strconv.Itoa(start+255)+".pbf")
		if err := os.WriteFile(name, pbf, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", name, len(pbf))
	}
	return nil
}
