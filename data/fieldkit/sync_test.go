package fieldkit

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"slices"
	"strings"
	stdsync "sync"
	"testing"
	"time"

	"modernc.org/sqlite"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
)

// firstPlace and firstMarker pick records of a store to edit.
func firstPlace(t *testing.T, s data.Store, skip int) *data.NamedPlace {
	t.Helper()
	p, err := s.ListPlaces(context.Background(), data.Query{Limit: 1, Offset: skip})
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("list places: %v (%d)", err, len(p.Items))
	}
	return p.Items[0]
}

func firstMarker(t *testing.T, s data.Store) *data.Marker {
	t.Helper()
	p, err := s.ListMarkers(context.Background(), data.Query{Limit: 1})
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("list markers: %v (%d)", err, len(p.Items))
	}
	return p.Items[0]
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func sync(t *testing.T, field, srv data.Store, m Manifest) Report {
	t.Helper()
	rep, err := Sync(context.Background(), field, srv, m)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rep
}

// wantChanges fails unless got lists exactly want (kind, ID and fields).
func wantChanges(t *testing.T, what string, got, want []Change) {
	t.Helper()
	strip := func(cs []Change) []Change {
		out := make([]Change, len(cs))
		for i, c := range cs {
			out[i] = Change{Kind: c.Kind, ID: c.ID, Fields: c.Fields}
		}
		slices.SortFunc(out, func(a, b Change) int { return strings.Compare(string(a.Kind)+a.ID, string(b.Kind)+b.ID) })
		return out
	}
	if d := storetest.Diff(strip(want), strip(got)); d != "" {
		t.Errorf("%s: %s (got %+v)", what, d, got)
	}
}

// wantQuiet fails unless rep created, updated and conflicted nothing.
func wantQuiet(t *testing.T, what string, rep Report) {
	t.Helper()
	if len(rep.Created)+len(rep.Updated)+len(rep.Conflicts)+len(rep.Unsupported) != 0 {
		t.Errorf("%s: %s, want no changes", what, rep.Summary())
	}
}

func TestSyncUntouchedFile(t *testing.T) {
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	rep := sync(t, file, srv, m)
	wantQuiet(t, "untouched file", rep)
	if rep.Unchanged != len(m.Records) {
		t.Errorf("unchanged %d, want %d", rep.Unchanged, len(m.Records))
	}
}

func TestSyncFieldEdits(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	p := firstPlace(t, file, 0)
	p.Description += " 外业核实 checked in the field"
	must(t, file.UpdatePlace(ctx, p))
	mk := firstMarker(t, file)
	mk.SigmaM = 0.02
	must(t, file.UpdateMarker(ctx, mk))

	rep := sync(t, file, srv, m)
	wantChanges(t, "updated", rep.Updated, []Change{
		{Kind: KindPlace, ID: p.ID, Fields: []string{"Description"}},
		{Kind: KindMarker, ID: mk.ID, Fields: []string{"SigmaM"}},
	})
	wantChanges(t, "created", rep.Created, nil)
	wantChanges(t, "conflicts", rep.Conflicts, nil)
	gotP, err := srv.GetPlace(ctx, p.ID)
	must(t, err)
	if gotP.Description != p.Description {
		t.Errorf("server description %q, want %q", gotP.Description, p.Description)
	}
	gotM, err := srv.GetMarker(ctx, mk.ID)
	must(t, err)
	if gotM.SigmaM != 0.02 {
		t.Errorf("server sigma %v, want 0.02", gotM.SigmaM)
	}
	wantQuiet(t, "second sync", sync(t, file, srv, m))
	rebased := m.Rebase(rep)
	again := sync(t, file, srv, rebased)
	wantQuiet(t, "sync on the rebased manifest", again)
	if again.Unchanged != len(m.Records) {
		t.Errorf("rebased: unchanged %d, want %d", again.Unchanged, len(m.Records))
	}
}

