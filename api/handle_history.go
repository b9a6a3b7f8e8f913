package api

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb/geojson"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// Division history (沿革). Every endpoint answers "as of" a date: ?at=
// YYYY-MM-DD, today when absent. A unit is named by a code it bears or
// bore: /admin-units/520628?at=2010-01-01 is 松桃 as it was in 2010, coded
// 522229 then.

// codeParam parses the {code} path parameter.
func codeParam(r *http.Request) (data.Code, error) {
	raw := chi.URLParam(r, "code")
	c, err := data.ParseCode(raw)
	if err != nil {
		return "", inParam(named("code", raw, err))
	}
	return c, nil
}

// unitFor returns the version on ?at= of the unit named by {code}.
func (s *server) unitFor(r *http.Request, allowed ...string) (*data.AdminUnit, error) {
	if err := checkParams(r.URL.Query(), append(allowed, "at")...); err != nil {
		return nil, inParam(err)
	}
	at, err := s.atParam(r)
	if err != nil {
		return nil, inParam(err)
	}
	code, err := codeParam(r)
	if err != nil {
		return nil, err
	}
	return gazetteer.UnitAt(r.Context(), s.store, code, at)
}

// unitAt serves GET /admin-units/{code}: the unit's version on ?at=.
func (s *server) unitAt(w http.ResponseWriter, r *http.Request) error {
	u, err := s.unitFor(r)
	if err != nil {
		return err
	}
	return writeJSON(w, mediaGeoJSON, http.StatusOK, adminUnitFeature(u))
}

// unitByID serves GET /admin-units/by-id/{unitId}: a unit by its identity
// across versions, its version on ?at=.
func (s *server) unitByID(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query(), "at"); err != nil {
		return inParam(err)
	}
	at, err := s.atParam(r)
	if err != nil {
		return inParam(err)
	}
	id := strings.ToLower(chi.URLParam(r, "unitId"))
	versions, err := s.store.UnitVersions(r.Context(), id)
	if err != nil {
		return err
	}
	for _, v := range versions {
		if v.Valid.Contains(at) {
			return writeJSON(w, mediaGeoJSON, http.StatusOK, adminUnitFeature(v))
		}
	}
	return inParam(&data.Error{Kind: data.KindNotFound, Field: "unitId", Value: id,
		Message: "unit " + quote(id) + " has no version on " + at.Format(data.DateLayout)})
}

// unitVersions serves GET /admin-units/{code}/versions: every version of
// the unit, oldest first, as a feature collection.
func (s *server) unitVersions(w http.ResponseWriter, r *http.Request) error {
	u, err := s.unitFor(r)
	if err != nil {
		return err
	}
	vs, err := s.store.UnitVersions(r.Context(), u.UnitID)
	if err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for _, v := range vs {
		fc.Append(adminUnitFeature(v))
	}
	return writeJSON(w, mediaGeoJSON, http.StatusOK, fc)
}

// unitChain serves GET /admin-units/{code}/chain: the unit's versions and
// the events before and after it with the units on their other side —
// predecessors newest first, successors oldest first.
func (s *server) unitChain(w http.ResponseWriter, r *http.Request) error {
	u, err := s.unitFor(r)
	if err != nil {
		return err
	}
	l, err := gazetteer.Chain(r.Context(), s.store, u.UnitID)
	if err != nil {
		return err
	}
	return writeJSON(w, mediaJSON, http.StatusOK, map[string]any{
		"unit":         versionJSON(u),
		"versions":     versionsJSON(l.Versions),
		"predecessors": stepsJSON(l.Predecessors),
		"successors":   stepsJSON(l.Successors),
	})
}

// unitLPF serves GET /admin-units/{code}/lpf: the unit's history as Linked
// Places Format.
func (s *server) unitLPF(w http.ResponseWriter, r *http.Request) error {
	u, err := s.unitFor(r)
	if err != nil {
		return err
	}
	l, err := gazetteer.Chain(r.Context(), s.store, u.UnitID)
	if err != nil {
		return err
	}
	return writeJSON(w, mediaLPF, http.StatusOK, gazetteer.LPFCollection([]map[string]any{gazetteer.UnitLPF(l, s.baseURL(r))}))
}

// codeHistory serves GET /division-codes/{code}: every version that bore
// the code, with the events that began and ended each.
func (s *server) codeHistory(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r.URL.Query()); err != nil {
		return inParam(err)
	}
	code, err := codeParam(r)
	if err != nil {
		return err
	}
	vs, err := gazetteer.CodeVersions(r.Context(), s.store, code)
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return inParam(&data.Error{Kind: data.KindNotFound, Field: "code", Value: string(code),
			Message: "no unit ever bore code " + string(code)})
	}
	out := []map[string]any{}
	for _, v := range vs {
		m := versionJSON(v)
		for _, k := range []struct{ key, id string }{{"began_by", v.BeganBy}, {"ended_by", v.EndedBy}} {
			if k.id == "" {
				continue
			}
			if e, err := s.store.GetDivisionEvent(r.Context(), k.id); err == nil {
				m[k.key] = eventJSON(e)
			}
		}
		out = append(out, m)
	}
	return writeJSON(w, mediaJSON, http.StatusOK, map[string]any{"code": string(code), "versions": out})
}

// listUnitsAt serves GET /admin-units: the versions valid on ?at= (today
// by default), by level and bbox, paged.
func (s *server) listUnitsAt(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if err := checkParams(v, "at", "level", "bbox", "limit", "offset"); err != nil {
		return inParam(err)
	}
	at, err := s.atParam(r)
	if err != nil {
		return inParam(err)
	}
	q, err := listQuery(v)
	if err != nil {
		return inParam(err)
	}
	q.At, q.Level = &at, data.Level(v.Get("level"))
	if q.Level != "" && !q.Level.Valid() {
		return inParam(data.Invalidf("level", "level %q is not one of province, prefecture, county, township, village", q.Level))
	}
	page, err := s.store.ListAdminUnits(r.Context(), q)
	if err != nil {
		return inParam(err)
	}
	fc := geojson.NewFeatureCollection()
	for _, u := range page.Items {
		fc.Append(adminUnitFeature(u))
	}
	fc.ExtraMembers = geojson.Properties{"numberMatched": page.Matched, "numberReturned": len(page.Items),
		"at": at.Format(data.DateLayout), "links": s.listLinks(r, q.Offset, q.Limit, len(page.Items), page.Matched)}
	return writeJSON(w, mediaGeoJSON, http.StatusOK, fc)
}

func versionJSON(u *data.AdminUnit) map[string]any {
	return map[string]any{"id": u.ID, "unit_id": u.UnitID, "code": string(u.Code), "name": u.Name,
		"level": string(u.Level), "type": u.Type, "parent_id": nilIfEmpty(u.ParentID),
		"valid_from": date(u.Valid.From), "valid_to": date(u.Valid.To)}
}

func versionsJSON(vs []*data.AdminUnit) []map[string]any {
	out := []map[string]any{}
	for _, v := range vs {
		out = append(out, versionJSON(v))
	}
	return out
}

func eventJSON(e *data.DivisionEvent) map[string]any {
	return map[string]any{"id": e.ID, "type": string(e.Type), "date": date(e.Date), "authority": e.Authority,
		"document": e.Document, "description": e.Description}
}

func stepsJSON(steps []gazetteer.Step) []map[string]any {
	out := []map[string]any{}
	for _, st := range steps {
		out = append(out, map[string]any{"event": eventJSON(st.Event), "units": versionsJSON(st.Versions)})
	}
	return out
}
