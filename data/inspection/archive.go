package inspection

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/audit"
)

// ArchiveFile is one file of a round's archive with its SHA-256.
type ArchiveFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
}

// Archive writes a zip of everything the round used: the report (JSON,
// HTML), the findings (GeoJSON), the round's records, the agreed line
// and the versions compared, the markers, the audit trail of the round
// (audit.jsonl, where the store keeps an audit log), and manifest.json
// listing each file's SHA-256 and the photos the records name (by hash;
// photo bytes live in the attachment store).
func (s *Service) Archive(ctx context.Context, roundID string, w io.Writer) error {
	rep, err := s.Report(ctx, roundID)
	if err != nil {
		return err
	}
	in, _, err := loader{st: s.store, rr: rep.records, now: s.now()}.input(ctx)
	if err != nil {
		return err
	}
	files, err := rep.archiveFiles(in.Versions)
	if err != nil {
		return err
	}
	trail, err := s.auditFile(ctx, rep.records)
	if err != nil {
		return err
	}
	if trail != nil {
		files = append(files, *trail)
	}
	return writeZip(w, files, rep)
}

// auditFile returns audit.jsonl: the audit records of every write that
// touched the round (audit.RoundTrail), one JSON object a line; nil when
// the store keeps no audit log.
func (s *Service) auditFile(ctx context.Context, rr *data.RoundRecords) (*namedFile, error) {
	log, ok := audit.LogOf(s.store)
	if !ok {
		return nil, nil
	}
	versions, err := s.store.LineVersions(ctx, rr.Round.LineID)
	if err != nil {
		return nil, err
	}
	recs, err := audit.RoundTrail(ctx, log, rr, versions)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := audit.WriteJSONL(&b, recs); err != nil {
		return nil, err
	}
	return &namedFile{"audit.jsonl", b.Bytes()}, nil
}

type namedFile struct {
	name string
	body []byte
}

func (r *Report) archiveFiles(versions []*data.LineVersion) ([]namedFile, error) {
	var html bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		return nil, err
	}
	reportJSON, err1 := json.MarshalIndent(r, "", "  ")
	findings, err2 := FindingsGeoJSON(r.records.Findings)
	records, err3 := json.MarshalIndent(r.records, "", "  ")
	line, err4 := lineGeoJSON(r.line, versions)
	markers, err5 := markersGeoJSON(r.markers)
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			return nil, err
		}
	}
	return []namedFile{{"report.json", reportJSON}, {"report.html", html.Bytes()}, {"findings.geojson", findings},
		{"records.json", records}, {"line.geojson", line}, {"markers.geojson", markers}}, nil
}

func writeZip(w io.Writer, files []namedFile, r *Report) error {
	zw := zip.NewWriter(w)
	manifest := struct {
		RoundID string        `json:"round_id"`
		Digest  string        `json:"report_digest"`
		Created time.Time     `json:"created"`
		Files   []ArchiveFile `json:"files"`
		Photos  []ArchiveFile `json:"photos"`
	}{RoundID: r.Round.ID, Digest: r.Digest, Created: r.Generated, Files: []ArchiveFile{}, Photos: []ArchiveFile{}}
	for _, f := range files {
		sum := sha256.Sum256(f.body)
		manifest.Files = append(manifest.Files, ArchiveFile{f.name, hex.EncodeToString(sum[:]), len(f.body)})
		if err := addZip(zw, f.name, f.body, r.Generated); err != nil {
			return err
		}
	}
	for _, c := range r.records.MarkerChecks {
		for _, p := range c.Photos {
			manifest.Photos = append(manifest.Photos, ArchiveFile{p.Name, p.SHA256, int(p.Size)})
		}
	}
	b, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := addZip(zw, "manifest.json", b, r.Generated); err != nil {
		return err
	}
	return zw.Close()
}

func addZip(zw *zip.Writer, name string, body []byte, mod time.Time) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
	if err != nil {
		return err
	}
	_, err = fw.Write(body)
	return err
}