func TestSyncConflict(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	fieldP := firstPlace(t, file, 0)
	serverP, err := srv.GetPlace(ctx, fieldP.ID)
	must(t, err)
	fieldP.Description, serverP.Description = "外业版本 field version", "局里版本 office version"
	fieldP.MaxZoom = 17
	must(t, file.UpdatePlace(ctx, fieldP))
	must(t, srv.UpdatePlace(ctx, serverP))
	other := firstPlace(t, file, 1) // changed in the field only: still lands
	other.Meaning = "外业补充 added in the field"
	must(t, file.UpdatePlace(ctx, other))

	for i := range 2 {
		rep := sync(t, file, srv, m)
		wantChanges(t, "conflicts", rep.Conflicts, []Change{
			{Kind: KindPlace, ID: fieldP.ID, Fields: []string{"Description", "MaxZoom"}},
		})
		if len(rep.Conflicts) == 1 && !strings.Contains(rep.Conflicts[0].Reason, "in the field and on the server") {
			t.Errorf("conflict reason %q does not say both sides changed", rep.Conflicts[0].Reason)
		}
		if i == 0 {
			wantChanges(t, "updated", rep.Updated, []Change{{Kind: KindPlace, ID: other.ID, Fields: []string{"Meaning"}}})
		} else {
			wantChanges(t, "updated on the second sync", rep.Updated, nil)
		}
		got, err := srv.GetPlace(ctx, fieldP.ID)
		must(t, err)
		if d := storetest.Diff(stripped(serverP), stripped(got)); d != "" {
			t.Errorf("sync %d overwrote the server's record: %s", i+1, d)
		}
	}
}

func TestSyncFieldCreates(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	mk := firstMarker(t, file)
	line, err := file.GetBoundaryLine(ctx, mk.LineID)
	must(t, err)
	up := storetest.Upload("field-2025.csv")
	round := storetest.Round(line, 2025)
	place := storetest.Place("外业新地名", "Waiye Xindiming", 109.25, 28.49, "500241")
	must(t, file.CreateSurveyUpload(ctx, up))
	must(t, file.CreateInspectionRound(ctx, round))
	lv := storetest.Version(line, data.SourceResurvey, line.CodeA)
	lv.UploadID = up.ID
	must(t, file.CreateLineVersion(ctx, lv))
	must(t, file.CreatePlace(ctx, place))
	status := &data.MarkerStatusRecord{MarkerID: mk.ID, At: time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC),
		Status: data.StatusDamaged, Flags: []string{"tilted"}, RoundID: round.ID, Note: "外业发现倾斜 found tilted"}
	must(t, file.AddMarkerStatus(ctx, status))

	rep := sync(t, file, srv, m)
	wantChanges(t, "created", rep.Created, []Change{
		{Kind: KindSurveyUpload, ID: up.ID}, {Kind: KindInspectionRound, ID: round.ID},
		{Kind: KindLineVersion, ID: lv.ID}, {Kind: KindPlace, ID: place.ID},
		{Kind: KindMarkerStatus, ID: StatusID(status)},
	})
	// The new status record is the marker's latest, so the marker's status
	// changed in the field too.
	wantChanges(t, "updated", rep.Updated, []Change{{Kind: KindMarker, ID: mk.ID, Fields: []string{"Status"}}})
	gotP, err := srv.GetPlace(ctx, place.ID)
	must(t, err)
	draft := *place // a place created by sync is a draft, whatever the file says
	draft.Review, draft.ReviewedBy, draft.ReviewedAt = data.ReviewDraft, "", time.Time{}
	if d := storetest.Diff(stripped(&draft), stripped(gotP)); d != "" {
		t.Errorf("created place: %s", d)
	}
	gotM, err := srv.GetMarker(ctx, mk.ID)
	must(t, err)
	if gotM.Status != data.StatusDamaged {
		t.Errorf("server marker status %s, want damaged", gotM.Status)
	}
	wantQuiet(t, "second sync", sync(t, file, srv, m))
	must(t, file.UpdatePlace(ctx, &draft))
	sameRecords(t, "server after sync", readAll(t, file), readAll(t, srv))
}

// editSign changes the status of a sign in the file the way QGIS would,
// with SQL, and returns the sign's ID and the server's sign before sync.
func editSign(t *testing.T, srv data.Store, path string) (string, *data.Sign) {
	t.Helper()
	ctx := context.Background()
	db := editor(t, path)
	var id string
	must(t, db.QueryRowContext(ctx, `SELECT id FROM signs ORDER BY id LIMIT 1`).Scan(&id))
	before, err := srv.GetSign(ctx, id)
	must(t, err)
	status := "missing"
	if before.Status == status {
		status = "good"
	}
	_, err = db.ExecContext(ctx, `UPDATE signs SET status = ? WHERE id = ?`, status, id)
	must(t, err)
	return id, before
}

// plainStore hides every method of a store beyond data.Store, in its
// transactions too: a server that cannot update signs.
type plainStore struct{ data.Store }

func (s plainStore) Atomic(ctx context.Context, fn func(tx data.Store) error) error {
	return s.Store.Atomic(ctx, func(tx data.Store) error { return fn(plainStore{tx}) })
}

