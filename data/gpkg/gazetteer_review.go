package gpkg

import (
	"context"
	"strings"

	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// SetReview moves a place along the review workflow and records the step;
// see data.Gazetteer.
func (s *Store) SetReview(ctx context.Context, c data.ReviewChange) (*data.NamedPlace, error) {
	var out *data.NamedPlace
	err := s.atomic(ctx, func(t *Store) error {
		p, err := t.GetPlace(ctx, c.PlaceID)
		if err != nil {
			return err
		}
		if err := data.CheckReviewTransition(p.Review, c, p.ReviewedBy); err != nil {
			return err
		}
		c.From = p.Review
		data.ApplyReview(p, c)
		if err := t.UpdatePlace(ctx, p); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO place_reviews (place_id, from_status, to_status, by_whom, at, note)
			VALUES (?, ?, ?, ?, ?, ?)`, c.PlaceID, string(c.From), string(c.To), c.By, timeVal(c.At), c.Note); err != nil {
			return mapError("set review", err)
		}
		out = p
		return nil
	})
	return out, err
}

// ReviewHistory returns the review steps of a place, oldest first.
func (s *Store) ReviewHistory(ctx context.Context, placeID string) ([]data.ReviewChange, error) {
	return queryAll(ctx, s, "review history", `SELECT place_id, from_status, to_status, by_whom, at, note
		FROM place_reviews WHERE place_id = ? ORDER BY at, fid`, func(r scanner) (data.ReviewChange, error) {
		var c data.ReviewChange
		err := r.Scan(&c.PlaceID, (*string)(&c.From), (*string)(&c.To), &c.By, timeCol{&c.At}, &c.Note)
		return c, err
	}, placeID)
}

// ListListings lists protection listings; see data.Gazetteer.
func (s *Store) ListListings(ctx context.Context, q data.ListingQuery) (data.Page[*data.ProtectionListing], error) {
	if err := q.Validate(); err != nil {
		return data.Page[*data.ProtectionListing]{}, err
	}
	w := &where{}
	placeArea(w, q.BBox, q.Code)
	for _, c := range []struct{ cond, v string }{{"l.category = ?", q.Category}, {"l.period = ?", q.Period},
		{"l.batch = ?", q.Batch}, {"p.review = ?", string(q.Review)}} {
		if c.v != "" {
			w.add(c.cond, c.v)
		}
	}
	dateIn(w, "l.listed", q.Listed)
	from := ` FROM protection_listings l JOIN places p ON p.id = l.place_id`
	cols := `l.id, l.place_id, l.batch, l.category, l.period, l.listed, l.authority, l.document`
	return joinedPage(ctx, s, cols, from, "l.id", w, q.Limit, q.Offset, func(r scanner) (*data.ProtectionListing, error) {
		l := &data.ProtectionListing{}
		err := r.Scan(&l.ID, &l.PlaceID, &l.Batch, &l.Category, &l.Period, dateCol{&l.Listed}, &l.Authority, &l.Document)
		return l, err
	})
}

// FindSigns lists signs; see data.Gazetteer.
func (s *Store) FindSigns(ctx context.Context, q data.SignQuery) (data.Page[*data.Sign], error) {
	if err := q.Validate(); err != nil {
		return data.Page[*data.Sign]{}, err
	}
	w := &where{}
	if b := q.BBox; b != nil {
		w.add(`s.fid IN (SELECT id FROM rtree_signs_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)
			AND toponym_intersects(s.geom, ?, ?, ?, ?)`,
			b.Max[0], b.Min[0], b.Max[1], b.Min[1], b.Min[0], b.Min[1], b.Max[0], b.Max[1])
	}
	placeArea(w, nil, q.Code)
	for _, c := range []struct{ cond, v string }{{"s.kind = ?", q.Kind}, {"s.status = ?", q.Status},
		{"l.category = ?", q.Category}, {"l.period = ?", q.Period}, {"p.review = ?", string(q.Review)},
		{"s.place_id = ?", q.PlaceID}} {
		if c.v != "" {
			w.add(c.cond, c.v)
		}
	}
	dateIn(w, "s.installed", q.Installed)
	from := ` FROM signs s LEFT JOIN places p ON p.id = s.place_id LEFT JOIN protection_listings l ON l.id = s.listing_id`
	cols := "s." + strings.ReplaceAll(signCols, ", ", ", s.")
	return joinedPage(ctx, s, cols, from, "s.id", w, q.Limit, q.Offset, scanSign)
}

// placeArea adds the area conditions on the joined place p.
func placeArea(w *where, b *orb.Bound, code data.Code) {
	if b != nil {
		w.add(`p.fid IN (SELECT id FROM rtree_places_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)
			AND toponym_intersects(p.geom, ?, ?, ?, ?)`,
			b.Max[0], b.Min[0], b.Max[1], b.Min[1], b.Min[0], b.Min[1], b.Max[0], b.Max[1])
	}
	if code != "" {
		w.add("EXISTS (SELECT 1 FROM json_each(p.admin_codes) WHERE substr(value, 1, ?) = ?)", len(code), string(code))
	}
}

// dateIn adds "col lies in p" for a date column: dates are stored as
// text, so the comparison is on the first ten characters.
func dateIn(w *where, col string, p *data.Period) {
	if p == nil {
		return
	}
	if !p.From.IsZero() {
		w.add("substr("+col+", 1, 10) >= ?", dateVal(p.From))
	}
	if !p.To.IsZero() {
		w.add("substr("+col+", 1, 10) < ?", dateVal(p.To))
	}
	w.add(col + " IS NOT NULL")
}

// joinedPage runs a count and one page of a joined query ordered by
// orderBy, in one snapshot.
func joinedPage[T any](ctx context.Context, s *Store, cols, from, orderBy string, w *where, limit, offset int,
	scan func(scanner) (T, error)) (data.Page[T], error) {
	limit, offset = data.Query{Limit: limit, Offset: offset}.Clamp()
	var page data.Page[T]
	err := s.read(ctx, func(r *Store) error {
		if err := r.queryRow(ctx, "SELECT count(*)"+from+w.sql(), w.args...).Scan(&page.Matched); err != nil {
			return mapError("count", err)
		}
		items, err := queryAll(ctx, r, "list", "SELECT "+cols+from+w.sql()+" ORDER BY "+orderBy+" LIMIT ? OFFSET ?",
			scan, append(w.args, limit, offset)...)
		page.Items = items
		return err
	})
	return page, err
}

// AddSignStatus appends to a sign's condition history; see data.Gazetteer.
func (s *Store) AddSignStatus(ctx context.Context, signID string, st data.SignStatus) (*data.Sign, error) {
	if err := st.Validate(); err != nil {
		return nil, err
	}
	var out *data.Sign
	err := s.atomic(ctx, func(t *Store) error {
		sg, err := t.GetSign(ctx, signID)
		if err != nil {
			return err
		}
		gazetteer.AppendSignStatus(sg, st)
		history, err := jsonVal(sg.History)
		if err != nil {
			return err
		}
		sg.Updated = now()
		if _, err := t.exec(ctx, `UPDATE signs SET history = ?, status = ?, updated = ? WHERE id = ?`,
			history, strVal(sg.Status), timeVal(sg.Updated), sg.ID); err != nil {
			return mapError("add sign status", err)
		}
		out = sg
		return nil
	})
	return out, err
}
