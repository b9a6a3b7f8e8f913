package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
	"github.com/toponym/toponym/data/pinyin"
	"github.com/toponym/toponym/geo/valid"
)

// placeEntry is the body of POST /places: a place with the census fields
// and its names. Names without pinyin get a proposal by the 1984 rules.
type placeEntry struct {
	Kind            data.PlaceKind    `json:"kind"`
	CensusCode      string            `json:"census_code"`
	Category        string            `json:"category"`
	CensusClass     string            `json:"census_class"`
	LegalClass      int               `json:"legal_class"`
	Geometry        json.RawMessage   `json:"geometry"`
	LocationMethod  string            `json:"location_method"`
	PrecisionM      float64           `json:"precision_m"`
	AdminCodes      []data.Code       `json:"admin_codes"`
	Meaning         string            `json:"meaning"`
	History         string            `json:"history"`
	Description     string            `json:"description"`
	MinZoom         int               `json:"min_zoom"`
	MaxZoom         int               `json:"max_zoom"`
	ValidFrom       string            `json:"valid_from"`
	Sources         []string          `json:"sources"`
	RegisteredBy    string            `json:"registered_by"`
	Names           []nameEntry       `json:"names"`
	PinyinClass     string            `json:"pinyin_class"`
	PinyinOverrides map[string]string `json:"pinyin_overrides"`
}

type nameEntry struct {
	Status        data.NameStatus `json:"status"`
	Lang          string          `json:"lang"`
	Text          string          `json:"text"`
	Pinyin        string          `json:"pinyin"`
	Pronunciation string          `json:"pronunciation"`
	ValidFrom     string          `json:"valid_from"`
	ValidTo       string          `json:"valid_to"`
	Citations     []string        `json:"citations"`
}

// pinyinClasses are the values of pinyin_class but auto.
var pinyinClasses = map[string]pinyin.Class{"administrative": pinyin.ClassAdministrative,
	"natural_village": pinyin.ClassNaturalVillage, "mountain": pinyin.ClassMountain, "water": pinyin.ClassWater,
	"street": pinyin.ClassStreet, "facility": pinyin.ClassFacility}

// pinyinClass returns the spelling class the entry states, or nil when it
// states none or auto: then gazetteer.Enter takes the class of the census
// class (gazetteer.ClassOf).
func (e placeEntry) pinyinClass() (*pinyin.Class, error) {
	if e.PinyinClass == "" || e.PinyinClass == "auto" {
		return nil, nil
	}
	c, ok := pinyinClasses[e.PinyinClass]
	if !ok {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "pinyin_class", Value: e.PinyinClass,
			Message: fmt.Sprintf("pinyin class %q is not one of auto, administrative, natural_village, mountain, water, street, facility", e.PinyinClass)}
	}
	return &c, nil
}

// toPlace converts the entry to a place, checking dates and geometry.
func (e placeEntry) toPlace() (*data.NamedPlace, error) {
	p := &data.NamedPlace{Kind: e.Kind, CensusCode: e.CensusCode, Category: e.Category, CensusClass: e.CensusClass,
		LegalClass: e.LegalClass, LocationMethod: e.LocationMethod, PrecisionM: e.PrecisionM, AdminCodes: e.AdminCodes,
		Meaning: e.Meaning, History: e.History, Description: e.Description, MinZoom: e.MinZoom, MaxZoom: e.MaxZoom,
		Sources: e.Sources, RegisteredBy: e.RegisteredBy}
	if len(e.Geometry) == 0 {
		return nil, data.Invalidf("geometry", "geometry is required (a GeoJSON geometry in lon/lat)")
	}
	g, err := geojson.UnmarshalGeometry(e.Geometry)
	if err != nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "geometry", Message: "geometry is not GeoJSON: " + err.Error()}
	}
	p.Geometry = g.Geometry()
	from, err := optDate("valid_from", e.ValidFrom)
	if err != nil || from != nil {
		if err != nil {
			return nil, err
		}
		p.Valid.From = *from
	}
	for i, n := range e.Names {
		name := data.Name{Status: n.Status, Lang: n.Lang, Text: strings.TrimSpace(n.Text), Pinyin: n.Pinyin,
			Pronunciation: n.Pronunciation, Citations: n.Citations}
		if name.Lang == "" {
			name.Lang = "zh-Hans"
		}
		f, err1 := optDate("names", n.ValidFrom)
		t, err2 := optDate("names", n.ValidTo)
		if err := errors.Join(err1, err2); err != nil {
			return nil, data.Invalidf("names", "name %d: dates are YYYY-MM-DD", i+1)
		}
		if f != nil {
			name.Valid.From = *f
		}
		if t != nil {
			name.Valid.To = *t
		}
		p.Names = append(p.Names, name)
	}
	return p, nil
}

