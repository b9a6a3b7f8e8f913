package gpkg

import (
	"context"
	"database/sql"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// The rows of a place: its places row, then its names, their search keys
// (data/gazetteer), one-deletion variants and trigrams. CreatePlace,
// UpdatePlace, ReindexNames and bulk imports all write them through a
// placeWriter, so a place reads and searches alike however it came in.

const (
	sqlInsertPlace = `INSERT INTO places (id, kind, census_code, category, census_class, legal_class, geom,
	location_method, precision_m, admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by,
	reviewed_at, valid_from, valid_to, sources, registered_by, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
	?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)`
	sqlUpdatePlace = `UPDATE places SET kind = ?2, census_code = ?3, category = ?4, census_class = ?5,
	legal_class = ?6, geom = ?7, location_method = ?8, precision_m = ?9, admin_codes = ?10, meaning = ?11,
	history = ?12, description = ?13, min_zoom = ?14, max_zoom = ?15, review = ?16, reviewed_by = ?17,
	reviewed_at = ?18, valid_from = ?19, valid_to = ?20, sources = ?21, registered_by = ?22, updated = ?23
	WHERE id = ?1`
	insertNames = `INSERT INTO place_names (id, place_id, ord, status, lang, text, pinyin, pinyin_reviewed,
	pronunciation, valid_from, valid_to, citations, approval) VALUES`
	insertNameKeys = `INSERT INTO gaz_name_keys (name_id, place_id, ord, status, text, valid_from, valid_to, py_key,
	ini_key) VALUES`
	insertVariants = `INSERT INTO gaz_name_variants (name_id, variant) VALUES`
	insertTrigrams = `INSERT INTO gaz_name_trigrams (name_id, trgm) VALUES`
)

// placeWriter writes the rows of places in batches on the writer
// connection; flush and close it when done.
type placeWriter struct {
	g                               batchGroup
	names, keys, variants, trigrams *batch
}

func newPlaceWriter(conn *sql.Conn) *placeWriter {
	w := &placeWriter{g: batchGroup{conn: conn}}
	w.names = w.g.newBatch("write place names", insertNames, 13)
	w.keys = w.g.newBatch("write name keys", insertNameKeys, 9)
	w.variants = w.g.newBatch("write name variants", insertVariants, 2)
	w.trigrams = w.g.newBatch("write name trigrams", insertTrigrams, 2)
	w.g.onErr = func(b *batch, err error) error {
		if b == w.names && data.KindOf(mapError("", err)) == data.KindConflict {
			return conflictf("names", "", "a name ID of the place belongs to another place")
		}
		return mapError(b.what, err)
	}
	return w
}

func (w *placeWriter) flush(ctx context.Context) error { return w.g.flush(ctx) }
func (w *placeWriter) close()                          { w.g.close() }

// placeArgs returns the values of p's places row (sqlInsertPlace's
// parameters), with sources in place of p's, and the time it is stamped
// with.
func placeArgs(p *data.NamedPlace, sources []string) ([]any, time.Time, error) {
	geom, err := geomVal("geometry", p.Geometry)
	if err != nil {
		return nil, time.Time{}, err
	}
	codes, err1 := jsonVal(p.AdminCodes)
	srcs, err2 := jsonVal(sources)
	if err := firstErr(err1, err2); err != nil {
		return nil, time.Time{}, err
	}
	updated := now()
	return []any{p.ID, string(p.Kind), strVal(p.CensusCode), p.Category, p.CensusClass, p.LegalClass, geom,
		p.LocationMethod, p.PrecisionM, codes, p.Meaning, p.History, p.Description, p.MinZoom, p.MaxZoom,
		string(p.Review), p.ReviewedBy, timeVal(p.ReviewedAt), dateVal(p.Valid.From), dateVal(p.Valid.To), srcs,
		p.RegisteredBy, timeVal(updated)}, updated, nil
}

// addNames adds the rows of p's names and their search keys.
func (w *placeWriter) addNames(ctx context.Context, p *data.NamedPlace) error {
	for i, n := range p.Names {
		citations, err := jsonVal(n.Citations)
		if err != nil {
			return err
		}
		approval, err := approvalVal(n.Approval)
		if err != nil {
			return err
		}
		if err := w.g.add(ctx, w.names, n.ID, p.ID, i, string(n.Status), n.Lang, n.Text, n.Pinyin,
			n.PinyinReviewed, n.Pronunciation, dateVal(n.Valid.From), dateVal(n.Valid.To), citations,
			approval); err != nil {
			return err
		}
	}
	return w.addKeys(ctx, p)
}

// addKeys adds the search keys, variants and trigrams of p's names.
func (w *placeWriter) addKeys(ctx context.Context, p *data.NamedPlace) error {
	for i, n := range p.Names {
		k := gazetteer.NameKeys(n)
		if err := w.g.add(ctx, w.keys, n.ID, p.ID, i, string(n.Status), n.Text, dateVal(n.Valid.From),
			dateVal(n.Valid.To), k.Pinyin, k.Initials); err != nil {
			return err
		}
		for _, v := range gazetteer.Variants(k.Pinyin) {
			if err := w.g.add(ctx, w.variants, n.ID, v); err != nil {
				return err
			}
		}
		for _, g := range gazetteer.Trigrams(k.Pinyin) {
			if err := w.g.add(ctx, w.trigrams, n.ID, g); err != nil {
				return err
			}
		}
	}
	return nil
}
