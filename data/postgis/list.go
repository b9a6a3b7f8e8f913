package postgis

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

// filter collects WHERE conditions and their arguments. Conditions are
// fragments fixed in this package; values only ever travel as $n.
type filter struct {
	conds []string
	args  []any
}

// arg adds a value and returns its placeholder.
func (f *filter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

// add appends a condition; each %s in cond takes the placeholder of one value.
func (f *filter) add(cond string, vals ...any) {
	ph := make([]any, len(vals))
	for i, v := range vals {
		ph[i] = f.arg(v)
	}
	f.conds = append(f.conds, fmt.Sprintf(cond, ph...))
}

func (f *filter) where() string {
	if len(f.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.conds, " AND ")
}

// Spatial and temporal conditions. The envelope is built in the column's
// SRID, so the GiST index on the column serves the && test.
const (
	// ST_Envelope turns a degenerate box into the point or line it is, which
	// ST_Intersects handles; a zero-area polygon it does not.
	condBBox = "%[5]s && ST_MakeEnvelope(%[1]s, %[2]s, %[3]s, %[4]s, 4490) AND " +
		"ST_Intersects(%[5]s, ST_Envelope(ST_MakeEnvelope(%[1]s, %[2]s, %[3]s, %[4]s, 4490)))"
	condAt       = "valid @> %s::date"
	condInterval = "valid && daterange(%s::date, %s::date, '[)')"
)

// bbox adds the bounding-box condition on the geometry column col (a
// constant of this package). It checks q first, for every list.
func (f *filter) bbox(col string, q data.Query) error {
	if err := q.Validate(); err != nil || q.BBox == nil {
		return err
	}
	b := *q.BBox
	ph := []any{f.arg(b.Min[0]), f.arg(b.Min[1]), f.arg(b.Max[0]), f.arg(b.Max[1]), col}
	f.conds = append(f.conds, fmt.Sprintf(condBBox, ph...))
	return nil
}

// validity adds the At and Interval conditions on the valid column.
func (f *filter) validity(q data.Query) {
	if q.At != nil {
		f.add(condAt, *q.At)
	}
	if q.Interval != nil {
		f.add(condInterval, dateArg(q.Interval.From), dateArg(q.Interval.To))
	}
}

// listSpec is one entity's list query: columns and table, constants.
type listSpec[T any] struct {
	selectFrom string // "SELECT <cols>, count(*) OVER () FROM <table>"
	countFrom  string // "SELECT count(*) FROM <table>"
	scan       func(row pgx.Row, extra ...any) (T, error)
}

// list runs a page query ordered by id, with Matched from count(*) OVER ().
func list[T any](ctx context.Context, s *Store, spec listSpec[T], f *filter, q data.Query) (data.Page[T], error) {
	limit, offset := q.Clamp()
	sql := spec.selectFrom + f.where() + " ORDER BY id LIMIT " + f.arg(limit) + " OFFSET " + f.arg(offset)
	rows, err := s.q.Query(ctx, sql, f.args...)
	if err != nil {
		return data.Page[T]{}, mapError("list", err)
	}
	defer rows.Close()
	var page data.Page[T]
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
		// Past the last row, count(*) OVER () has no row to ride on.
		args := f.args[:len(f.args)-2]
		if err := s.q.QueryRow(ctx, spec.countFrom+f.where(), args...).Scan(&page.Matched); err != nil {
			return data.Page[T]{}, mapError("list: count", err)
		}
	}
	return page, nil
}

// collect runs a query and scans every row with scan.
func collect[T any](ctx context.Context, s *Store, op string, scan func(pgx.Row, ...any) (T, error), sql string, args ...any) ([]T, error) {
	rows, err := s.q.Query(ctx, sql, args...)
	if err != nil {
		return nil, mapError(op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		item, err := scan(rows)
		if err != nil {
			return nil, mapError(op, err)
		}
		out = append(out, item)
	}
	return out, mapError(op, rows.Err())
}

// getOne runs a single-row query by id, mapping no row to NotFound.
func getOne[T any](ctx context.Context, s *Store, what string, scan func(pgx.Row, ...any) (T, error), sql, id string) (T, error) {
	var zero T
	if !data.ValidID(id) {
		return zero, data.NotFound(what, id)
	}
	item, err := scan(s.q.QueryRow(ctx, sql, id))
	if errNoRows(err) {
		return zero, data.NotFound(what, id)
	}
	if err != nil {
		return zero, mapError("get "+what, err)
	}
	return item, nil
}
