package pinyin

import (
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
)

var sinkResult Result

func BenchmarkPlaceName(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		tc := realNames[i%len(realNames)]
		sinkResult, _ = PlaceName(tc.hanzi, Options{Class: tc.class})
	}
}

// BenchmarkLazyPinyin is the naive baseline: go-pinyin's first readings,
// with no split, no rules and no flags.
func BenchmarkLazyPinyin(b *testing.B) {
	b.ReportAllocs()
	a := gopinyin.NewArgs()
	for i := 0; b.Loop(); i++ {
		_ = gopinyin.LazyPinyin(realNames[i%len(realNames)].hanzi, a)
	}
}
