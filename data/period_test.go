package data

import (
	"testing"
	"time"
)

func TestPeriod(t *testing.T) {
	p := Period{From: Date(2005, 1, 1), To: Date(2011, 10, 22)}
	tests := []struct {
		at   Period
		in   bool
		name string
	}{
		{Period{From: Date(2004, 12, 31)}, false, "day before"},
		{Period{From: Date(2005, 1, 1)}, true, "first day"},
		{Period{From: Date(2011, 10, 21)}, true, "last day"},
		{Period{From: Date(2011, 10, 22)}, false, "end is exclusive"},
	}
	for _, tt := range tests {
		if got := p.Contains(tt.at.From); got != tt.in {
			t.Errorf("%s: Contains = %v, want %v", tt.name, got, tt.in)
		}
	}
	next := Period{From: Date(2011, 10, 22)}
	if p.Overlaps(next) || next.Overlaps(p) {
		t.Error("adjacent half-open periods overlap")
	}
	if !p.Overlaps(Period{}) || !(Period{}).Contains(Date(1900, 1, 1)) {
		t.Error("unbounded period")
	}
	if err := (Period{From: Date(2011, 1, 1), To: Date(2011, 1, 1)}).Validate("valid"); err == nil {
		t.Error("empty period passed")
	}
}

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := NewID()
		if !ValidID(id) || id[14] != '7' || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
	if ValidID("not-an-id") || ValidID("0191E1B2-0000-7000-8000-000000000000") {
		t.Error("ValidID accepted a bad id")
	}
}

// TestCivilDays: a period is of the dates its ends name in their own
// location, so a Beijing midnight is that day, not the UTC day before,
// and a period within one day is empty.
func TestCivilDays(t *testing.T) {
	beijing := time.FixedZone("CST", 8*3600)
	if got := Day(time.Date(2005, 3, 1, 0, 0, 0, 0, beijing)); !got.Equal(Date(2005, 3, 1)) {
		t.Errorf("Day(Beijing midnight) = %s, want 2005-03-01", got)
	}
	if got := Day(time.Date(2005, 3, 1, 23, 59, 0, 0, time.UTC)); !got.Equal(Date(2005, 3, 1)) {
		t.Errorf("Day(late UTC) = %s, want 2005-03-01", got)
	}
	if !Day(time.Time{}).IsZero() {
		t.Error("Day(zero) is not zero")
	}
	sameDay := Period{From: Date(2005, 3, 1), To: Date(2005, 3, 1).Add(12 * time.Hour)}
	if err := sameDay.Validate("valid"); err == nil {
		t.Error("a period within one day passed")
	}
	// [03-01 12:00, …) and […, 03-01 18:00) share no instant but the day.
	a := Period{From: Date(2005, 3, 1).Add(12 * time.Hour)}
	b := Period{To: Date(2005, 3, 1).Add(18 * time.Hour)}
	if a.Overlaps(b) {
		t.Error("periods overlap on a day one of them does not hold")
	}
	// Beijing 2005-03-01 00:00 ends a period that a UTC 2005-02-28 starts
	// (the same instant): as days they are adjacent, not overlapping.
	c := Period{From: Date(2005, 2, 28)}
	d := Period{To: time.Date(2005, 3, 1, 0, 0, 0, 0, beijing)}
	if !c.Overlaps(d) {
		t.Error("[02-28, …) and [… , 03-01) share 02-28")
	}
	if (Period{From: time.Date(2005, 3, 1, 0, 0, 0, 0, beijing)}).Overlaps(Period{To: Date(2005, 3, 1)}) {
		t.Error("[03-01 Beijing, …) overlaps [… , 03-01)")
	}
}
