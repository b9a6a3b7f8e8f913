package data

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// rule is one row of a Validate table test: an edit of a valid value that
// breaks one rule, and the field the error must name.
type rule[T any] struct {
	name  string
	edit  func(v *T)
	field string
}

// testRules checks that valid() passes validate and that each rule's edit
// makes validate fail with a KindInvalid error naming the rule's field.
func testRules[T any](t *testing.T, valid func() *T, validate func(*T) error, rules []rule[T]) {
	t.Helper()
	if err := validate(valid()); err != nil {
		t.Fatalf("valid value: %v", err)
	}
	for _, r := range rules {
		v := valid()
		r.edit(v)
		err := validate(v)
		e := AsError(err)
		switch {
		case e == nil:
			t.Errorf("%s: error %v, want a *data.Error", r.name, err)
		case e.Kind != KindInvalid || e.Field != r.field || e.Message == "":
			t.Errorf("%s: %s error on field %q (%v), want invalid on field %q with a message", r.name, e.Kind, e.Field, err, r.field)
		}
	}
}

// testVariants checks that each edit of a valid value stays valid.
func testVariants[T any](t *testing.T, valid func() *T, validate func(*T) error, variants map[string]func(v *T)) {
	t.Helper()
	for name, edit := range variants {
		v := valid()
		edit(v)
		if err := validate(v); err != nil {
			t.Errorf("%s: %v, want valid", name, err)
		}
	}
}

// Fixed values for fixtures.
var (
	id1, id2, id3, id4 = NewID(), NewID(), NewID(), NewID()
	digest             = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" // SHA-256 of "test"
	corner             = orb.Point{109.2702, 28.5035}
)

func ptr[T any](v T) *T { return &v }

func TestEnsureID(t *testing.T) {
	var id string
	if err := EnsureID(&id); err != nil || !ValidID(id) {
		t.Fatalf("EnsureID on empty = %q, %v; want a new ID", id, err)
	}
	kept := id
	if err := EnsureID(&id); err != nil || id != kept {
		t.Fatalf("EnsureID on an ID = %q, %v; want it kept", id, err)
	}
	bad := "xiushan"
	e := AsError(EnsureID(&bad))
	if e == nil || e.Kind != KindInvalid || e.Field != "id" || e.Value != "xiushan" {
		t.Fatalf("EnsureID on %q = %#v, want invalid on field id", bad, e)
	}
}

func TestFormatUUID(t *testing.T) {
	for _, b := range [][16]byte{{}, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10},
		{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}} {
		want := fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
		if got := FormatUUID(b); got != want || !ValidID(got) {
			t.Errorf("FormatUUID(%x) = %q, want %q", b, got, want)
		}
	}
}

func TestCheckSHA256(t *testing.T) {
	for s, ok := range map[string]bool{
		digest:                    true,
		digest[:63]:               false,
		digest + "0":              false,
		"9F86" + digest[4:]:       false, // upper case
		"g" + digest[1:]:          false,
		"":                        false,
		"9f86d081884c7d659a2feaa": false,
	} {
		if err := checkSHA256("sha256", s); (err == nil) != ok {
			t.Errorf("checkSHA256(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

func TestCheckMetres(t *testing.T) {
	for v, ok := range map[float64]bool{0: true, 0.05: true, 1000: true, -0.001: false, 1000.001: false,
		math.NaN(): false, math.Inf(1): false, math.Inf(-1): false} {
		if err := checkMetres("sigma_m", v, 1000); (err == nil) != ok {
			t.Errorf("checkMetres(%g) = %v, want ok=%v", v, err, ok)
		}
	}
}

func TestCheckRule(t *testing.T) {
	for r, ok := range map[string]bool{"C1": true, "C9": true, "C10": true, "C20": true, "C0": false, "C21": false,
		"C08": false, "c8": false, "C": false, "": false, "8": false, "C+8": false, "C-1": false, " C8": false} {
		if err := checkRule(r); (err == nil) != ok {
			t.Errorf("checkRule(%q) = %v, want ok=%v", r, err, ok)
		}
	}
}

func TestQueryValidate(t *testing.T) {
	at := Date(2024, 1, 1)
	var zero time.Time
	valid := func() *Query {
		return &Query{BBox: &orb.Bound{Min: orb.Point{109, 28}, Max: orb.Point{110, 29}}, At: &at,
			Interval: &Period{From: Date(2000, 1, 1), To: Date(2010, 1, 1)}, LineID: id1}
	}
	testRules(t, valid, func(q *Query) error { return q.Validate() }, []rule[Query]{
		{"NaN in bbox", func(q *Query) { q.BBox.Min[0] = math.NaN() }, "bbox"},
		{"infinite bbox", func(q *Query) { q.BBox.Max[1] = math.Inf(1) }, "bbox"},
		{"bbox upside down", func(q *Query) { q.BBox.Min[1] = 30 }, "bbox"},
		{"zero date", func(q *Query) { q.At = &zero }, "datetime"},
		{"interval ending before it begins", func(q *Query) { q.Interval.To = Date(1999, 1, 1) }, "datetime"},
		{"malformed line ID", func(q *Query) { q.LineID = "5052" }, "line_id"},
	})
	testVariants(t, valid, func(q *Query) error { return q.Validate() }, map[string]func(q *Query){
		"zero query":         func(q *Query) { *q = Query{} },
		"point bbox":         func(q *Query) { q.BBox.Max = q.BBox.Min },
		"bbox outside China": func(q *Query) { q.BBox = &orb.Bound{Min: orb.Point{-10, -10}, Max: orb.Point{0, 0}} },
	})
}
