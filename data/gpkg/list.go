package gpkg

import (
	"context"
	"fmt"
	"strings"

	"github.com/toponym/toponym/data"
)

// scanner is what *sql.Row and *sql.Rows offer.
type scanner interface{ Scan(dest ...any) error }

// listSpec describes the table a list query reads.
type listSpec struct {
	table   string
	columns string // the select list
	valid   bool   // the table has valid_from and valid_to
	geom    bool   // the table has an R-tree on geom
}

// where collects conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// filters checks q and adds its bbox and validity filters where the table
// has them.
func (w *where) filters(spec listSpec, q data.Query) error {
	if err := q.Validate(); err != nil {
		return err
	}
	if q.BBox != nil && spec.geom {
		b := *q.BBox
		w.add(fmt.Sprintf(`fid IN (SELECT id FROM rtree_%s_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)
			AND toponym_intersects(geom, ?, ?, ?, ?)`, spec.table),
			b.Max[0], b.Min[0], b.Max[1], b.Min[1], b.Min[0], b.Min[1], b.Max[0], b.Max[1])
	}
	if !spec.valid {
		return nil
	}
	if q.At != nil {
		at := dateVal(*q.At)
		w.add("(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR ? < valid_to)", at, at)
	}
	if p := q.Interval; p != nil {
		if !p.From.IsZero() {
			w.add("(valid_to IS NULL OR ? < valid_to)", dateVal(p.From))
		}
		if !p.To.IsZero() {
			w.add("(valid_from IS NULL OR valid_from < ?)", dateVal(p.To))
		}
	}
	return nil
}

// listPage runs a list query: the count of all matches and one page of
// them in ID order (as PostGIS lists them), read from one snapshot.
func listPage[T any](ctx context.Context, s *Store, spec listSpec, q data.Query, w *where,
	scan func(scanner) (T, error), after func(r *Store, items []T) error) (data.Page[T], error) {
	var page data.Page[T]
	if err := w.filters(spec, q); err != nil {
		return page, err
	}
	limit, offset := q.Clamp()
	err := s.read(ctx, func(r *Store) error {
		if err := r.queryRow(ctx, "SELECT count(*) FROM "+spec.table+w.sql(), w.args...).Scan(&page.Matched); err != nil {
			return mapError("count "+spec.table, err)
		}
		rows, err := r.query(ctx, "SELECT "+spec.columns+" FROM "+spec.table+w.sql()+" ORDER BY id LIMIT ? OFFSET ?",
			append(w.args, limit, offset)...)
		if err != nil {
			return mapError("list "+spec.table, err)
		}
		defer rows.Close()
		page.Items = []T{}
		for rows.Next() {
			item, err := scan(rows)
			if err != nil {
				return mapError("scan "+spec.table, err)
			}
			page.Items = append(page.Items, item)
		}
		if err := rows.Err(); err != nil {
			return mapError("list "+spec.table, err)
		}
		if after != nil {
			return after(r, page.Items)
		}
		return nil
	})
	return page, err
}

// read runs fn on a Store whose reads see one snapshot: the transaction's
// inside Atomic, otherwise a read transaction on one reader connection.
func (s *Store) read(ctx context.Context, fn func(r *Store) error) error {
	if s.tx != nil || s.rq != nil {
		return fn(s)
	}
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return mapError("read", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return mapError("read", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "COMMIT")
	r := *s
	r.rq = conn
	return fn(&r)
}

// queryAll runs a query and scans every row.
func queryAll[T any](ctx context.Context, s *Store, what, q string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, mapError(what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		item, err := scan(rows)
		if err != nil {
			return nil, mapError(what, err)
		}
		out = append(out, item)
	}
	return out, mapError(what, rows.Err())
}
