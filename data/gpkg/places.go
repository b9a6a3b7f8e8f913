package gpkg

import (
	"context"

	"github.com/toponym/toponym/data"
)

const placeCols = `id, kind, census_code, category, census_class, legal_class, geom, location_method, precision_m,
	admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by, reviewed_at, valid_from,
	valid_to, sources, registered_by, updated`

func scanPlace(r scanner) (*data.NamedPlace, error) {
	p := &data.NamedPlace{}
	err := r.Scan(&p.ID, (*string)(&p.Kind), strCol{&p.CensusCode}, &p.Category, &p.CensusClass, &p.LegalClass,
		geomCol{&p.Geometry}, &p.LocationMethod, &p.PrecisionM, jsonCol{&p.AdminCodes}, &p.Meaning, &p.History,
		&p.Description, &p.MinZoom, &p.MaxZoom, (*string)(&p.Review), &p.ReviewedBy, timeCol{&p.ReviewedAt},
		timeCol{&p.Valid.From}, timeCol{&p.Valid.To}, jsonCol{&p.Sources}, &p.RegisteredBy, timeCol{&p.Updated})
	return p, err
}

// CreatePlace stores a place with its names. A census code names at most
// one place, and a place has one standard name per language at any date
// (KindConflict).
func (s *Store) CreatePlace(ctx context.Context, p *data.NamedPlace) error {
	if err := checkPlace(p); err != nil {
		return err
	}
	if err := data.EnsureID(&p.ID); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "places", p.ID); err != nil || ok {
			return firstErr(err, conflictf("id", p.ID, "a place with ID %s already exists", p.ID))
		}
		return t.writePlace(ctx, p, sqlInsertPlace)
	})
}

// UpdatePlace replaces a place and all its names (KindNotFound for an
// unknown ID).
func (s *Store) UpdatePlace(ctx context.Context, p *data.NamedPlace) error {
	if err := checkPlace(p); err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if ok, err := t.exists(ctx, "places", p.ID); err != nil || !ok {
			return firstErr(err, data.NotFound("place", p.ID))
		}
		if err := t.unchanged(ctx, "places", p.ID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM place_names WHERE place_id = ?", p.ID); err != nil {
			return mapError("update place", err)
		}
		return t.writePlace(ctx, p, sqlUpdatePlace)
	})
}

func checkPlace(p *data.NamedPlace) error {
	if err := p.Validate(); err != nil {
		return err
	}
	for i := range p.Names {
		n := &p.Names[i]
		if n.ID == "" {
			n.ID = data.NewID()
		}
		for _, m := range p.Names[:i] {
			if n.Status == data.NameStandard && m.Status == data.NameStandard && n.Lang == m.Lang && n.Valid.Overlaps(m.Valid) {
				return conflictf("names", n.Text, "standard names %q and %q of language %q overlap in time", m.Text, n.Text, n.Lang)
			}
		}
	}
	return nil
}

func (t *Store) writePlace(ctx context.Context, p *data.NamedPlace, stmt string) error {
	if p.CensusCode != "" {
		var other string
		err := t.queryRow(ctx, "SELECT id FROM places WHERE census_code = ? AND id <> ?", p.CensusCode, p.ID).Scan(&other)
		if err == nil {
			return conflictf("census_code", p.CensusCode, "place %s already has census code %s", other, p.CensusCode)
		}
		if !isNoRows(err) {
			return mapError("check census code", err)
		}
	}
	args, updated, err := placeArgs(p, p.Sources)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, stmt, args...); err != nil {
		return mapError("write place", err)
	}
	w := newPlaceWriter(t.tx.conn)
	defer w.close()
	if err := w.addNames(ctx, p); err != nil {
		return err
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	p.Updated = updated
	return nil
}

// loadNames fills the names of places, in their stored order.
func (s *Store) loadNames(ctx context.Context, places []*data.NamedPlace) error {
	for _, p := range places {
		names, err := queryAll(ctx, s, "place names", `SELECT id, status, lang, text, pinyin, pinyin_reviewed,
			pronunciation, valid_from, valid_to, citations, approval FROM place_names WHERE place_id = ? ORDER BY ord`,
			func(r scanner) (data.Name, error) {
				var n data.Name
				err := r.Scan(&n.ID, (*string)(&n.Status), &n.Lang, &n.Text, &n.Pinyin, &n.PinyinReviewed,
					&n.Pronunciation, timeCol{&n.Valid.From}, timeCol{&n.Valid.To}, jsonCol{&n.Citations},
					approvalCol{&n.Approval})
				return n, err
			}, p.ID)
		if err != nil {
			return err
		}
		p.Names = names
	}
	return nil
}

// GetPlace returns one place with its names.
func (s *Store) GetPlace(ctx context.Context, id string) (*data.NamedPlace, error) {
	var p *data.NamedPlace
	err := s.read(ctx, func(r *Store) error {
		var err error
		if p, err = scanPlace(r.queryRow(ctx, "SELECT "+placeCols+" FROM places WHERE id = ?", id)); err != nil {
			return notFound(err, "place", id)
		}
		return r.loadNames(ctx, []*data.NamedPlace{p})
	})
	return p, err
}

// ListPlaces lists places with their names by bbox, validity, containing
// unit code prefix, kind and review status.
func (s *Store) ListPlaces(ctx context.Context, q data.Query) (data.Page[*data.NamedPlace], error) {
	w := &where{}
	if q.Code != "" {
		w.add("EXISTS (SELECT 1 FROM json_each(places.admin_codes) WHERE substr(value, 1, ?) = ?)", len(q.Code), string(q.Code))
	}
	if q.Kind != "" {
		w.add("kind = ?", string(q.Kind))
	}
	if q.Review != "" {
		w.add("review = ?", string(q.Review))
	}
	spec := listSpec{table: "places", columns: placeCols, valid: true, geom: true}
	return listPage(ctx, s, spec, q, w, scanPlace, func(r *Store, items []*data.NamedPlace) error {
		return r.loadNames(ctx, items)
	})
}
