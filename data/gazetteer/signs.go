package gazetteer

import (
	"slices"

	"github.com/toponym/toponym/data"
)

// AppendSignStatus adds st to the sign's condition history in date order
// and sets the sign's status to that of the latest entry. Both stores
// call it, so a sign's history reads the same from either.
func AppendSignStatus(sg *data.Sign, st data.SignStatus) {
	st.At = st.At.UTC()
	sg.History = append(sg.History, st)
	slices.SortStableFunc(sg.History, func(a, b data.SignStatus) int { return a.At.Compare(b.At) })
	sg.Status = sg.History[len(sg.History)-1].Status
}
