package fieldkit

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
)

// placeWith returns the first place of s with review status rv.
func placeWith(t *testing.T, s data.Store, rv data.ReviewStatus, skip int) *data.NamedPlace {
	t.Helper()
	page, err := s.ListPlaces(context.Background(), data.Query{Limit: 1000})
	must(t, err)
	for _, p := range page.Items {
		if p.Review == rv {
			if skip == 0 {
				return p
			}
			skip--
		}
	}
	t.Fatalf("no %s place in the store", rv)
	return nil
}

// TestSyncKeepsReviewState: a field file cannot publish or withdraw a
// place. Sync used to write the field's review status as it was: a draft
// the field marked published was published on the server.
func TestSyncKeepsReviewState(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	field := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)

	draft := placeWith(t, file, data.ReviewDraft, 0) // published in the field, and described
	draft.Review, draft.ReviewedBy, draft.ReviewedAt = data.ReviewPublished, "外业组", field
	draft.Description += " 外业核实 checked in the field"
	must(t, file.UpdatePlace(ctx, draft))
	pub := placeWith(t, file, data.ReviewPublished, 0) // described in the field: stays published
	pubBefore, err := srv.GetPlace(ctx, pub.ID)
	must(t, err)
	pub.Description += " 外业核实"
	must(t, file.UpdatePlace(ctx, pub))
	withdrawn := placeWith(t, file, data.ReviewPublished, 1) // set back to draft in the field only
	withdrawn.Review = data.ReviewDraft
	must(t, file.UpdatePlace(ctx, withdrawn))
	created := storetest.Place("外业新地名", "Waiye Xindiming", 109.25, 28.49, "500241")
	created.Review, created.ReviewedBy, created.ReviewedAt = data.ReviewPublished, "外业组", field
	must(t, file.CreatePlace(ctx, created))

	rep := sync(t, file, srv, m)
	wantChanges(t, "updated", rep.Updated, []Change{
		{Kind: KindPlace, ID: draft.ID, Fields: []string{"Description"}},
		{Kind: KindPlace, ID: pub.ID, Fields: []string{"Description"}},
	})
	wantChanges(t, "created", rep.Created, []Change{{Kind: KindPlace, ID: created.ID}})
	for _, c := range []struct {
		id   string
		want data.ReviewStatus
		by   string
	}{
		{draft.ID, data.ReviewDraft, ""},
		{pub.ID, data.ReviewPublished, pubBefore.ReviewedBy},
		{withdrawn.ID, data.ReviewPublished, withdrawn.ReviewedBy},
		{created.ID, data.ReviewDraft, ""},
	} {
		got, err := srv.GetPlace(ctx, c.id)
		must(t, err)
		if got.Review != c.want || got.ReviewedBy != c.by {
			t.Errorf("place %s on the server: %s by %q, want %s by %q", c.id, got.Review, got.ReviewedBy, c.want, c.by)
		}
	}
	got, err := srv.GetPlace(ctx, pub.ID)
	must(t, err)
	if got.Description != pub.Description || !got.ReviewedAt.Equal(pubBefore.ReviewedAt) {
		t.Errorf("published place: description %q reviewed at %v, want %q at %v", got.Description,
			got.ReviewedAt, pub.Description, pubBefore.ReviewedAt)
	}
	wantQuiet(t, "second sync", sync(t, file, srv, m))
	wantQuiet(t, "sync on the rebased manifest", sync(t, file, srv, m.Rebase(rep)))
}

// renameInField renames, in the field file, the first place it holds in
// review state r, and returns it.
func renameInField(t *testing.T, file data.Store, r data.ReviewStatus) *data.NamedPlace {
	t.Helper()
	p := placeWith(t, file, r, 0)
	p.Names = slices.Clone(p.Names)
	p.Names[0].Text += "新"
	p.Names[0].Pinyin += " Xin"
	must(t, file.UpdatePlace(context.Background(), p))
	return p
}

// TestSyncRenameNeedsReview: a published place renamed in the field goes
// back to draft on the server, through the review workflow (its history
// names the sync's principal), and the report says so. Sync used to keep
// it published under a name nobody had reviewed.
func TestSyncRenameNeedsReview(t *testing.T) {
	ctx := data.WithPrincipal(context.Background(), &data.Principal{Subject: "tester", Role: data.RoleAdmin, Via: data.ViaCLI})
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	p := renameInField(t, file, data.ReviewPublished)

	rep, err := Sync(ctx, file, srv, m)
	must(t, err)
	wantChanges(t, "updated", rep.Updated, []Change{{Kind: KindPlace, ID: p.ID, Fields: []string{"Names"}}})
	if len(rep.Updated) == 1 && !strings.Contains(rep.Updated[0].Reason, "draft") {
		t.Errorf("report reason %q does not say the place went back to draft", rep.Updated[0].Reason)
	}
	var table strings.Builder
	must(t, rep.WriteTable(&table))
	if !strings.Contains(table.String(), "published → draft") {
		t.Errorf("the sync table does not say the place went back to draft:\n%s", table.String())
	}
	got, err := srv.GetPlace(ctx, p.ID)
	must(t, err)
	if got.Review != data.ReviewDraft || got.Names[0].Text != p.Names[0].Text {
		t.Errorf("renamed place on the server: %s named %q, want draft named %q", got.Review, got.Names[0].Text, p.Names[0].Text)
	}
	hist, err := srv.ReviewHistory(ctx, p.ID)
	must(t, err)
	if n := len(hist); n == 0 || hist[n-1].From != data.ReviewPublished || hist[n-1].To != data.ReviewDraft ||
		hist[n-1].By != "cli:tester" {
		t.Errorf("review history %+v, want a last step published → draft by cli:tester", hist)
	}
	wantQuiet(t, "second sync", sync(t, file, srv, m.Rebase(rep)))
}

// TestSyncRenameOfDraft: a draft renamed in the field stays a draft, and
// the report has nothing to say about review.
func TestSyncRenameOfDraft(t *testing.T) {
	ctx := context.Background()
	srv := server(t)
	file, _, m := export(t, srv, Selection{})
	p := renameInField(t, file, data.ReviewDraft)
	rep := sync(t, file, srv, m)
	if len(rep.Updated) != 1 || rep.Updated[0].Reason != "" {
		t.Errorf("updated %+v, want the draft without a reason", rep.Updated)
	}
	got, err := srv.GetPlace(ctx, p.ID)
	must(t, err)
	if got.Review != data.ReviewDraft {
		t.Errorf("renamed draft is %s on the server", got.Review)
	}
}

// TestHashLeavesOutReviewState: a place's review state is the server's,
// not part of what the field edits.
func TestHashLeavesOutReviewState(t *testing.T) {
	p := storetest.Place("外业新地名", "Waiye Xindiming", 109.25, 28.49, "500241")
	q := *p
	q.Review, q.ReviewedBy, q.ReviewedAt = data.ReviewPublished, "someone else", time.Now()
	if Hash(p) != Hash(&q) || len(DiffFields(p, &q)) != 0 {
		t.Errorf("review state changes the hash or the diff: %v", DiffFields(p, &q))
	}
	q.Description = "x"
	if Hash(p) == Hash(&q) {
		t.Error("a description change leaves the hash alone")
	}
}
