package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strings"
)

// Batched inserts: rows of a table gather in a batch and go in as one
// multi-row INSERT, a statement prepared once per power-of-two row count
// on the writer connection. A batch group flushes its batches in the order
// they were added to it, parents before children, so every foreign key
// finds its row.

// batchRows is how many rows one statement inserts at most, a power of
// two; with the widest batched table (place_names, 13 columns) it stays far
// below SQLite's limit of 32766 bound parameters.
const batchRows = 512

// batch gathers the rows of one INSERT.
type batch struct {
	what  string // for errors
	head  string // INSERT INTO t (a, b) VALUES
	row   string // (?, ?)
	cols  int
	args  []any
	stmts map[int]*sql.Stmt // by row count
}

// batchGroup is the batches of one write, in dependency order.
type batchGroup struct {
	conn    *sql.Conn
	batches []*batch
	// onErr, if set, turns the error of a batch's statement into the
	// error returned.
	onErr func(b *batch, err error) error
}

// newBatch adds a batch of insert, an INSERT … VALUES head, with cols
// columns, after the batches already in g.
func (g *batchGroup) newBatch(what, insert string, cols int) *batch {
	b := &batch{what: what, head: insert, cols: cols, stmts: map[int]*sql.Stmt{},
		row: "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"}
	g.batches = append(g.batches, b)
	return b
}

// add appends one row to b and flushes the group when b is full.
func (g *batchGroup) add(ctx context.Context, b *batch, args ...any) error {
	if len(args) != b.cols {
		return fmt.Errorf("gpkg: %s: %d values for %d columns", b.what, len(args), b.cols) // a bug
	}
	b.args = append(b.args, args...)
	if len(b.args) < batchRows*b.cols {
		return nil
	}
	return g.flush(ctx)
}

// flush inserts every gathered row, batch by batch in order.
func (g *batchGroup) flush(ctx context.Context) error {
	for _, b := range g.batches {
		if err := g.exec(ctx, b); err != nil {
			return err
		}
	}
	return nil
}

// exec inserts the gathered rows of b in statements of powers of two
// rows, largest first, so that a batch prepares at most log2(batchRows)+1
// statements however its flushes fall.
func (g *batchGroup) exec(ctx context.Context, b *batch) error {
	defer func() {
		clear(b.args)
		b.args = b.args[:0]
	}()
	for args := b.args; len(args) > 0; {
		n := 1 << (bits.Len(uint(len(args)/b.cols)) - 1)
		st, err := g.stmt(ctx, b, n)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args[:n*b.cols]...); err != nil {
			if g.onErr != nil {
				return g.onErr(b, err)
			}
			return mapError(b.what, err)
		}
		args = args[n*b.cols:]
	}
	return nil
}

// stmt returns the statement inserting n rows of b, prepared on first use.
func (g *batchGroup) stmt(ctx context.Context, b *batch, n int) (*sql.Stmt, error) {
	if st := b.stmts[n]; st != nil {
		return st, nil
	}
	q := b.head + " " + strings.TrimSuffix(strings.Repeat(b.row+", ", n), ", ")
	st, err := g.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, mapError(b.what, err)
	}
	b.stmts[n] = st
	return st, nil
}

// close releases the prepared statements.
func (g *batchGroup) close() {
	for _, b := range g.batches {
		for _, st := range b.stmts {
			st.Close()
		}
	}
}
