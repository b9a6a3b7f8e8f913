package inspection

import (
	"testing"

	"github.com/toponym/toponym/data"
)

// TestSidesOnly: the provinces hold the rounds of a provincial line
// recorded between two counties; a party above neither side, or a round
// that leaves a side without a party, is refused naming the code.
func TestSidesOnly(t *testing.T) {
	line := &data.BoundaryLine{Code: "4350", CodeA: "433124", CodeB: "500241"}
	for _, c := range []struct {
		parties []data.Code
		bad     data.Code
	}{
		{[]data.Code{"430000", "500000"}, ""},
		{[]data.Code{"433124", "500241"}, ""},
		{[]data.Code{"433124", "500000"}, ""},
		{[]data.Code{"430000", "520000"}, "520000"},
		{[]data.Code{"430000", "433100"}, "500241"}, // 湘西州 is above 花垣县 too: 秀山 has no party
		{[]data.Code{"430000", "500241", "520000"}, "520000"},
	} {
		err := sidesOnly(&data.InspectionRound{Parties: c.parties}, line)
		e := data.AsError(err)
		switch {
		case c.bad == "" && err != nil:
			t.Errorf("parties %v: %v, want accepted", c.parties, err)
		case c.bad != "" && (e == nil || e.Kind != data.KindInvalid || e.Field != "parties" || e.Value != string(c.bad)):
			t.Errorf("parties %v: %v, want refused naming %s", c.parties, err, c.bad)
		}
	}
}
