package fieldkit

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"

	"github.com/toponym/toponym/data"
)

// Export copies what sel selects from src into dst, a new, empty
// GeoPackage store, keeping IDs and referential closure (see the package
// doc), all in one transaction of dst; then records the manifest in dst's
// file and returns it. The manifest's hashes are those of the records as
// read back from dst, so an untouched field file syncs as unchanged.
func Export(ctx context.Context, src, dst data.Store, sel Selection) (Manifest, error) {
	if err := sel.Validate(); err != nil {
		return Manifest{}, err
	}
	file, ok := dst.(interface{ Path() string })
	if !ok {
		return Manifest{}, data.Invalidf("format", "an export is written to a GeoPackage store, not %T", dst)
	}
	if err := checkEmpty(ctx, dst); err != nil {
		return Manifest{}, err
	}
	region, err := resolveRegion(ctx, src, sel)
	if err != nil {
		return Manifest{}, err
	}
	set, err := read(ctx, src, sel, region)
	if err != nil {
		return Manifest{}, err
	}
	if err := dst.Atomic(ctx, func(tx data.Store) error { return write(ctx, tx, set) }); err != nil {
		return Manifest{}, err
	}
	back, err := read(ctx, dst, Selection{}, nil)
	if err != nil {
		return Manifest{}, err
	}
	if got, want := len(back.Records()), len(set.Records()); got != want {
		return Manifest{}, fmt.Errorf("fieldkit: export wrote %d records but reads back %d", want, got)
	}
	m := Manifest{Format: ManifestFormat, ExportedAt: time.Now().UTC(), Source: describe(src),
		Selection: sel, Region: region, Records: hashRecords(back)}
	if err := WriteManifest(ctx, file.Path(), m); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// read collects what sel selects in region from s, with closure.
func read(ctx context.Context, s data.Store, sel Selection, region *orb.Bound) (*Set, error) {
	lr, release, err := listingsOf(s)
	if err != nil {
		return nil, err
	}
	defer release()
	return collect(ctx, s, lr, sel, region)
}

// write creates every record of set through tx, referenced records first.
func write(ctx context.Context, tx data.Store, set *Set) error {
	for _, r := range set.Records() {
		if err := ops[r.Kind].create(ctx, tx, r.Value); err != nil {
			return fmt.Errorf("fieldkit: write %s %s: %w", r.Kind, r.ID, err)
		}
	}
	return nil
}

func hashRecords(set *Set) []RecordHash {
	recs := set.Records()
	out := make([]RecordHash, len(recs))
	for i, r := range recs {
		out[i] = RecordHash{Kind: r.Kind, ID: r.ID, SHA256: Hash(r.Value)}
	}
	return out
}

// checkEmpty fails with KindConflict unless s holds no record of any layer.
func checkEmpty(ctx context.Context, s data.Store) error {
	q := data.Query{Limit: 1}
	counts := []func() (int, error){
		func() (int, error) { p, err := s.ListAdminUnits(ctx, q); return p.Matched, err },
		func() (int, error) { p, err := s.ListBoundaryLines(ctx, q); return p.Matched, err },
		func() (int, error) { p, err := s.ListMarkers(ctx, q); return p.Matched, err },
		func() (int, error) { p, err := s.ListPlaces(ctx, q); return p.Matched, err },
		func() (int, error) { p, err := s.ListSigns(ctx, q); return p.Matched, err },
	}
	for _, count := range counts {
		n, err := count()
		if err != nil {
			return fmt.Errorf("fieldkit: check the destination is empty: %w", err)
		}
		if n > 0 {
			return &data.Error{Kind: data.KindConflict, Field: "o", Message: "an export needs a new, empty GeoPackage; this one holds records"}
		}
	}
	return nil
}

// resolveRegion returns the box sel selects: its BBox, the bounds of the
// current version of its admin unit, or nil for everything.
func resolveRegion(ctx context.Context, src data.Store, sel Selection) (*orb.Bound, error) {
	if sel.BBox != nil {
		b := *sel.BBox
		return &b, nil
	}
	if sel.AdminCode == "" {
		return nil, nil
	}
	now := time.Now().UTC()
	page, err := src.ListAdminUnits(ctx, data.Query{Code: sel.AdminCode, At: &now, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("fieldkit: find admin unit %s: %w", sel.AdminCode, err)
	}
	if len(page.Items) == 0 {
		return nil, &data.Error{Kind: data.KindNotFound, Field: "admin", Value: string(sel.AdminCode),
			Message: "no current admin unit has code " + string(sel.AdminCode)}
	}
	u := page.Items[0]
	if len(u.Geometry) == 0 {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "admin", Value: string(sel.AdminCode),
			Message: "admin unit " + string(u.Code) + " " + u.Name + " has no geometry to take a region from"}
	}
	b := u.Geometry.Bound()
	return &b, nil
}

// describe names a store for the manifest, without credentials.
func describe(s data.Store) string {
	switch s := s.(type) {
	case interface{ Pool() *pgxpool.Pool }:
		c := s.Pool().Config().ConnConfig
		return "postgis://" + net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port))) + "/" + c.Database
	case interface{ Path() string }:
		return "gpkg:" + s.Path()
	}
	return fmt.Sprintf("%T", s)
}
