package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/toponym/toponym/data"
)

const (
	placeCols = `id::text, kind, census_code, category, census_class, legal_class, ST_AsEWKB(geom), location_method,
	precision_m, admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by, reviewed_at,
	lower(valid), upper(valid), sources, registered_by, updated`
	placeVals = `$2, $3, $4, $5, $6, ST_GeomFromEWKB($7), $8, $9, $10::text[], $11, $12, $13, $14, $15, $16, $17,
	$18, daterange($19::date, $20::date, '[)'), $21::jsonb, $22`
	sqlInsertPlace = `INSERT INTO named_place (id, kind, census_code, category, census_class, legal_class, geom,
	location_method, precision_m, admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by,
	reviewed_at, valid, sources, registered_by, updated)
VALUES ($1::uuid, ` + placeVals + `, now())
RETURNING updated`
	sqlUpdatePlace = `UPDATE named_place SET (kind, census_code, category, census_class, legal_class, geom,
	location_method, precision_m, admin_codes, meaning, history, description, min_zoom, max_zoom, review, reviewed_by,
	reviewed_at, valid, sources, registered_by, updated) = (` + placeVals + `, now())
WHERE id = $1::uuid
RETURNING updated`
	sqlGetPlace    = `SELECT ` + placeCols + ` FROM named_place WHERE id = $1::uuid`
	sqlListPlaces  = `SELECT ` + placeCols + `, count(*) OVER () FROM named_place`
	sqlCountPlaces = `SELECT count(*) FROM named_place`
	// A place lies in unit code C if one of its stated units is C or under it.
	condPlaceCode   = `EXISTS (SELECT 1 FROM unnest(admin_codes) c WHERE left(c, length(%[1]s)) = %[1]s)`
	condPlaceKind   = `kind = %s`
	condPlaceReview = `review = %s`
	colPlaceGeom    = `geom`

	nameCols = `id::text, status, lang, text, pinyin, pinyin_reviewed, pronunciation, lower(valid), upper(valid),
	citations, approval`
	sqlDeleteNames = `DELETE FROM place_name WHERE place_id = $1::uuid`
	sqlInsertName  = `INSERT INTO place_name (id, place_id, ord, status, lang, text, pinyin, pinyin_reviewed,
	pronunciation, valid, citations, approval)
VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, daterange($10::date, $11::date, '[)'), $12::jsonb, $13::jsonb)`
	sqlPlaceNames = `SELECT place_id::text, ` + nameCols + ` FROM place_name
WHERE place_id = ANY($1::text[]::uuid[]) ORDER BY place_id, ord`
)

// sqlUpdatePlaceIf is sqlUpdatePlace under a data.IfUpdated precondition ($23, NULL
// for none).
var sqlUpdatePlaceIf = unchanged(sqlUpdatePlace, 23)

func scanPlace(row pgx.Row, extra ...any) (*data.NamedPlace, error) {
	var p data.NamedPlace
	var geom, sources []byte
	var codes []string
	var reviewedAt, from, to *time.Time
	dest := []any{&p.ID, &p.Kind, &p.CensusCode, &p.Category, &p.CensusClass, &p.LegalClass, &geom,
		&p.LocationMethod, &p.PrecisionM, &codes, &p.Meaning, &p.History, &p.Description, &p.MinZoom, &p.MaxZoom,
		&p.Review, &p.ReviewedBy, &reviewedAt, &from, &to, &sources, &p.RegisteredBy, &p.Updated}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	p.AdminCodes, p.ReviewedAt, p.Valid, p.Updated = toCodes(codes), ptrTime(reviewedAt), period(from, to), p.Updated.UTC()
	var err error
	if p.Sources, err = stringList(sources); err != nil {
		return nil, err
	}
	if p.Geometry, err = decodeEWKB(geom); err != nil {
		return nil, geomScanErr("geometry", err)
	}
	return &p, nil
}

func placeArgs(p *data.NamedPlace) ([]any, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	geom, err := geomArg("geometry", p.Geometry)
	if err != nil {
		return nil, err
	}
	sources, err := jsonArg(p.Sources)
	if err != nil {
		return nil, err
	}
	return []any{p.ID, string(p.Kind), p.CensusCode, p.Category, p.CensusClass, p.LegalClass, geom,
		p.LocationMethod, p.PrecisionM, codeStrings(p.AdminCodes), p.Meaning, p.History, p.Description,
		p.MinZoom, p.MaxZoom, string(p.Review), p.ReviewedBy, tsArg(p.ReviewedAt), dateArg(p.Valid.From),
		dateArg(p.Valid.To), sources, p.RegisteredBy}, nil
}

