package fieldkit

import (
	"context"
	"slices"
	"time"

	"github.com/toponym/toponym/data"
)

// A place's review state (复核入库: draft → reviewed → published, by two
// different people) belongs to the server's review workflow; a field file
// neither publishes nor withdraws a place. So Sync writes places with the
// server's review state: a new place is a draft; an updated place keeps the
// server's status, reviewer and review time, except that a place the server
// holds as reviewed or published whose names changed in the field goes back
// to draft, because a changed name needs review again. Hash leaves the
// review state out, so a field edit of it alone is no change.

// syncNote is the actor named in the review history when a sync sends a
// place back to draft without a principal in the context.
const syncNote = "fieldkit sync"

// createDraftPlace creates the field's place v on the server as a draft.
func createDraftPlace(ctx context.Context, s data.Store, v any) error {
	p := *v.(*data.NamedPlace)
	p.Review, p.ReviewedBy, p.ReviewedAt = data.ReviewDraft, "", time.Time{}
	return s.CreatePlace(ctx, &p)
}

// updatePlace replaces the server's place cur with the field's v, keeping
// cur's review state; a reviewed or published place whose names changed
// goes back to draft, through the review workflow where the store has one
// (so the review history records it), and the note says so.
func updatePlace(ctx context.Context, s data.Store, v, cur any) (string, error) {
	p, old := *v.(*data.NamedPlace), cur.(*data.NamedPlace)
	p.Review, p.ReviewedBy, p.ReviewedAt = old.Review, old.ReviewedBy, old.ReviewedAt
	if old.Review == data.ReviewDraft || !slices.Contains(DiffFields(old, &p), "Names") {
		return "", s.UpdatePlace(ctx, &p)
	}
	note := "名称已更改，退回草稿待复核 names changed: " + string(old.Review) + " → draft, to be reviewed again"
	g, ok := s.(data.Gazetteer)
	if ok {
		if err := s.UpdatePlace(ctx, &p); err != nil {
			return "", err
		}
		_, err := g.SetReview(ctx, data.ReviewChange{PlaceID: p.ID, To: data.ReviewDraft, By: syncActor(ctx),
			At: time.Now().UTC(), Note: "names changed in the field (sync)"})
		if data.KindOf(err) != data.KindUnavailable {
			return note, err
		}
	}
	p.Review = data.ReviewDraft
	return note, s.UpdatePlace(ctx, &p)
}

// syncActor names who syncs: the context's principal, else syncNote.
func syncActor(ctx context.Context) string {
	if p := data.PrincipalFrom(ctx); p != nil {
		return p.Actor()
	}
	return syncNote
}
