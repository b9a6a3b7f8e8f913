package data

import (
	"testing"
	"time"
)

func TestCheckReviewTransition(t *testing.T) {
	at := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		from, to ReviewStatus
		by, rev  string
		kind     Kind // KindInternal: allowed
		field    string
		noAt     bool
	}{
		{ReviewDraft, ReviewReviewed, "甲", "", KindInternal, "", false},
		{ReviewReviewed, ReviewPublished, "乙", "甲", KindInternal, "", false},
		{ReviewReviewed, ReviewDraft, "甲", "甲", KindInternal, "", false},
		{ReviewPublished, ReviewDraft, "丙", "甲", KindInternal, "", false},
		{ReviewDraft, ReviewPublished, "甲", "", KindConflict, "status", false},
		{ReviewPublished, ReviewReviewed, "甲", "甲", KindConflict, "status", false},
		{ReviewReviewed, ReviewReviewed, "甲", "甲", KindConflict, "status", false},
		{ReviewDraft, ReviewDraft, "甲", "", KindConflict, "status", false},
		{ReviewReviewed, ReviewPublished, "甲", "甲", KindForbidden, "by", false},
		{ReviewDraft, ReviewReviewed, " ", "", KindInvalid, "by", false},
		{ReviewDraft, ReviewReviewed, "甲", "", KindInvalid, "at", true},
		{ReviewDraft, "approved", "甲", "", KindInvalid, "status", false},
	} {
		ch := ReviewChange{To: c.to, By: c.by, At: at}
		if c.noAt {
			ch.At = time.Time{}
		}
		err := CheckReviewTransition(c.from, ch, c.rev)
		switch {
		case c.kind == KindInternal && err != nil:
			t.Errorf("%s → %s by %q: %v, want allowed", c.from, c.to, c.by, err)
		case c.kind != KindInternal && (KindOf(err) != c.kind || AsError(err).Field != c.field):
			t.Errorf("%s → %s by %q: %v, want %s on %s", c.from, c.to, c.by, err, c.kind, c.field)
		}
	}
}

func TestApplyReviewMarksPinyin(t *testing.T) {
	p := &NamedPlace{Review: ReviewDraft, Names: []Name{{Text: "西安", Pinyin: "Xi'an"}, {Text: "长安"}}}
	at := time.Date(2024, 3, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	ApplyReview(p, ReviewChange{To: ReviewReviewed, By: "甲", At: at})
	if p.Review != ReviewReviewed || p.ReviewedBy != "甲" || p.ReviewedAt.Location() != time.UTC ||
		!p.Names[0].PinyinReviewed || p.Names[1].PinyinReviewed {
		t.Errorf("after review: %+v", p)
	}
}
