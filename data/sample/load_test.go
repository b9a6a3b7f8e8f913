package sample

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// TestLoadPostGIS loads the sample into a fresh PostGIS store twice: the
// first load writes every record, the second writes nothing.
func TestLoadPostGIS(t *testing.T) {
	ctx := context.Background()
	st := pgtest.Store(t)
	if err := Load(ctx, st); err != nil {
		t.Fatalf("first load: %v", err)
	}
	set := Dataset()
	tables := map[string]int{
		"admin_unit": len(set.Units), "division_event": len(set.Events), "boundary_line": len(set.Lines),
		"line_version": len(set.LineVersions), "marker": len(set.Markers), "marker_status": len(set.MarkerStatus),
		"tri_junction": len(set.TriJunctions), "named_place": len(set.Places),
		"protection_listing": len(set.Listings), "sign": len(set.Signs),
	}
	before := snapshot(t, st, tables)
	for table, want := range tables {
		if before[table].n != want {
			t.Errorf("%s has %d rows after the load, want %d", table, before[table].n, want)
		}
	}
	if err := Load(ctx, st); err != nil {
		t.Fatalf("second load: %v", err)
	}
	after := snapshot(t, st, tables)
	for table := range tables {
		if after[table] != before[table] {
			t.Errorf("second load changed %s: %+v → %+v", table, before[table], after[table])
		}
	}

	// Read back through the store: the versions of 松桃 and the unit as of 2010.
	vs, err := st.UnitVersions(ctx, UnitID(codeSongtao))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, v := range vs {
		codes = append(codes, v.Code.String())
	}
	if len(codes) != 3 || codes[0] != "522229" || codes[1] != "522229" || codes[2] != "520628" {
		t.Errorf("松桃 versions have codes %v, want [522229 522229 520628]", codes)
	}
	at := data.Date(2010, time.June, 1)
	page, err := st.ListAdminUnits(ctx, data.Query{At: &at, Code: "522229"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ParentID != UnitID("522200") {
		t.Errorf("as of 2010, code 522229 gives %d units, want 1 under 铜仁地区", len(page.Items))
	}
	evs, err := st.UnitEvents(ctx, UnitID(codeSongtao))
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) < 3 {
		t.Errorf("松桃 has %d events, want the 1952 transfer and the 2011 code and parent changes", len(evs))
	}
}

// tableState is a table's row count and a digest of all its rows.
type tableState struct {
	n      int
	digest string
}

// snapshot reads the state of each table (names from a fixed list only).
func snapshot(t *testing.T, st *postgis.Store, tables map[string]int) map[string]tableState {
	t.Helper()
	out := map[string]tableState{}
	for table := range tables {
		var s tableState
		q := `SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ` +
			pgx.Identifier{table}.Sanitize() + ` t`
		if err := st.Pool().QueryRow(context.Background(), q).Scan(&s.n, &s.digest); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		out[table] = s
	}
	return out
}
