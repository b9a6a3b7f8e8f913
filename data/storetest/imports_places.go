package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

// importedPlace returns a place as an import makes it: no review record
// and no approval of its names, which come later in the workflow.
func importedPlace(text, pinyin string, lon, lat float64, codes ...string) *data.NamedPlace {
	p := Place(text, pinyin, lon, lat, codes...)
	p.Review, p.ReviewedBy, p.ReviewedAt = "", "", time.Time{}
	for i := range p.Names {
		p.Names[i].Approval = nil
	}
	return p
}

func testImportPlaces(t *testing.T, s data.Store) {
	ctx := t.Context()
	imp := importer(t, s)
	biancheng := importedPlace("边城", "Biancheng", 109.25, 28.5, "433124108")
	biancheng.CensusCode = "433124108000001"
	ferry := POI("洪安渡口", 109.2, 28.46)
	ferry.Sources = nil
	// A place carried over from another register keeps its review record
	// and the approvals of its names.
	yajia := Place("迓驾", "Yajia", 109.1, 28.3, "520628110")
	places := []*data.NamedPlace{biancheng, ferry, yajia}
	sources := map[*data.NamedPlace][]string{}
	for _, p := range places {
		sources[p] = slices.Clone(p.Sources)
	}
	in := importOf("places", []byte("name,pinyin,lon,lat\n边城,Biancheng,109.25,28.5\n"), data.TargetPlaces, "")
	in.Places = iterate(places...)
	res, err := imp.Import(ctx, in)
	must(t, err)
	if res.Stored != 3 || res.Bound.Min != [2]float64{109.1, 28.3} || res.Bound.Max != [2]float64{109.25, 28.5} {
		t.Errorf("Import = %+v, want 3 stored in [109.1 28.3, 109.25 28.5]", res)
	}
	if biancheng.Review != data.ReviewDraft || yajia.Review != data.ReviewReviewed {
		t.Errorf("review %s and %s, want draft by default and reviewed as given", biancheng.Review, yajia.Review)
	}
	for _, p := range places {
		got, err := s.GetPlace(ctx, p.ID)
		must(t, err)
		want := *p
		want.Sources = append(sources[p], data.UploadSource(in.Upload.ID))
		want.Updated = got.Updated
		same(t, "imported place "+p.Names[0].Text, &want, got)
	}
	st, err := imp.StoredUpload(ctx, in.Upload.ID)
	must(t, err)
	if st.SurveyID != "" || st.Target != data.TargetPlaces {
		t.Errorf("stored import: survey %q, target %q", st.SurveyID, st.Target)
	}
	sameJSON(t, "kept answer", []byte(`{"stored": 3, "key": "places"}`), st.Report)
	checkFound(t, s, biancheng, "Biancheng", "边城", "bc", "Bianchen")
}

// checkFound checks that the gazetteer, if the store has one, finds p by
// each text.
func checkFound(t *testing.T, s data.Store, p *data.NamedPlace, texts ...string) {
	t.Helper()
	g, ok := s.(data.Gazetteer)
	if !ok {
		return
	}
	for _, text := range texts {
		page, err := g.Search(t.Context(), data.SearchQuery{Text: text})
		must(t, err)
		if len(page.Items) == 0 || page.Items[0].Place.ID != p.ID {
			t.Errorf("search %q: %d hits, want %s first", text, len(page.Items), p.Names[0].Text)
		}
	}
}
