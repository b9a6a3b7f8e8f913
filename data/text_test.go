package data

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestCheckText(t *testing.T) {
	for _, tt := range []struct {
		in, value string
		ok        bool
	}{
		{"清水江畔", "", true},
		{"", "", true},
		{"tab\tand\nnewline", "", true},
		{"清水江\x00畔", `"清水江\x00畔"`, false},
		{"清水江\xff畔", "ff e7 95 94", false},
		{"\xe6\xb8", "e6 b8", false}, // a rune cut short
	} {
		err := CheckText("name", tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("CheckText(%q) = %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if err != nil {
			if e := AsError(err); e.Kind != KindInvalid || e.Field != "name" || e.Value != tt.value {
				t.Errorf("CheckText(%q) = %+v, want invalid on name with value %s", tt.in, e, tt.value)
			}
		}
	}
}

// TestValidateRefusesBadText: every stored type's Validate names the
// first string that holds a NUL or is not UTF-8, by its path.
func TestValidateRefusesBadText(t *testing.T) {
	place := func() *NamedPlace {
		return &NamedPlace{Kind: KindPlaceName, LegalClass: 3, Review: ReviewDraft, Geometry: orb.Point{109.2, 28.4},
			Names: []Name{{Status: NameStandard, Text: "洪安"}, {Status: NameAlias, Text: "洪安场"}}}
	}
	if err := place().Validate(); err != nil {
		t.Fatalf("a sound place: %v", err)
	}
	for _, tt := range []struct {
		field string
		spoil func(p *NamedPlace)
	}{
		{"names[1].text", func(p *NamedPlace) { p.Names[1].Text = "洪\x00安" }},
		{"census_code", func(p *NamedPlace) { p.CensusCode = "\xff" }},
		{"names[0].approval.document", func(p *NamedPlace) { p.Names[0].Approval = &Approval{Document: "\x00"} }},
		{"sources[0]", func(p *NamedPlace) { p.Sources = []string{"普查\x00"} }},
	} {
		p := place()
		tt.spoil(p)
		err := p.Validate()
		if e := AsError(err); err == nil || e.Kind != KindInvalid || e.Field != tt.field {
			t.Errorf("%s spoiled: Validate = %v, want invalid on %s", tt.field, err, tt.field)
		}
	}
	f := &SurveyFeature{Geometry: orb.Point{109, 28}, Attrs: map[string]string{"备注": "x\x00"}}
	if err := checkTexts(f); err == nil || AsError(err).Field != "attrs.备注" {
		t.Errorf("a NUL in a map value: %v, want invalid on attrs.备注", err)
	}
	if err := checkTexts(&SurveyUpload{FileName: "地名.csv\x00"}); err == nil || AsError(err).Field != "file_name" {
		t.Errorf("a NUL in a file name: %v, want invalid on file_name", err)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{"CensusCode": "census_code", "SourceCRS": "source_crs", "ID": "id",
		"PlaceID": "place_id", "Text": "text", "SHA256": "sha256", "MinZoom": "min_zoom"} {
		if got := snake(in); got != want {
			t.Errorf("snake(%s) = %s, want %s", in, got, want)
		}
	}
}
