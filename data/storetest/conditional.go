package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// testConditionalWrites: a replace or delete made under data.IfUpdated
// happens only while the record is the version read; otherwise it is
// data.ErrChanged and changes nothing. Without the precondition, writes
// are unconditional; with it, a missing record is still not found.
func testConditionalWrites(t *testing.T, s data.Store) {
	ctx := t.Context()
	ed := editor(t, s)
	p := Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	must(t, s.CreatePlace(ctx, p))
	read, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	asRead := data.IfUpdated(ctx, read.Updated)

	time.Sleep(2 * time.Millisecond) // the next version's Updated differs at either store's precision
	first := *read
	first.Description = "第一次编辑 first edit"
	must(t, s.UpdatePlace(asRead, &first))
	second := *read
	second.Description = "第二次编辑 a second edit of the same version"
	if err := s.UpdatePlace(asRead, &second); !errors.Is(err, data.ErrChanged) {
		t.Errorf("replace of a version replaced since: %v, want ErrChanged", err)
	}
	if err := ed.DeletePlace(asRead, p.ID); !errors.Is(err, data.ErrChanged) {
		t.Errorf("delete of a version replaced since: %v, want ErrChanged", err)
	}
	got, err := s.GetPlace(ctx, p.ID)
	must(t, err)
	if got.Description != first.Description {
		t.Errorf("after refused writes the place says %q, want %q", got.Description, first.Description)
	}
	wantKind(t, "conditional replace of a missing place", s.UpdatePlace(data.IfUpdated(ctx, read.Updated),
		Place("无", "Wu", 109.2, 28.46)), data.KindNotFound, "")
	must(t, ed.DeletePlace(data.IfUpdated(ctx, got.Updated), p.ID))

	sign := &data.Sign{Kind: "road_sign", Position: orb.Point{109.1, 28.3}, Text: "迓驾"}
	must(t, s.CreateSign(ctx, sign))
	stored := *sign
	asRead = data.IfUpdated(ctx, stored.Updated)
	time.Sleep(2 * time.Millisecond)
	edited := stored
	edited.Text = "迓驾村"
	must(t, ed.UpdateSign(asRead, &edited))
	if err := ed.UpdateSign(asRead, &stored); !errors.Is(err, data.ErrChanged) {
		t.Errorf("replace of a sign replaced since: %v, want ErrChanged", err)
	}
	if err := ed.DeleteSign(asRead, sign.ID); !errors.Is(err, data.ErrChanged) {
		t.Errorf("delete of a sign replaced since: %v, want ErrChanged", err)
	}
	must(t, ed.DeleteSign(data.IfUpdated(ctx, edited.Updated), sign.ID))
}
