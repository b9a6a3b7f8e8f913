package storetest

import (
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

// testCivilDates: a date is the day its caller wrote, in the caller's own
// location (data.Day), on every write path; a period within one day is
// refused by every store.
func testCivilDates(t *testing.T, s data.Store) {
	ctx := t.Context()
	beijing := time.FixedZone("CST", 8*3600)
	midnight := time.Date(2005, 3, 1, 0, 0, 0, 0, beijing) // 2005-02-28T16:00Z
	created := Place("洪安", "Hong'an", 109.2, 28.46, "500241109")
	created.Valid = data.Period{From: midnight}
	created.Names[0].Valid = data.Period{From: midnight}
	must(t, s.CreatePlace(ctx, created))
	imported := importedPlace("边城", "Biancheng", 109.25, 28.5, "433124108")
	imported.Valid = data.Period{From: midnight}
	imported.Names[0].Valid = data.Period{From: midnight}
	in := importOf("civil-dates", []byte("边城\n"), data.TargetPlaces, "")
	in.Places = iterate(imported)
	_, err := importer(t, s).Import(ctx, in)
	must(t, err)
	for how, p := range map[string]*data.NamedPlace{"created": created, "imported": imported} {
		got, err := s.GetPlace(ctx, p.ID)
		must(t, err)
		if !got.Valid.From.Equal(data.Date(2005, 3, 1)) || !got.Names[0].Valid.From.Equal(data.Date(2005, 3, 1)) {
			t.Errorf("%s place from Beijing midnight of 2005-03-01: place from %s, name from %s", how,
				got.Valid.From.Format(time.RFC3339), got.Names[0].Valid.From.Format(time.RFC3339))
		}
	}

	halfDay := Place("迓驾", "Yajia", 109.1, 28.3, "520628110")
	halfDay.Names[0].Valid = data.Period{From: data.Date(2005, 3, 1), To: data.Date(2005, 3, 1).Add(12 * time.Hour)}
	err = s.CreatePlace(ctx, halfDay)
	wantKind(t, "a name valid for half a day", err, data.KindInvalid, "")
	in = importOf("half-day", []byte("迓驾\n"), data.TargetPlaces, "")
	in.Places = iterate(halfDay)
	_, err = importer(t, s).Import(ctx, in)
	wantKind(t, "an imported name valid for half a day", err, data.KindInvalid, "")
}
