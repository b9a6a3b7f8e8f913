package postgis

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// Bulk imports: one transaction per upload. The upload row goes in first,
// then the records by COPY (text format, rows written here and streamed as
// they are parsed), then the raw file as a large object and the answer.
// Nothing is buffered beyond one 64 KiB chunk of COPY data, except the name
// rows of places, which are spilled to a temporary file while named_place
// is copied and copied into place_name after it.
//
// Every place an import writes is fresh (a stored ID fails named_place_pk),
// so the standard-name rule is checked here per place and its names are
// stored overlap_checked, outside the exclusion constraint (migration
// 0007); their search keys are those writeNameKeys stores, and their
// distinct pinyin keys are added to pinyin_key (migration 0009) at the end.

const (
	sqlCopyPlaces = `COPY named_place (id, kind, census_code, category, census_class, legal_class, geom,
	location_method, precision_m, admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by,
	reviewed_at, valid, sources, registered_by) FROM STDIN`
	sqlCopyNames = `COPY place_name (id, place_id, ord, status, lang, text, pinyin, pinyin_reviewed,
	pronunciation, valid, citations, approval, overlap_checked) FROM STDIN`
	sqlCopyNameKeys = `COPY place_name_key (name_id, place_id, ord, status, text, valid, py_key, ini_key, hz_key)
	FROM STDIN`
	sqlCopyFeatures = `COPY survey_feature (upload_id, idx, row_no, layer, geom, source_geom, source_crs, datum,
	z, times, attrs) FROM STDIN`
	// The distinct pinyin keys of an import's names (migration 0009), with
	// their deletion variants; duplicates are left to the insert.
	sqlCreateImportKeys = `CREATE TEMPORARY TABLE import_pinyin_key (py_key text COLLATE "C", del_keys text[])
	ON COMMIT DROP`
	sqlCopyImportKeys   = `COPY import_pinyin_key (py_key, del_keys) FROM STDIN`
	sqlInsertImportKeys = `INSERT INTO pinyin_key (py_key, del_keys)
SELECT DISTINCT ON (py_key) py_key, del_keys FROM import_pinyin_key ORDER BY py_key
ON CONFLICT (py_key) DO NOTHING`
	sqlNoStatementTimeout = `SET LOCAL statement_timeout = 0`
	sqlSurveyExists       = `SELECT EXISTS (SELECT 1 FROM survey WHERE id = $1::uuid)`
	sqlInsertUploadTo     = `INSERT INTO upload_file (upload_id, survey_id, target, request_hash, raw, report)
VALUES ($1::uuid, nullif($2::text, '')::uuid, $3, $4, $5, $6::jsonb)`
)

// copyChunk is the size of COPY data produced per read.
const copyChunk = 60 << 10

var _ data.Importer = (*Store)(nil)

// Import stores imp in one transaction: the upload record (status stored),
// every record, the raw file and the answer. Any error rolls it all back.
func (s *Store) Import(ctx context.Context, imp *data.Import) (data.ImportResult, error) {
	if err := imp.Prepare(); err != nil {
		return data.ImportResult{}, err
	}
	var res data.ImportResult
	err := s.atomic(ctx, func(t *Store) error {
		var err error
		res, err = t.importTx(ctx, imp)
		return err
	})
	if err != nil {
		return data.ImportResult{}, err
	}
	return res, nil
}

func (t *Store) importTx(ctx context.Context, imp *data.Import) (data.ImportResult, error) {
	// A large file takes longer than one statement may: the caller's context
	// bounds the import instead.
	if _, err := t.q.Exec(ctx, sqlNoStatementTimeout); err != nil {
		return data.ImportResult{}, mapError("import", err)
	}
	if imp.Target == data.TargetSurvey {
		var ok bool
		if err := t.q.QueryRow(ctx, sqlSurveyExists, imp.SurveyID).Scan(&ok); err != nil {
			return data.ImportResult{}, mapError("import", err)
		}
		if !ok {
			return data.ImportResult{}, data.NotFound("survey", imp.SurveyID)
		}
	}
	if err := t.CreateSurveyUpload(ctx, imp.Upload); err != nil {
		return data.ImportResult{}, err
	}
	var res data.ImportResult
	var err error
	if imp.Target == data.TargetPlaces {
		// The upload's created and the places' updated are both now(), the
		// transaction's start: the one gives the other.
		res, err = t.copyPlaces(ctx, imp.Upload.ID, imp.Upload.Created.UTC(), imp.Places)
	} else {
		res, err = t.copyFeatures(ctx, imp.Upload.ID, imp.Features)
	}
	if err != nil {
		return data.ImportResult{}, err
	}
	return res, t.keepUpload(ctx, imp, res.Stored)
}

