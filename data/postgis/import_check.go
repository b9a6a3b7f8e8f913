package postgis

import "github.com/toponym/toponym/data"

// checkStandardNames applies the rule of place_name_standard_overlap_ex to
// the names of a place the import writes: one standard name per language
// at any date. The import writes only fresh places with all their names,
// so the rule concerns those names alone; the rows are stored
// overlap_checked, which the constraint leaves out (migration 0007).
// Periods overlap by their civil dates, as daterange && compares them.
func checkStandardNames(p *data.NamedPlace) error {
	for i, a := range p.Names {
		if a.Status != data.NameStandard {
			continue
		}
		for _, b := range p.Names[i+1:] {
			if b.Status == data.NameStandard && b.Lang == a.Lang && a.Valid.Overlaps(b.Valid) {
				info := constraints["place_name_standard_overlap_ex"]
				return &data.Error{Kind: data.KindConflict, Field: info.field, Message: info.message}
			}
		}
	}
	return nil
}
