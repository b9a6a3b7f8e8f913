// Package storetest is the contract every data.Store implementation must
// pass: the PostGIS store now, the GeoPackage store later. Run it from the
// adapter's tests:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) data.Store { return pgtest.Store(t) })
//	}
//
// open must return a new, empty store and arrange for it to be closed when t
// ends. The suite checks create, read, update, list by bounding box and by
// validity (At and Interval), paging, uniqueness and overlap conflicts
// (KindConflict), unknown IDs (KindNotFound), invalid input and dangling
// references (KindInvalid, naming the field), Atomic's all-or-nothing, and
// that every field of every entity, geometry included, round-trips exactly.
// Every store must also be a data.Importer and a data.FeatureEditor: the
// suite checks surveys, uploads with their raw file and kept answer, survey
// records and bulk imports of places (all or nothing, idempotency keys,
// names found by the gazetteer), and deleting places and replacing and
// deleting signs.
//
// Stores keep instants to the microsecond (PostGIS) or the millisecond
// (GeoPackage, whose DATETIME text fixes it), truncated, never rounded up,
// and dates as civil dates (data.Day); the fixtures use whole seconds and
// UTC midnight.
package storetest

import (
	"testing"

	"github.com/toponym/toponym/data"
)

// Run runs the contract suite, one subtest per area, each on a store of its
// own from open.
func Run(t *testing.T, open func(t *testing.T) data.Store) {
	for _, c := range []struct {
		name string
		fn   func(t *testing.T, s data.Store)
	}{
		{"AdminUnits", testAdminUnits},
		{"AdminUnitConflicts", testAdminUnitConflicts},
		{"AdminUnitInvalid", testAdminUnitInvalid},
		{"DivisionEvents", testDivisionEvents},
		{"BoundaryLines", testBoundaryLines},
		{"LineVersions", testLineVersions},
		{"Markers", testMarkers},
		{"MarkerStatus", testMarkerStatus},
		{"TriJunctions", testTriJunctions},
		{"Places", testPlaces},
		{"PlaceConflicts", testPlaceConflicts},
		{"Signs", testSigns},
		{"Inspections", testInspections},
		{"Signatures", testSignatures},
		{"InspectionWorkflow", testInspectionWorkflow},
		{"SurveyUploads", testSurveyUploads},
		{"Surveys", testSurveys},
		{"ImportFeatures", testImportFeatures},
		{"ImportPlaces", testImportPlaces},
		{"ImportRollback", testImportRollback},
		{"ImportIdempotency", testImportIdempotency},
		{"ImportPlaceConflicts", testImportPlaceConflicts},
		{"CivilDates", testCivilDates},
		{"DeletePlace", testDeletePlace},
		{"EditSigns", testEditSigns},
		{"ListBBox", testListBBox},
		{"ListValidity", testListValidity},
		{"ListPaging", testListPaging},
		{"ListFilters", testListFilters},
		{"NotFound", testNotFound},
		{"Atomic", testAtomic},
		{"ImportTimesLikeCreate", testImportTimesLikeCreate},
		{"ImportSetsUpdated", testImportSetsUpdated},
		{"ImportRefusesNonFiniteSource", testImportNonFiniteSource},
		{"AtomicAfterConflict", testAtomicAfterConflict},
		{"DateFields", testDateFields},
		{"FeatureTimes", testFeatureTimes},
		{"ConflictFields", testConflictFields},
		{"Order", testOrder},
		{"ConditionalWrites", testConditionalWrites},
		{"Ping", testPing},
	} {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantKind fails unless err has kind k and, if field is not "", names field.
func wantKind(t *testing.T, what string, err error, k data.Kind, field string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %s", what, k)
		return
	}
	if got := data.KindOf(err); got != k {
		t.Errorf("%s: error kind %s (%v), want %s", what, got, err, k)
		return
	}
	if e := data.AsError(err); field != "" && e.Field != field {
		t.Errorf("%s: error names field %q (%v), want %q", what, e.Field, err, field)
	}
	if e := data.AsError(err); e.Message == "" {
		t.Errorf("%s: error %v has no user message", what, err)
	}
}

// same fails if got differs from want in any field.
func same(t *testing.T, what string, want, got any) {
	t.Helper()
	if d := Diff(want, got); d != "" {
		t.Errorf("%s round trip: %s", what, d)
	}
}
