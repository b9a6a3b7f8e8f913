package fieldkit

import (
	"context"
	"testing"
)

// TestRoundTrip exports the whole sample from PostGIS into a GeoPackage,
// syncs the file into a fresh PostGIS database as all-new records, and
// compares every record of the three stores field by field.
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
	sameRecords(t, "PostGIS → GeoPackage → PostGIS", want, readAll(t, fresh))
}