// CreatePlace stores a place with its names in one transaction. Names
// without an ID get one.
func (s *Store) CreatePlace(ctx context.Context, p *data.NamedPlace) error {
	if err := data.EnsureID(&p.ID); err != nil {
		return err
	}
	args, err := placeArgs(p)
	if err != nil {
		return err
	}
	return s.atomic(ctx, func(t *Store) error {
		if err := t.q.QueryRow(ctx, sqlInsertPlace, args...).Scan(&p.Updated); err != nil {
			return mapError("create place", err)
		}
		return t.insertNames(ctx, p)
	})
}

// UpdatePlace replaces a stored place and all its names.
func (s *Store) UpdatePlace(ctx context.Context, p *data.NamedPlace) error {
	if !data.ValidID(p.ID) {
		return data.NotFound("place", p.ID)
	}
	args, err := placeArgs(p)
	if err != nil {
		return err
	}
	args = append(args, preconditionArg(ctx))
	return s.atomic(ctx, func(t *Store) error {
		err := t.q.QueryRow(ctx, sqlUpdatePlaceIf, args...).Scan(&p.Updated)
		if errNoRows(err) {
			return t.missedWrite(ctx, "named_place", "place", p.ID)
		}
		if err != nil {
			return mapError("update place", err)
		}
		if _, err := t.q.Exec(ctx, sqlDeleteNames, p.ID); err != nil {
			return mapError("update place", err)
		}
		return t.insertNames(ctx, p)
	})
}

func (s *Store) insertNames(ctx context.Context, p *data.NamedPlace) error {
	for i := range p.Names {
		n := &p.Names[i]
		if n.ID == "" {
			n.ID = data.NewID()
		}
		citations, err := jsonArg(n.Citations)
		if err != nil {
			return err
		}
		approval, err := approvalArg(n.Approval)
		if err != nil {
			return err
		}
		if _, err := s.q.Exec(ctx, sqlInsertName, n.ID, p.ID, i, string(n.Status), n.Lang, n.Text, n.Pinyin,
			n.PinyinReviewed, n.Pronunciation, dateArg(n.Valid.From), dateArg(n.Valid.To), citations,
			approval); err != nil {
			return mapError("place names", err)
		}
	}
	return s.writeNameKeys(ctx, p)
}

// GetPlace returns one place with its names.
func (s *Store) GetPlace(ctx context.Context, id string) (*data.NamedPlace, error) {
	p, err := getOne(ctx, s, "place", scanPlace, sqlGetPlace, id)
	if err != nil {
		return nil, err
	}
	return p, s.loadNames(ctx, []*data.NamedPlace{p})
}

// ListPlaces lists places by bbox, validity, containing unit code, kind and
// review status, each with its names.
func (s *Store) ListPlaces(ctx context.Context, q data.Query) (data.Page[*data.NamedPlace], error) {
	var f filter
	if err := f.bbox(colPlaceGeom, q); err != nil {
		return data.Page[*data.NamedPlace]{}, err
	}
	f.validity(q)
	if q.Code != "" {
		f.add(condPlaceCode, string(q.Code))
	}
	if q.Kind != "" {
		f.add(condPlaceKind, string(q.Kind))
	}
	if q.Review != "" {
		f.add(condPlaceReview, string(q.Review))
	}
	page, err := list(ctx, s, listSpec[*data.NamedPlace]{sqlListPlaces, sqlCountPlaces, scanPlace}, &f, q)
	if err != nil {
		return page, err
	}
	return page, s.loadNames(ctx, page.Items)
}

func (s *Store) loadNames(ctx context.Context, places []*data.NamedPlace) error {
	if len(places) == 0 {
		return nil
	}
	byID := make(map[string]*data.NamedPlace, len(places))
	ids := make([]string, len(places))
	for i, p := range places {
		byID[p.ID], ids[i] = p, p.ID
	}
	rows, err := s.q.Query(ctx, sqlPlaceNames, ids)
	if err != nil {
		return mapError("place names", err)
	}
	defer rows.Close()
	for rows.Next() {
		var placeID string
		n, err := scanName(rows, &placeID)
		if err != nil {
			return mapError("place names", err)
		}
		byID[placeID].Names = append(byID[placeID].Names, *n)
	}
	return mapError("place names", rows.Err())
}

// scanName scans nameCols; lead receives the columns before them.
func scanName(row pgx.Row, lead ...any) (*data.Name, error) {
	var n data.Name
	var citations, approval []byte
	var from, to *time.Time
	dest := append(lead, &n.ID, &n.Status, &n.Lang, &n.Text, &n.Pinyin, &n.PinyinReviewed, &n.Pronunciation,
		&from, &to, &citations, &approval)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	n.Valid = period(from, to)
	var err error
	if n.Citations, err = stringList(citations); err != nil {
		return nil, err
	}
	n.Approval, err = approvalFromJSON(approval)
	return &n, err
}