// TestSyncUnsupported: a server that cannot update signs gets a sign
// changed in the field reported, not sent.
func TestSyncUnsupported(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, path, m := export(t, srv, Selection{})
	id, before := editSign(t, srv, path)
	rep := sync(t, file, plainStore{srv}, m)
	wantChanges(t, "unsupported", rep.Unsupported, []Change{{Kind: KindSign, ID: id, Fields: []string{"Status"}}})
	if !rep.HasProblems() {
		t.Error("HasProblems is false with an unsupported change")
	}
	after, err := srv.GetSign(ctx, id)
	must(t, err)
	if after.Status != before.Status {
		t.Errorf("server sign status %q, want %q kept", after.Status, before.Status)
	}
}

// TestSyncSignUpdate: a server that can update signs (UpdateSign) gets the
// field's change.
func TestSyncSignUpdate(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	if _, ok := data.Store(srv).(signUpdater); !ok {
		t.Fatal("the PostGIS store has no UpdateSign: sign edits from the field could not be sent")
	}
	file, path, m := export(t, srv, Selection{})
	id, _ := editSign(t, srv, path)
	rep := sync(t, file, srv, m)
	wantChanges(t, "updated", rep.Updated, []Change{{Kind: KindSign, ID: id, Fields: []string{"Status"}}})
	want, err := file.GetSign(ctx, id)
	must(t, err)
	got, err := srv.GetSign(ctx, id)
	must(t, err)
	if d := storetest.Diff(stripped(want), stripped(got)); d != "" {
		t.Errorf("server sign after sync: %s", d)
	}
	wantQuiet(t, "second sync", sync(t, file, srv, m))
}

// editor opens the GeoPackage at path for raw SQL edits, the way a desktop
// GIS does. Its connection knows the SQL functions the GeoPackage R-tree
// triggers name (as stubs: the tests edit no geometry).
func editor(t *testing.T, path string) *sql.DB {
	t.Helper()
	editorOnce.Do(func() {
		d := &sqlite.Driver{}
		stub := func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) { return nil, nil }
		for _, name := range []string{"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"} {
			if err := d.RegisterDeterministicScalarFunction(name, 1, stub); err != nil {
				panic(err)
			}
		}
		sql.Register("sqlite-editor", d)
	})
	db, err := sql.Open("sqlite-editor", path+"?_pragma=busy_timeout(10000)")
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

var editorOnce stdsync.Once

// TestSyncAllOrNothing makes the last write of a sync fail (a new marker
// whose number the server gave another marker meanwhile) and checks that
// the earlier writes did not land.
func TestSyncAllOrNothing(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	mk := firstMarker(t, file)
	line, err := file.GetBoundaryLine(ctx, mk.LineID)
	must(t, err)
	line.Name += " (外业改名 renamed in the field)"
	must(t, file.UpdateBoundaryLine(ctx, line))
	place := storetest.Place("外业新地名", "Waiye Xindiming", 109.25, 28.49, "500241")
	must(t, file.CreatePlace(ctx, place))
	number := line.Code + "999Q"
	fieldMk := storetest.Marker(line, number, mk.Position[0], mk.Position[1])
	must(t, file.CreateMarker(ctx, fieldMk))
	serverMk := storetest.Marker(line, number, mk.Position[0], mk.Position[1])
	must(t, srv.CreateMarker(ctx, serverMk))
	before := readAll(t, srv)

	_, err = Sync(ctx, file, srv, m)
	if data.KindOf(err) != data.KindConflict || !strings.Contains(err.Error(), fieldMk.ID) {
		t.Fatalf("sync error %v (kind %s), want a conflict naming marker %s", err, data.KindOf(err), fieldMk.ID)
	}
	sameRecords(t, "server after a failed sync", before, readAll(t, srv))
}

// TestSyncInvalidRecord edits a place in the file with SQL into one the
// server rejects (a legal class outside 0–8) after a valid change that the
// sync writes first: the sync fails naming the record and field, and the
// server keeps its state.
func TestSyncInvalidRecord(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, path, m := export(t, srv, Selection{})
	mk := firstMarker(t, file)
	line, err := file.GetBoundaryLine(ctx, mk.LineID)
	must(t, err)
	line.Name += " (外业改名 renamed in the field)"
	must(t, file.UpdateBoundaryLine(ctx, line))
	p := firstPlace(t, file, 0)
	_, err = editor(t, path).ExecContext(ctx, `UPDATE places SET legal_class = 42 WHERE id = ?`, p.ID)
	must(t, err)
	before := readAll(t, srv)

	_, err = Sync(ctx, file, srv, m)
	e := data.AsError(err)
	if e == nil || e.Kind != data.KindInvalid || e.Field != "legal_class" || !strings.Contains(err.Error(), p.ID) {
		t.Fatalf("sync error %v, want invalid naming field legal_class and place %s", err, p.ID)
	}
	sameRecords(t, "server after a failed sync", before, readAll(t, srv))
}