// keepUpload stores the raw file and the answer of an import.
func (t *Store) keepUpload(ctx context.Context, imp *data.Import, stored int) error {
	oid, err := t.writeRaw(ctx, imp.Raw)
	if err != nil {
		return err
	}
	report, err := imp.Report(stored)
	if err != nil {
		return err
	}
	_, err = t.q.Exec(ctx, sqlInsertUploadTo, imp.Upload.ID, imp.SurveyID, imp.Target, imp.RequestHash, oid,
		string(report))
	return mapError("import", err)
}

// writeRaw copies the raw file into a new large object and returns its oid.
func (t *Store) writeRaw(ctx context.Context, open func() (io.ReadCloser, error)) (uint32, error) {
	r, err := open()
	if err != nil {
		return 0, fmt.Errorf("postgis: open raw file: %w", err)
	}
	defer r.Close()
	los := t.tx.LargeObjects()
	oid, err := los.Create(ctx, 0)
	if err != nil {
		return 0, mapError("store raw file", err)
	}
	lo, err := los.Open(ctx, oid, pgx.LargeObjectModeWrite)
	if err != nil {
		return 0, mapError("store raw file", err)
	}
	buf := make([]byte, 1<<20)
	if _, err := io.CopyBuffer(lo, r, buf); err != nil {
		return 0, mapError("store raw file", err)
	}
	return oid, mapError("store raw file", lo.Close())
}

// copyFrom runs one COPY … FROM STDIN in the transaction, pulling its data
// from fill. An error of fill aborts the COPY and is returned as it is.
func (t *Store) copyFrom(ctx context.Context, sql string, fill func([]byte) ([]byte, error)) error {
	r := &rowReader{fill: fill}
	_, err := t.tx.Conn().PgConn().CopyFrom(ctx, r, sql)
	if r.err != nil && r.err != io.EOF {
		return r.err
	}
	return mapError("copy", err)
}

// rowReader is an io.Reader over rows produced on demand, about one chunk
// at a time.
type rowReader struct {
	buf  []byte
	off  int
	err  error
	fill func([]byte) ([]byte, error)
}

func (r *rowReader) Read(p []byte) (int, error) {
	for r.off == len(r.buf) {
		if r.err != nil {
			return 0, r.err
		}
		r.buf, r.err = r.fill(r.buf[:0])
		r.off = 0
	}
	n := copy(p, r.buf[r.off:])
	r.off += n
	return n, nil
}

