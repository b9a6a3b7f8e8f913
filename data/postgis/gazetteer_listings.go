package postgis

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

const (
	listingCols = `l.id::text, l.place_id::text, l.batch, l.category, l.period, l.listed, l.authority, l.document`
	sqlListings = `SELECT ` + listingCols + `, count(*) OVER () FROM protection_listing l
JOIN named_place p ON p.id = l.place_id`
	sqlCountListings = `SELECT count(*) FROM protection_listing l JOIN named_place p ON p.id = l.place_id`
	sqlFindSigns     = `SELECT s.` + signColsQualified + `, count(*) OVER () FROM sign s
LEFT JOIN named_place p ON p.id = s.place_id LEFT JOIN protection_listing l ON l.id = s.listing_id`
	sqlCountSigns2 = `SELECT count(*) FROM sign s
LEFT JOIN named_place p ON p.id = s.place_id LEFT JOIN protection_listing l ON l.id = s.listing_id`
	signColsQualified = `id::text, coalesce(s.place_id::text, ''), coalesce(s.listing_id::text, ''), s.kind,
	ST_AsEWKB(s.position), s.text, s.spec, s.installed, coalesce(s.status, ''), s.history, s.updated`
	sqlLockSign   = `SELECT 1 FROM sign WHERE id = $1::uuid FOR UPDATE`
	sqlSignStatus = `UPDATE sign SET history = $2::jsonb, status = $3, updated = now() WHERE id = $1::uuid`

	condListingPlaceCode = `EXISTS (SELECT 1 FROM unnest(p.admin_codes) c WHERE left(c, length(%[1]s)) = %[1]s)`
	condDateIn           = `%[1]s >= coalesce(%[2]s::date, '-infinity') AND %[1]s < coalesce(%[3]s::date, 'infinity')`
)

func scanListing(row pgx.Row, extra ...any) (*data.ProtectionListing, error) {
	var l data.ProtectionListing
	var listed *time.Time
	dest := []any{&l.ID, &l.PlaceID, &l.Batch, &l.Category, &l.Period, &listed, &l.Authority, &l.Document}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	l.Listed = ptrTime(listed)
	return &l, nil
}

// dateIn adds "col lies in p" for a date column col (a constant).
func (f *filter) dateIn(col string, p *data.Period) {
	if p != nil {
		f.conds = append(f.conds, fmt.Sprintf(condDateIn, col, f.arg(dateArg(p.From)), f.arg(dateArg(p.To))))
	}
}

// ListListings lists protection listings; see data.Gazetteer.
func (s *Store) ListListings(ctx context.Context, q data.ListingQuery) (data.Page[*data.ProtectionListing], error) {
	if err := q.Validate(); err != nil {
		return data.Page[*data.ProtectionListing]{}, err
	}
	var f filter
	if err := f.bbox("p.geom", data.Query{BBox: q.BBox}); err != nil {
		return data.Page[*data.ProtectionListing]{}, err
	}
	if q.Code != "" {
		f.add(condListingPlaceCode, string(q.Code))
	}
	for _, c := range []struct{ col, v string }{{"l.category = %s", q.Category}, {"l.period = %s", q.Period},
		{"l.batch = %s", q.Batch}, {"p.review = %s", string(q.Review)}} {
		if c.v != "" {
			f.add(c.col, c.v)
		}
	}
	f.dateIn("l.listed", q.Listed)
	spec := listSpec[*data.ProtectionListing]{sqlListings, sqlCountListings, scanListing}
	return listBy(ctx, s, spec, &f, data.Query{Limit: q.Limit, Offset: q.Offset}, "l.id")
}

// FindSigns lists signs; see data.Gazetteer.
func (s *Store) FindSigns(ctx context.Context, q data.SignQuery) (data.Page[*data.Sign], error) {
	if err := q.Validate(); err != nil {
		return data.Page[*data.Sign]{}, err
	}
	var f filter
	if err := f.bbox("s.position", data.Query{BBox: q.BBox}); err != nil {
		return data.Page[*data.Sign]{}, err
	}
	if q.Code != "" {
		f.add(condListingPlaceCode, string(q.Code))
	}
	for _, c := range []struct{ col, v string }{{"s.kind = %s", q.Kind}, {"s.status = %s", q.Status},
		{"l.category = %s", q.Category}, {"l.period = %s", q.Period}, {"p.review = %s", string(q.Review)},
		{"s.place_id = %s::uuid", q.PlaceID}} {
		if c.v != "" {
			f.add(c.col, c.v)
		}
	}
	f.dateIn("s.installed", q.Installed)
	spec := listSpec[*data.Sign]{sqlFindSigns, sqlCountSigns2, scanSign}
	return listBy(ctx, s, spec, &f, data.Query{Limit: q.Limit, Offset: q.Offset}, "s.id")
}

// AddSignStatus appends to a sign's condition history; see data.Gazetteer.
func (s *Store) AddSignStatus(ctx context.Context, signID string, st data.SignStatus) (*data.Sign, error) {
	if err := st.Validate(); err != nil {
		return nil, err
	}
	if !data.ValidID(signID) {
		return nil, data.NotFound("sign", signID)
	}
	var out *data.Sign
	err := s.atomic(ctx, func(t *Store) error {
		var one int
		if err := t.q.QueryRow(ctx, sqlLockSign, signID).Scan(&one); err != nil && !errNoRows(err) {
			return mapError("add sign status", err)
		}
		sg, err := t.GetSign(ctx, signID)
		if err != nil {
			return err
		}
		gazetteer.AppendSignStatus(sg, st)
		history, err := rowsArg(sg.History, newSignStatusJSON)
		if err != nil {
			return err
		}
		if _, err := t.q.Exec(ctx, sqlSignStatus, sg.ID, history, nullStr(sg.Status)); err != nil {
			return mapError("add sign status", err)
		}
		out, err = t.GetSign(ctx, signID)
		return err
	})
	return out, err
}

// listBy is list ordered by the column orderBy (a constant), for queries
// that join tables and so must name whose id orders them.
func listBy[T any](ctx context.Context, s *Store, spec listSpec[T], f *filter, q data.Query, orderBy string) (data.Page[T], error) {
	limit, offset := q.Clamp()
	n := len(f.args)
	sql := spec.selectFrom + f.where() + " ORDER BY " + orderBy + fmt.Sprintf(" LIMIT $%d OFFSET $%d", n+1, n+2)
	rows, err := s.q.Query(ctx, sql, append(f.args[:n:n], limit, offset)...)
	if err != nil {
		return data.Page[T]{}, mapError("list", err)
	}
	defer rows.Close()
	page := data.Page[T]{Items: []T{}}
	for rows.Next() {
		item, err := spec.scan(rows, &page.Matched)
		if err != nil {
			return data.Page[T]{}, mapError("list", err)
		}
		page.Items = append(page.Items, item)
	}
	if err := rows.Err(); err != nil {
		return data.Page[T]{}, mapError("list", err)
	}
	if len(page.Items) == 0 && offset > 0 {
		err = s.q.QueryRow(ctx, spec.countFrom+f.where(), f.args...).Scan(&page.Matched)
	}
	return page, mapError("list: count", err)
}
