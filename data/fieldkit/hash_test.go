package fieldkit

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/storetest"
)

func TestHash(t *testing.T) {
	base := func() *data.NamedPlace {
		return storetest.Place("茶峒", "Chadong", 109.27, 28.50, "433124108")
	}
	shanghai := time.FixedZone("CST", 8*3600)
	same := []struct {
		name string
		edit func(p *data.NamedPlace)
	}{
		{"store-managed Updated", func(p *data.NamedPlace) { p.Updated = time.Now() }},
		{"nil and empty slices", func(p *data.NamedPlace) {
			p.Sources = append(p.Sources[:0:0], p.Sources...)
			p.Names[1].Citations = []string{}
		}},
		{"time zone", func(p *data.NamedPlace) { p.ReviewedAt = p.ReviewedAt.In(shanghai) }},
	}
	want := Hash(base())
	for _, c := range same {
		p := base()
		c.edit(p)
		if got := Hash(p); got != want {
			t.Errorf("%s changes the hash", c.name)
		}
	}
	zero, negZero := base(), base()
	negZero.PrecisionM, zero.PrecisionM = math.Copysign(0, -1), 0
	if Hash(zero) != Hash(negZero) {
		t.Error("-0 and 0 hash differently")
	}
	differ := []struct {
		name  string
		edit  func(p *data.NamedPlace)
		field string
	}{
		{"description", func(p *data.NamedPlace) { p.Description += "." }, "Description"},
		{"a name's pinyin", func(p *data.NamedPlace) { p.Names[0].Pinyin = "Chatong" }, "Names"},
		{"a coordinate by 1e-12", func(p *data.NamedPlace) { p.Geometry = orb.Point{109.27 + 1e-12, 28.50} }, "Geometry"},
		{"geometry type, same coordinates", func(p *data.NamedPlace) {
			p.Geometry = orb.MultiPoint{{109.27, 28.50}}
		}, "Geometry"},
		{"validity end", func(p *data.NamedPlace) { p.Valid.To = data.Date(2030, 1, 1) }, "Valid"},
	}
	for _, c := range differ {
		p := base()
		c.edit(p)
		if Hash(p) == want {
			t.Errorf("%s does not change the hash", c.name)
		}
		if got := DiffFields(base(), p); !slices.Equal(got, []string{c.field}) {
			t.Errorf("%s: DiffFields %v, want [%s]", c.name, got, c.field)
		}
	}
	if len(want) != 64 {
		t.Errorf("hash %q is not hex SHA-256", want)
	}
}

func TestStatusID(t *testing.T) {
	r := &data.MarkerStatusRecord{MarkerID: "m", At: time.Date(2025, 6, 1, 17, 30, 0, 5000, time.FixedZone("CST", 8*3600))}
	if got, want := StatusID(r), "m@2025-06-01T09:30:00.000005Z"; got != want {
		t.Errorf("StatusID = %q, want %q", got, want)
	}
}

func TestReadManifestOfPlainFile(t *testing.T) {
	s, path := newFile(t)
	must(t, s.Close())
	_, err := ReadManifest(context.Background(), path)
	if e := data.AsError(err); e == nil || e.Kind != data.KindInvalid || e.Field != "file" {
		t.Errorf("ReadManifest of a file without one: %v, want invalid naming file", err)
	}
	_, err = ReadManifest(context.Background(), path+".absent")
	if data.KindOf(err) != data.KindInvalid {
		t.Errorf("ReadManifest of a missing file: %v, want invalid", err)
	}
}

func TestExportRefusesNonEmptyDestination(t *testing.T) {
	ctx := context.Background()
	src := server(t)
	dst, _ := newFile(t)
	must(t, dst.CreatePlace(ctx, storetest.POI("已有 existing", 109.2, 28.4)))
	_, err := Export(ctx, src, dst, Selection{})
	if data.KindOf(err) != data.KindConflict {
		t.Errorf("export into a non-empty file: %v, want conflict", err)
	}
}
