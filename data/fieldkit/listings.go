package fieldkit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/toponym/toponym/data"
)

// ListingReader reads protection listings. data.Store can create listings
// but not read them back, so a store that implements ListingReader is read
// through it; for the two stores that do not yet, fieldkit reads their
// tables itself (listingsOf). Drop the fallbacks once data.Store has these
// methods.
type ListingReader interface {
	// GetProtectionListing returns one listing (KindNotFound if unknown).
	GetProtectionListing(ctx context.Context, id string) (*data.ProtectionListing, error)
	// PlaceListings returns the listings of one place, by ID.
	PlaceListings(ctx context.Context, placeID string) ([]*data.ProtectionListing, error)
}

// listingsOf returns the listing reader of s and a function that releases
// it: s itself if it is a ListingReader, a reader on its pool for the
// PostGIS store, on its file for the GeoPackage store, that of the store
// a decorator wraps, nil otherwise.
func listingsOf(s data.Store) (ListingReader, func(), error) {
	switch s := s.(type) {
	case ListingReader:
		return s, func() {}, nil
	case interface{ Pool() *pgxpool.Pool }:
		return pgListings{s.Pool()}, func() {}, nil
	case interface{ Path() string }:
		db, err := openFile(s.Path(), true)
		if err != nil {
			return nil, nil, err
		}
		return sqliteListings{db}, func() { db.Close() }, nil
	case interface{ Unwrap() data.Store }: // a decorator: audit.Store
		return listingsOf(s.Unwrap())
	}
	return nil, func() {}, nil
}

const listingCols = `id, place_id, batch, category, period, listed, authority, document`

// pgListings reads the PostGIS store's protection_listing table.
type pgListings struct{ pool *pgxpool.Pool }

const (
	sqlPGListingCols = `SELECT id::text, place_id::text, batch, category, period, listed, authority, document
FROM protection_listing `
	sqlPGListing       = sqlPGListingCols + `WHERE id = $1::uuid`
	sqlPGPlaceListings = sqlPGListingCols + `WHERE place_id = $1::uuid ORDER BY id`
)

func (r pgListings) GetProtectionListing(ctx context.Context, id string) (*data.ProtectionListing, error) {
	if !data.ValidID(id) {
		return nil, data.NotFound("protection listing", id)
	}
	ls, err := r.query(ctx, sqlPGListing, id)
	if err == nil && len(ls) == 0 {
		err = data.NotFound("protection listing", id)
	}
	if err != nil {
		return nil, err
	}
	return ls[0], nil
}

func (r pgListings) PlaceListings(ctx context.Context, placeID string) ([]*data.ProtectionListing, error) {
	if !data.ValidID(placeID) {
		return nil, nil
	}
	return r.query(ctx, sqlPGPlaceListings, placeID)
}

func (r pgListings) query(ctx context.Context, q, arg string) ([]*data.ProtectionListing, error) {
	rows, err := r.pool.Query(ctx, q, arg)
	if err != nil {
		return nil, unavailable("read protection listings", err)
	}
	defer rows.Close()
	var out []*data.ProtectionListing
	for rows.Next() {
		l := &data.ProtectionListing{}
		var listed *time.Time
		if err := rows.Scan(&l.ID, &l.PlaceID, &l.Batch, &l.Category, &l.Period, &listed, &l.Authority, &l.Document); err != nil {
			return nil, fmt.Errorf("fieldkit: scan protection listing: %w", err)
		}
		if listed != nil {
			l.Listed = listed.UTC()
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, unavailable("read protection listings", err)
	}
	return out, nil
}

// sqliteListings reads the GeoPackage store's protection_listings table.
type sqliteListings struct{ db *sql.DB }

func (r sqliteListings) GetProtectionListing(ctx context.Context, id string) (*data.ProtectionListing, error) {
	ls, err := r.query(ctx, `SELECT `+listingCols+` FROM protection_listings WHERE id = ?`, id)
	if err == nil && len(ls) == 0 {
		err = data.NotFound("protection listing", id)
	}
	if err != nil {
		return nil, err
	}
	return ls[0], nil
}

func (r sqliteListings) PlaceListings(ctx context.Context, placeID string) ([]*data.ProtectionListing, error) {
	return r.query(ctx, `SELECT `+listingCols+` FROM protection_listings WHERE place_id = ? ORDER BY id`, placeID)
}

func (r sqliteListings) query(ctx context.Context, q, arg string) ([]*data.ProtectionListing, error) {
	rows, err := r.db.QueryContext(ctx, q, arg)
	if err != nil {
		return nil, unavailable("read protection listings", err)
	}
	defer rows.Close()
	var out []*data.ProtectionListing
	for rows.Next() {
		l := &data.ProtectionListing{}
		var listed any
		if err := rows.Scan(&l.ID, &l.PlaceID, &l.Batch, &l.Category, &l.Period, &listed, &l.Authority, &l.Document); err != nil {
			return nil, fmt.Errorf("fieldkit: scan protection listing: %w", err)
		}
		if l.Listed, err = sqliteTime(listed); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, unavailable("read protection listings", err)
	}
	return out, nil
}

// sqliteTime reads a time the GeoPackage store wrote: NULL, a date, or an
// RFC 3339 timestamp (the driver may have parsed it already).
func sqliteTime(v any) (time.Time, error) {
	var s string
	switch v := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return v.UTC(), nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return time.Time{}, fmt.Errorf("fieldkit: time column holds %T", v)
	}
	for _, layout := range []string{data.DateLayout, time.RFC3339Nano, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("fieldkit: time %q has an unknown layout", s)
}

func unavailable(what string, err error) error {
	return &data.Error{Kind: data.KindUnavailable, Message: "cannot " + what, Err: fmt.Errorf("fieldkit: %w", err)}
}
