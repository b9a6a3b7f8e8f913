package gpkg

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// TestReindexNames: names stored without keys (before schema version 3)
// become searchable after ReindexNames.
func TestReindexNames(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	p := &data.NamedPlace{Kind: data.KindPlaceName, LegalClass: 3, Review: data.ReviewPublished, Geometry: orb.Point{109.2, 28.4},
		Names: []data.Name{{Status: data.NameStandard, Text: "洪安镇", Pinyin: "Hong'an Zhen"}}}
	must(t, s.CreatePlace(ctx, p))
	must(t, s.Atomic(ctx, func(tx data.Store) error {
		_, err := tx.(*Store).exec(ctx, "DELETE FROM gaz_name_keys")
		return err
	}))
	if page, _ := s.Search(ctx, data.SearchQuery{Text: "hongan"}); len(page.Items) != 0 {
		t.Fatal("found without keys")
	}
	n, err := s.ReindexNames(ctx)
	if err != nil || n != 1 {
		t.Fatalf("ReindexNames = %d, %v", n, err)
	}
	if page, _ := s.Search(ctx, data.SearchQuery{Text: "hongan"}); len(page.Items) != 1 {
		t.Error("not found after reindexing")
	}
	if n, err := s.ReindexNames(ctx); n != 0 || err != nil {
		t.Errorf("second ReindexNames = %d, %v", n, err)
	}
}