// enterPlace serves POST /places: the entry of a place name or POI. The
// place is stored as a draft; names without pinyin get the spelling
// data/pinyin proposes; the containing units are derived from the
// geometry, fill admin_codes when none are stated and are checked against
// the stated ones (C19). The answer (201) is the stored place, the pinyin
// proposals and the C19 checks.
func (s *server) enterPlace(w http.ResponseWriter, r *http.Request) error {
	var e placeEntry
	if err := decodeBody(r, &e); err != nil {
		return err
	}
	p, err := e.toPlace()
	if err != nil {
		return err
	}
	class, err := e.pinyinClass()
	if err != nil {
		return err
	}
	proposals, err := gazetteer.Enter(p, class, e.PinyinOverrides)
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := valid.Topology("geometry", p.Geometry); err != nil {
		return err
	}
	derived, err := gazetteer.Locate(r.Context(), s.store, p.Geometry, s.today())
	if err != nil {
		return err
	}
	if len(p.AdminCodes) == 0 {
		p.AdminCodes = derivedCodes(derived)
	}
	if err := s.store.CreatePlace(r.Context(), p); err != nil {
		return err
	}
	w.Header().Set("Location", s.baseURL(r)+"/places/"+p.ID)
	return writeJSON(w, mediaJSON, http.StatusCreated, map[string]any{
		"place":       placeFeature(p),
		"pinyin":      proposalsJSON(proposals),
		"containment": containmentJSON(derived, gazetteer.CheckStated(p.AdminCodes, derived)),
	})
}

// today is the server's current civil date.
func (s *server) today() time.Time {
	n := s.cfg.Now().UTC()
	return data.Date(n.Year(), n.Month(), n.Day())
}

// derivedCodes returns the codes of the units that contain a place.
func derivedCodes(cs []gazetteer.Containment) []data.Code {
	var out []data.Code
	for _, c := range cs {
		out = append(out, c.Unit.Code)
	}
	return out
}

func proposalsJSON(ps []gazetteer.Proposal) []map[string]any {
	out := []map[string]any{}
	for _, p := range ps {
		parts := []map[string]string{}
		for _, part := range p.Parts {
			parts = append(parts, map[string]string{"role": part.Role.String(), "label": part.Role.Label(),
				"hanzi": part.Hanzi, "spelling": part.Spelling})
		}
		flags := []map[string]any{}
		for _, f := range p.Flags {
			flags = append(flags, map[string]any{"kind": f.Kind.Label(), "position": f.Pos, "hanzi": f.Hanzi, "message": f.Message,
				"review": f.Review})
		}
		out = append(out, map[string]any{"name": p.Index + 1, "text": p.Text, "spelling": p.Spelling,
			"generated": p.Generated, "needs_review": p.NeedsReview, "parts": parts, "flags": flags,
			"status": "proposal 待审 (generated pinyin is a proposal until the place is reviewed)"})
	}
	return out
}

func containmentJSON(derived []gazetteer.Containment, checks []gazetteer.Check) map[string]any {
	units := []map[string]any{}
	for _, c := range derived {
		units = append(units, map[string]any{"code": string(c.Unit.Code), "name": c.Unit.Name,
			"level": string(c.Unit.Level), "status": c.Status, "boundary_distance_m": round(c.BoundaryDistanceM, 3)})
	}
	cs := []map[string]any{}
	for _, c := range checks {
		cs = append(cs, map[string]any{"rule": "C19", "code": string(c.Code), "status": c.Status,
			"derived": orEmpty(c.Derived), "message": c.Message})
	}
	return map[string]any{"derived": units, "checks": cs, "on_boundary_m": gazetteer.OnBoundaryM}
}

// placeParam returns a stored place named by the placeId path parameter.
func (s *server) placeParam(r *http.Request) (*data.NamedPlace, error) {
	id := strings.ToLower(chi.URLParam(r, "placeId"))
	if !data.ValidID(id) {
		return nil, inParam(&data.Error{Kind: data.KindNotFound, Field: "placeId", Value: id,
			Message: "place " + quote(id) + " does not exist"})
	}
	return s.store.GetPlace(r.Context(), id)
}

// placeContainment serves GET /places/{placeId}/containment: C19 for a
// stored place, on ?at= (default today).
func (s *server) placeContainment(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query(), "at"); err != nil {
		return inParam(err)
	}
	at, err := s.atParam(r)
	if err != nil {
		return inParam(err)
	}
	p, err := s.placeParam(r)
	if err != nil {
		return err
	}
	derived, err := gazetteer.Locate(r.Context(), s.store, p.Geometry, at)
	if err != nil {
		return err
	}
	return writeJSON(w, mediaJSON, http.StatusOK, containmentJSON(derived, gazetteer.CheckStated(p.AdminCodes, derived)))
}

// atParam parses ?at=YYYY-MM-DD, today when absent.
func (s *server) atParam(r *http.Request) (time.Time, error) {
	at, err := optDate("at", r.URL.Query().Get("at"))
	if err != nil || at == nil {
		return s.today(), err
	}
	return *at, nil
}
