package data

import (
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkCheckTextsPlace: the text check of one imported place, run for
// every record of a bulk import.
func BenchmarkCheckTextsPlace(b *testing.B) {
	p := &NamedPlace{Kind: KindPlaceName, LegalClass: 8, Review: ReviewDraft, Geometry: orb.Point{109.2, 28.4},
		Category: "110", Sources: []string{"upload:0192"},
		Names: []Name{{Status: NameStandard, Lang: "zh-Hans", Text: "地名0000001", Pinyin: "Diming 1"}}}
	b.ReportAllocs()
	for b.Loop() {
		if err := checkTexts(p); err != nil {
			b.Fatal(err)
		}
	}
}
