package data

import "testing"

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
