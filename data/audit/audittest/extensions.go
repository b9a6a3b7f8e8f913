package audittest

import (
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
	"github.com/toponym/toponym/data/storetest"
)

// RunExtensions checks the audited writes of the store extensions the
// store has (data.FeatureEditor, data.Gazetteer, data.InspectionStore),
// and that the decorator refuses, as unavailable, those it lacks.
func RunExtensions(t *testing.T, open func(t *testing.T) Store) {
	t.Run("FeatureEditor", func(t *testing.T) { testFeatureEditor(t, open(t)) })
	t.Run("Gazetteer", func(t *testing.T) { testGazetteerReview(t, open(t)) })
	t.Run("InspectionStore", func(t *testing.T) { testRoundStatus(t, open(t)) })
}

// last returns the newest audit record of entity id.
func last(t *testing.T, s Store, entity, id string) *data.AuditRecord {
	t.Helper()
	recs, err := s.ListAudit(t.Context(), data.AuditQuery{Entity: entity, EntityID: id})
	must(t, err)
	if len(recs) == 0 {
		t.Fatalf("no audit record of %s %s", entity, id)
	}
	return recs[len(recs)-1]
}

func testFeatureEditor(t *testing.T, s Store) {
	ctx := As(t.Context(), "00000000-0000-7000-8000-0000000000cc", data.RoleAdmin)
	w := wrap(t, s)
	p := storetest.Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	must(t, w.CreatePlace(ctx, p))
	created := last(t, s, audit.EntityPlace, p.ID)
	err := w.DeletePlace(ctx, p.ID)
	if _, ok := data.Store(s).(data.FeatureEditor); !ok {
		wantKind(t, "DeletePlace on a store without it", err, data.KindUnavailable)
		return
	}
	must(t, err)
	del := last(t, s, audit.EntityPlace, p.ID)
	if del.Action != data.AuditDelete || del.Before != created.After || del.After != hash(t, nil) {
		t.Errorf("delete record %+v, want before = the create's after", del)
	}
	_, err = s.GetPlace(ctx, p.ID)
	wantKind(t, "deleted place", err, data.KindNotFound)
	wantKind(t, "delete again", w.DeletePlace(ctx, p.ID), data.KindNotFound)
	if recs, _ := s.ListAudit(ctx, data.AuditQuery{Entity: audit.EntityPlace}); len(recs) != 2 {
		t.Errorf("a failed delete left an audit record: %s", dump(recs))
	}
}

func testGazetteerReview(t *testing.T, s Store) {
	ctx := t.Context()
	w := wrap(t, s)
	p := storetest.Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	p.Review = data.ReviewDraft
	must(t, w.CreatePlace(ctx, p))
	created := last(t, s, audit.EntityPlace, p.ID)
	_, err := w.SetReview(ctx, data.ReviewChange{PlaceID: p.ID, To: data.ReviewReviewed, By: "复核员",
		At: storetest.Stamp(2026, 5, 1, 9, 0)})
	if _, ok := data.Store(s).(data.Gazetteer); !ok {
		wantKind(t, "SetReview on a store without it", err, data.KindUnavailable)
		return
	}
	must(t, err)
	got, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	r := last(t, s, audit.EntityPlace, p.ID)
	if r.Action != data.AuditUpdate || r.Before != created.After || r.After != hash(t, got) || got.Review != data.ReviewReviewed {
		t.Errorf("review record %+v (review now %s)", r, got.Review)
	}
}

func testRoundStatus(t *testing.T, s Store) {
	ctx := t.Context()
	w := wrap(t, s)
	cq, gz := storetest.Unit("500241", "秀山县", 108.9, 28.3), storetest.Unit("520628", "松桃县", 109.1, 28.1)
	must(t, w.CreateAdminUnit(ctx, cq))
	must(t, w.CreateAdminUnit(ctx, gz))
	line := storetest.ProvincialLine(cq, gz)
	must(t, w.CreateBoundaryLine(ctx, line))
	round := storetest.Round(line, 2024)
	must(t, w.CreateInspectionRound(ctx, round))
	created := last(t, s, audit.EntityInspectionRound, round.ID)
	err := w.SetRoundStatus(ctx, round.ID, "validated")
	if _, ok := data.Store(s).(data.InspectionStore); !ok {
		wantKind(t, "SetRoundStatus on a store without it", err, data.KindUnavailable)
		return
	}
	must(t, err)
	got, err := s.GetInspectionRound(ctx, round.ID)
	must(t, err)
	r := last(t, s, audit.EntityInspectionRound, round.ID)
	if r.Action != data.AuditUpdate || r.Before != created.After || r.After != hash(t, got) {
		t.Errorf("round status record %+v", r)
	}
}
