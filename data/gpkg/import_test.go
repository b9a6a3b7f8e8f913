package gpkg

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// TestImportManyPlaces streams more places than one batch holds, so that
// batches flush full and in every smaller size, and checks that each
// place, name and search key landed.
func TestImportManyPlaces(t *testing.T) {
	const n = 3001
	s, ctx := openTemp(t), context.Background()
	res, err := s.Import(ctx, genImport(n))
	must(t, err)
	if res.Stored != n {
		t.Fatalf("stored %d, want %d", res.Stored, n)
	}
	counts := map[string]int{}
	for _, table := range []string{"places", "place_names", "gaz_name_keys", "rtree_places_geom"} {
		var c int
		must(t, s.queryRow(ctx, "SELECT count(*) FROM "+table).Scan(&c))
		counts[table] = c
	}
	if counts["places"] != n || counts["place_names"] != n || counts["gaz_name_keys"] != n || counts["rtree_places_geom"] != n {
		t.Errorf("rows %v, want %d in each", counts, n)
	}
	for _, i := range []int{1, 512, 1024, n} {
		page, err := s.Search(ctx, data.SearchQuery{Text: fmt.Sprintf("Diming %d", i)})
		must(t, err)
		if len(page.Items) == 0 || page.Items[0].Name.Text != fmt.Sprintf("地名%d", i) {
			t.Errorf("search Diming %d: %d hits", i, len(page.Items))
		}
	}
	var orphans int
	must(t, s.queryRow(ctx, `SELECT count(*) FROM gaz_name_trigrams t
		WHERE NOT EXISTS (SELECT 1 FROM gaz_name_keys k WHERE k.name_id = t.name_id)`).Scan(&orphans))
	if orphans != 0 {
		t.Errorf("%d trigrams without their name", orphans)
	}
}

// TestImportManyFeatures stores more survey records than one batch holds
// and reads them back in order, across pages.
func TestImportManyFeatures(t *testing.T) {
	const n = 1500
	s, ctx := openTemp(t), context.Background()
	sv := &data.Survey{Team: "秀山测绘队", CRS: 4490, AccuracyM: 0.02}
	must(t, s.CreateSurvey(ctx, sv))
	in := testImport("x,y\n", data.TargetSurvey, sv.ID)
	i := 0
	in.Features = func() (*data.SurveyFeature, error) {
		if i == n {
			return nil, io.EOF
		}
		i++
		p := orb.Point{109 + float64(i)/10000, 28.5}
		return &data.SurveyFeature{UploadID: in.Upload.ID, Index: i, Row: i + 1, Geometry: p, Source: p,
			SourceCRS: 4490, Datum: "CGCS2000", Attrs: map[string]string{"n": fmt.Sprint(i)}}, nil
	}
	res, err := s.Import(ctx, in)
	must(t, err)
	if res.Stored != n || res.Bound.Max[0] != 109+float64(n)/10000 {
		t.Fatalf("Import = %+v", res)
	}
	for _, off := range []int{0, 511, 1024, n - 1} {
		fs, err := s.UploadFeatures(ctx, in.Upload.ID, 2, off)
		must(t, err)
		if len(fs) == 0 || fs[0].Index != off+1 || fs[0].Attrs["n"] != fmt.Sprint(off+1) {
			t.Errorf("records from offset %d: %+v", off, fs)
		}
	}
}

// TestImportNestedRollsBack checks that a failed import inside Atomic
// leaves nothing behind and lets the outer transaction go on, as every
// nested write does.
func TestImportNestedRollsBack(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	var outer *data.NamedPlace
	in := genImport(10)
	in.Upload.IdempotencyKey = "nested"
	err := s.Atomic(ctx, func(tx data.Store) error {
		outer = genPlace(0)
		must(t, tx.CreatePlace(ctx, outer))
		next := in.Places
		in.Places = func() (*data.NamedPlace, error) {
			p, err := next()
			if p != nil && p.Names[0].Text == "地名7" {
				p.CensusCode, p.LegalClass = "x", 9
			}
			return p, err
		}
		_, err := tx.(data.Importer).Import(ctx, in)
		wantKind(t, err, data.KindInvalid)
		return nil
	})
	must(t, err)
	page, err := s.ListPlaces(ctx, data.Query{})
	must(t, err)
	if page.Matched != 1 || page.Items[0].ID != outer.ID {
		t.Errorf("%d places after the outer commit, want the outer one", page.Matched)
	}
	if _, err := s.UploadByKey(ctx, "nested"); data.KindOf(err) != data.KindNotFound {
		t.Errorf("the failed import's key was kept: %v", err)
	}
	if _, err := s.GetSurveyUpload(ctx, in.Upload.ID); data.KindOf(err) != data.KindNotFound {
		t.Errorf("the failed import's upload was kept: %v", err)
	}
}

// TestImportDoesNotBlockReaders reads while an import is half-way: readers
// see the state before it and are not kept waiting.
func TestImportDoesNotBlockReaders(t *testing.T) {
	s, ctx := openTemp(t), context.Background()
	in := genImport(1200)
	next := in.Places
	read := false
	in.Places = func() (*data.NamedPlace, error) {
		p, err := next()
		if p != nil && p.Names[0].Text == "地名1000" {
			page, err := s.ListPlaces(ctx, data.Query{Limit: 1})
			must(t, err)
			hits, err := s.Search(ctx, data.SearchQuery{Text: "Diming 5"})
			must(t, err)
			read = page.Matched == 0 && len(hits.Items) == 0
		}
		return p, err
	}
	_, err := s.Import(ctx, in)
	must(t, err)
	if !read {
		t.Error("a read during the import saw its uncommitted places")
	}
	page, err := s.ListPlaces(ctx, data.Query{Limit: 1})
	must(t, err)
	if page.Matched != 1200 {
		t.Errorf("%d places after the import, want 1200", page.Matched)
	}
}

// TestUpgradeAddsSurveyTables opens a file made before schema version 4
// (surveys and imports) and recorded at later versions: the version is
// applied on open and the file takes imports.
func TestUpgradeAddsSurveyTables(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.gpkg")
	s, err := Open(ctx, path)
	must(t, err)
	var undo []string
	for _, tb := range []string{"survey_features", "upload_raw", "upload_files", "surveys"} {
		undo = append(undo, "DROP TABLE "+tb, "DELETE FROM gpkg_geometry_columns WHERE table_name = '"+tb+"'",
			"DELETE FROM gpkg_extensions WHERE table_name = '"+tb+"'", "DELETE FROM gpkg_contents WHERE table_name = '"+tb+"'")
	}
	undo = append(undo, "DROP TABLE rtree_survey_features_geom", "DELETE FROM toponym_schema WHERE version = 4")
	must(t, inTx(ctx, s.wconn, undo))
	must(t, s.Close())

	s, err = Open(ctx, path)
	must(t, err)
	defer s.Close()
	sv := &data.Survey{Team: "秀山测绘队", CRS: 4490, AccuracyM: 0.02}
	must(t, s.CreateSurvey(ctx, sv))
	_, err = s.Import(ctx, genImport(3))
	must(t, err)
	var n int
	must(t, s.queryRow(ctx, "SELECT count(*) FROM gpkg_geometry_columns WHERE table_name = 'survey_features'").Scan(&n))
	if n != 1 {
		t.Errorf("survey_features registered %d times, want once", n)
	}
}
