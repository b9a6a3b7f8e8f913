package fieldkit

import (
	"context"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

// TestRoundTrip exports the whole sample from PostGIS into a GeoPackage,
// syncs the file into a fresh PostGIS database as all-new records, and
// compares every record of the three stores field by field (the places
// synced into the fresh database are drafts).
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := server(t)
	file, path, m := export(t, src, Selection{})
	want := readAll(t, src)
	counts := want.Count()
	for _, k := range []Kind{KindAdminUnit, KindDivisionEvent, KindBoundaryLine, KindLineVersion, KindMarker,
		KindMarkerStatus, KindTriJunction, KindPlace, KindListing, KindSign} {
		if counts[k] == 0 {
			t.Errorf("sample has no %s records", k)
		}
	}
	t.Logf("records: %v", counts)
	sameRecords(t, "PostGIS → GeoPackage", want, readAll(t, file))
	if len(m.Records) != len(want.Records()) {
		t.Errorf("manifest lists %d records, want %d", len(m.Records), len(want.Records()))
	}
	read, err := ReadManifest(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffManifest(m, read); d != "" {
		t.Errorf("manifest read back: %s", d)
	}

	fresh := pgtestStore(t)
	rep, err := Sync(ctx, file, fresh, Manifest{Format: ManifestFormat})
	if err != nil {
		t.Fatalf("sync into a fresh database: %v", err)
	}
	if len(rep.Created) != len(want.Records()) || len(rep.Updated)+len(rep.Conflicts)+len(rep.Unsupported) != 0 {
		t.Errorf("sync into a fresh database: %s; want %d created and nothing else", rep.Summary(), len(want.Records()))
	}
	// Sync creates places as drafts: the review workflow, not a field file,
	// reviews and publishes them.
	drafts := readAll(t, src)
	for _, r := range drafts.Records() {
		if p, ok := r.Value.(*data.NamedPlace); ok {
			p.Review, p.ReviewedBy, p.ReviewedAt = data.ReviewDraft, "", time.Time{}
		}
	}
	sameRecords(t, "PostGIS → GeoPackage → PostGIS", drafts, readAll(t, fresh))
}
