package main

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/gazetteer"
)

// The same statements toponymd's COPY uses (data/postgis/copy.go).
const (
	sqlCopyPlaces = `COPY named_place (id, kind, census_code, category, census_class, legal_class, geom,
	location_method, precision_m, admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by,
	reviewed_at, valid, sources, registered_by) FROM STDIN`
	sqlCopyNames = `COPY place_name (id, place_id, ord, status, lang, text, pinyin, pinyin_reviewed,
	pronunciation, valid, citations, approval, overlap_checked) FROM STDIN`
	sqlCopyNameKeys = `COPY place_name_key (name_id, place_id, ord, status, text, valid, py_key, ini_key, hz_key)
	FROM STDIN`
	sqlCopyPinyinKeys = `COPY pinyin_key (py_key, del_keys) FROM STDIN`
)

// benchFiles are the generated inputs: the GeoJSON text sequence and the
// same rows pre-rendered for COPY (pinyinKeys: the distinct pinyin keys
// with their deletion variants, migration 0009; here every key is distinct).
type benchFiles struct {
	seq, places, names, keys, pinyinKeys string
	seqSize                              int64
}

// generate writes the files for rows points over 渝湘黔 (reused if present).
func generate(dir string, rows int) (*benchFiles, error) {
	f := &benchFiles{
		seq:        filepath.Join(dir, fmt.Sprintf("bench-places-%d.geojsons", rows)),
		places:     filepath.Join(dir, fmt.Sprintf("bench-places-%d.v5.copy", rows)),
		names:      filepath.Join(dir, fmt.Sprintf("bench-names-%d.v5.copy", rows)),
		keys:       filepath.Join(dir, fmt.Sprintf("bench-keys-%d.v5.copy", rows)),
		pinyinKeys: filepath.Join(dir, fmt.Sprintf("bench-pinyin-keys-%d.v5.copy", rows)),
	}
	if fi, err := os.Stat(f.pinyinKeys); err == nil && fi.Size() > 0 {
		st, err := os.Stat(f.seq)
		if err == nil {
			f.seqSize = st.Size()
			return f, nil
		}
	}
	ws := make([]*bufio.Writer, 5)
	fhs := make([]*os.File, 5)
	for i, p := range []string{f.seq, f.places, f.names, f.keys, f.pinyinKeys} {
		fh, err := os.Create(p)
		if err != nil {
			return nil, err
		}
		fhs[i], ws[i] = fh, bufio.NewWriterSize(fh, 1<<20)
	}
	rng := rand.New(rand.NewPCG(2024, 500241))
	upload := uuid(rng)
	for i := range rows {
		// Rounded as the GeoJSON text has them, so the floor's rows are
		// the ones toponymd stores.
		lon := math.Round((108.0+rng.Float64()*2.5)*1e7) / 1e7
		lat := math.Round((27.5+rng.Float64()*2.5)*1e7) / 1e7
		name := fmt.Sprintf("地名%07d", i+1)
		pinyin := fmt.Sprintf("Diming %d", i+1)
		cat := fmt.Sprintf("1%02d", i%100)
		fmt.Fprintf(ws[0], `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.7f,%.7f]},`+
			`"properties":{"名称":"%s","拼音":"%s","类别":"%s","legal_class":8}}`+"\n", lon, lat, name, pinyin, cat)
		pid := uuid(rng)
		fmt.Fprintf(ws[1], "%s\tplace_name\t\t%s\t\t8\t%s\t\t0\t{}\t\t\t\t0\t0\tdraft\t\t\\N\t[,)\t[\"upload:%s\"]\t\n",
			pid, cat, pointHex(lon, lat), upload)
		nid := uuid(rng)
		fmt.Fprintf(ws[2], "%s\t%s\t0\tstandard\tzh-Hans\t%s\t%s\tfalse\t\t[,)\t[]\t\\N\ttrue\n", nid, pid, name, pinyin)
		k := gazetteer.NameKeys(data.Name{Status: data.NameStandard, Text: name, Pinyin: pinyin})
		fmt.Fprintf(ws[3], "%s\t%s\t0\tstandard\t%s\t[,)\t%s\t%s\t%s\n", nid, pid, name, k.Pinyin, k.Initials, k.Hanzi)
		fmt.Fprintf(ws[4], "%s\t{\"%s\"}\n", k.Pinyin, strings.Join(gazetteer.Variants(k.Pinyin), `","`))
	}
	for i := range ws {
		if err := ws[i].Flush(); err != nil {
			return nil, err
		}
		if err := fhs[i].Close(); err != nil {
			return nil, err
		}
	}
	st, err := os.Stat(f.seq)
	if err != nil {
		return nil, err
	}
	f.seqSize = st.Size()
	return f, nil
}

// pointHex is a point as hex EWKB with SRID 4490.
func pointHex(lon, lat float64) string {
	var b [25]byte
	b[0] = 1
	binary.LittleEndian.PutUint32(b[1:], 1|0x20000000)
	binary.LittleEndian.PutUint32(b[5:], 4490)
	binary.LittleEndian.PutUint64(b[9:], math.Float64bits(lon))
	binary.LittleEndian.PutUint64(b[17:], math.Float64bits(lat))
	return hex.EncodeToString(b[:])
}

var uuidSeq uint64

// uuid returns a version 7 UUID as toponym makes them (data.NewID): a
// time-ordered prefix, so that index inserts stay as local as ours.
func uuid(rng *rand.Rand) string {
	var b [16]byte
	uuidSeq++
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16|uuidSeq&0xffff)
	binary.LittleEndian.PutUint64(b[8:], rng.Uint64())
	b[6] = 0x70 | b[6]&0x0f
	b[8] = 0x80 | b[8]&0x3f
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
