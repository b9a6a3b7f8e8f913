package data

import (
	"strings"
	"testing"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		in      string
		level   Level
		parent  Code
		wantErr string
	}{
		{in: "500000", level: LevelProvince},
		{in: "433100", level: LevelPrefecture, parent: "430000"},
		{in: "500241", level: LevelCounty, parent: "500000"}, // 秀山: a county directly under Chongqing
		{in: "433124", level: LevelCounty, parent: "433100"}, // 花垣 under 湘西州
		{in: "520628", level: LevelCounty, parent: "520600"},
		{in: "500241109", level: LevelTownship, parent: "500241"},
		{in: "433124108001", level: LevelVillage, parent: "433124108"},
		{in: "50024", wantErr: "5 characters"},
		{in: "5002411090", wantErr: "10 characters"},
		{in: "", wantErr: "0 characters"},
		{in: "50024a", wantErr: "non-digit"},
		{in: "990241", wantErr: "99 is not a GB/T 2260 province code"},
		{in: "500241000", wantErr: "township part 000"},
		{in: "500241700", wantErr: "township part 700"},
		{in: "500241109000", wantErr: "village part 000"},
		{in: "500000109", wantErr: "must lie in a county"},
		{in: "５００２４１", wantErr: "characters"}, // full-width digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseCode(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseCode(%q) error = %v, want it to mention %q", tt.in, err, tt.wantErr)
				}
				if KindOf(err) != KindInvalid {
					t.Errorf("kind = %v, want invalid", KindOf(err))
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCode(%q): %v", tt.in, err)
			}
			if c.Level() != tt.level {
				t.Errorf("Level() = %s, want %s", c.Level(), tt.level)
			}
			if c.Parent() != tt.parent {
				t.Errorf("Parent() = %q, want %q", c.Parent(), tt.parent)
			}
		})
	}
}

func TestCodeClasses(t *testing.T) {
	tests := []struct {
		code, class string
	}{
		{"500241001", "街道"}, {"500241109", "镇"}, {"520628201", "乡"}, {"433124400", "类似乡级单位"},
	}
	for _, tt := range tests {
		if got := MustCode(tt.code).TownshipClass(); got != tt.class {
			t.Errorf("TownshipClass(%s) = %s, want %s", tt.code, got, tt.class)
		}
	}
	if got := MustCode("500241109001").VillageClass(); got != "居委会" {
		t.Errorf("VillageClass = %s", got)
	}
	if got := MustCode("500241109201").VillageClass(); got != "村委会" {
		t.Errorf("VillageClass = %s", got)
	}
	if err := CheckTypeForCode("500241109", "乡"); err == nil {
		t.Error("乡 with a 镇 code (109) passed")
	}
	if err := CheckTypeForCode("500241109", "镇"); err != nil {
		t.Error(err)
	}
	if !MustCode("500000").Contains("500241109001") || MustCode("430000").Contains("500241") {
		t.Error("Contains wrong")
	}
}

func TestParseMarkerNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    MarkerNumber
		wantErr string
	}{
		{in: "4350001A", want: MarkerNumber{"4350", 1, MarkerPairA}},
		{in: "5052012Q", want: MarkerNumber{"5052", 12, MarkerSingle}},
		{in: "4352999E", want: MarkerNumber{"4352", 999, MarkerTripE}},
		{in: "5043001Q", wantErr: "smaller code first (4350)"},
		{in: "5050001Q", wantErr: "two different provinces"},
		{in: "4399001Q", wantErr: "99 is not a province code"},
		{in: "4350000A", wantErr: "starts at 001"},
		{in: "4350001X", wantErr: "type letter"},
		{in: "4350001a", wantErr: "type letter"},
		{in: "435001A", wantErr: "7 characters"},
		{in: "43a0001A", wantErr: "non-digit"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMarkerNumber(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
	if LineCode("52", "50") != "5052" {
		t.Error("LineCode not ordered")
	}
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"500241", "500241109", "433124108001", "", "99", "5002411090"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			if KindOf(err) != KindInvalid {
				t.Fatalf("kind %v", KindOf(err))
			}
			return
		}
		_ = c.Level()
		if p := c.Parent(); p != "" {
			if _, err := ParseCode(string(p)); err != nil {
				t.Fatalf("parent %q of valid %q is invalid: %v", p, c, err)
			}
		}
	})
}

func FuzzParseMarkerNumber(f *testing.F) {
	for _, s := range []string{"4350001A", "5052012Q", "", "5043001Q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseMarkerNumber(s)
		if err == nil && n.String() != s {
			t.Fatalf("round trip %q -> %q", s, n.String())
		}
	})
}
