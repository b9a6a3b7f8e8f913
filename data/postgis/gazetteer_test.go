package postgis_test

import (
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis/pgtest"
	"github.com/toponym/toponym/data/storetest"
)

// TestGazetteerContract runs the gazetteer contract on PostGIS.
func TestGazetteerContract(t *testing.T) {
	storetest.RunGazetteer(t, func(t *testing.T) data.Store { return pgtest.Store(t) })
}

// TestReindexNames: names stored without keys (before migration 0003)
// become searchable after ReindexNames.
func TestReindexNames(t *testing.T) {
	ctx := t.Context()
	s := pgtest.Store(t)
	p := storetest.Place("洪安", "Hong'an", 109.2, 28.4, "500241")
	if err := s.CreatePlace(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, "DELETE FROM place_name_key"); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.Search(ctx, data.SearchQuery{Text: "hongan"}); len(page.Items) != 0 {
		t.Fatal("found without keys")
	}
	n, err := s.ReindexNames(ctx)
	if err != nil || n != len(p.Names) {
		t.Fatalf("ReindexNames = %d, %v; want %d", n, err, len(p.Names))
	}
	if page, _ := s.Search(ctx, data.SearchQuery{Text: "hongan"}); len(page.Items) != 1 {
		t.Error("not found after reindexing")
	}
}