// copyPlaces copies the places of next into named_place, spilling their
// names and the names' search keys to temporary files, then copies those
// into place_name and place_name_key. Each place's Updated is set to
// updated, the time its row gets.
func (t *Store) copyPlaces(ctx context.Context, uploadID string, updated time.Time,
	next func() (*data.NamedPlace, error)) (data.ImportResult, error) {
	names, err := newSpill("names")
	if err != nil {
		return data.ImportResult{}, err
	}
	defer names.remove()
	keys, err := newSpill("keys")
	if err != nil {
		return data.ImportResult{}, err
	}
	defer keys.remove()
	pyKeys, err := newSpill("pinyin-keys")
	if err != nil {
		return data.ImportResult{}, err
	}
	defer pyKeys.remove()
	pw := placeWriter{source: data.UploadSource(uploadID), updated: updated}
	var res data.ImportResult
	fill := func(buf []byte) ([]byte, error) {
		for len(buf) < copyChunk {
			p, err := next()
			if err != nil {
				return buf, err
			}
			if buf, err = pw.place(buf, p); err != nil {
				return buf, err
			}
			if err := names.write(pw.names(pw.nbuf[:0], p)); err != nil {
				return buf, err
			}
			if err := keys.write(pw.keys(pw.nbuf[:0], p)); err != nil {
				return buf, err
			}
			if len(pw.pyKeys) >= pinyinKeysHeld {
				if err := pw.flushKeys(pyKeys); err != nil {
					return buf, err
				}
			}
			grow(&res, p.Geometry.Bound())
		}
		return buf, nil
	}
	if err := t.copyFrom(ctx, sqlCopyPlaces, fill); err != nil {
		return data.ImportResult{}, err
	}
	if err := t.copySpill(ctx, names, sqlCopyNames); err != nil {
		return data.ImportResult{}, err
	}
	if err := t.copySpill(ctx, keys, sqlCopyNameKeys); err != nil {
		return data.ImportResult{}, err
	}
	if err := pw.flushKeys(pyKeys); err != nil {
		return data.ImportResult{}, err
	}
	return res, t.insertSpilledKeys(ctx, pyKeys)
}

// pinyinKeysHeld is how many distinct pinyin keys an import holds in
// memory before it spills them (duplicates across spills are harmless).
var pinyinKeysHeld = 50_000

// flushKeys writes the held pinyin keys to s as COPY rows of
// import_pinyin_key, each with its deletion variants, and forgets them.
func (w *placeWriter) flushKeys(s *spill) error {
	for k := range w.pyKeys {
		w.kbuf = append(tabKeys(append(w.kbuf[:0], k...), gazetteer.Variants(k)), '\n')
		if err := s.write(w.kbuf); err != nil {
			return err
		}
	}
	clear(w.pyKeys)
	return nil
}

// insertSpilledKeys adds the pinyin keys of a spill to pinyin_key: copied
// into a temporary table, then inserted at once in key order, so that
// writers that add the same new keys lock them in one order.
func (t *Store) insertSpilledKeys(ctx context.Context, s *spill) error {
	if _, err := t.q.Exec(ctx, sqlCreateImportKeys); err != nil {
		return mapError("import pinyin keys", err)
	}
	if err := t.copySpill(ctx, s, sqlCopyImportKeys); err != nil {
		return err
	}
	_, err := t.q.Exec(ctx, sqlInsertImportKeys)
	return mapError("import pinyin keys", err)
}

// spill is a temporary file of COPY rows.
type spill struct {
	f *os.File
	w *bufio.Writer
}

func newSpill(what string) (*spill, error) {
	f, err := os.CreateTemp("", "toponym-"+what+"-*.copy")
	if err != nil {
		return nil, fmt.Errorf("postgis: spill file: %w", err)
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (s *spill) write(b []byte) error {
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("postgis: spill: %w", err)
	}
	return nil
}

func (s *spill) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// copySpill copies a spill file's rows with sql.
func (t *Store) copySpill(ctx context.Context, s *spill, sql string) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("postgis: spill: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("postgis: spill: %w", err)
	}
	br := bufio.NewReaderSize(s.f, copyChunk)
	return t.copyFrom(ctx, sql, func(buf []byte) ([]byte, error) {
		if cap(buf) < copyChunk {
			buf = make([]byte, copyChunk)
		}
		n, err := io.ReadFull(br, buf[:copyChunk])
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		return buf[:n], err
	})
}

// copyFeatures copies the survey records of next into survey_feature.
func (t *Store) copyFeatures(ctx context.Context, uploadID string, next func() (*data.SurveyFeature, error)) (
	data.ImportResult, error) {
	var res data.ImportResult
	fw := featureWriter{uploadID: uploadID}
	fill := func(buf []byte) ([]byte, error) {
		for len(buf) < copyChunk {
			f, err := next()
			if err != nil {
				return buf, err
			}
			if buf, err = fw.feature(buf, f); err != nil {
				return buf, err
			}
			grow(&res, f.Geometry.Bound())
		}
		return buf, nil
	}
	return res, t.copyFrom(ctx, sqlCopyFeatures, fill)
}
