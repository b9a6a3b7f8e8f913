package audit

import (
	"context"
	"io"

	"github.com/toponym/toponym/data"
)

// The decorator also offers the stores' extensions (data.Importer,
// data.FeatureEditor, data.Gazetteer, data.InspectionStore), their writes
// audited like the Store's. A call the wrapped store does not support
// fails with KindUnavailable, as the API treats a store without the
// extension.

var (
	_ data.Importer        = (*Store)(nil)
	_ data.FeatureEditor   = (*Store)(nil)
	_ data.Gazetteer       = (*Store)(nil)
	_ data.InspectionStore = (*Store)(nil)
)

// Entities of the extensions' writes.
const (
	EntitySurvey         = "survey"
	EntityImport         = "import"
	EntityRoundFindings  = "round_findings"
	EntityFindingAccepts = "finding_acceptances"
)

func unsupported(what string) error {
	return &data.Error{Kind: data.KindUnavailable, Message: "this deployment's store does not support " + what}
}

// ext returns the wrapped store (or transaction) as extension E.
func ext[E any](s data.Store, what string) (E, error) {
	e, ok := s.(E)
	if !ok {
		return e, unsupported(what)
	}
	return e, nil
}

// call runs fn on tx as extension E.
func call[E any](tx data.Store, what string, fn func(E) error) error {
	e, err := ext[E](tx, what)
	if err != nil {
		return err
	}
	return fn(e)
}

func deleted(data.Store) (any, error) { return nil, nil }

// CreateSurvey stores sv and its audit record.
func (s *Store) CreateSurvey(ctx context.Context, sv *data.Survey) error {
	get := func(tx data.Store, ctx context.Context, id string) (*data.Survey, error) {
		imp, err := ext[data.Importer](tx, "surveys")
		if err != nil {
			return nil, err
		}
		return imp.GetSurvey(ctx, id)
	}
	return create(s, ctx, EntitySurvey, &sv.ID, sv, get, func(tx data.Store) error {
		return call(tx, "surveys", func(i data.Importer) error { return i.CreateSurvey(ctx, sv) })
	})
}

// Import stores imp and one audit record for the whole upload: the hash of
// the upload record (which carries the raw file's SHA-256), its target,
// request fingerprint and the number of records stored.
func (s *Store) Import(ctx context.Context, imp *data.Import) (data.ImportResult, error) {
	var res data.ImportResult
	summary := func(data.Store) (any, error) {
		return struct {
			Upload           *data.SurveyUpload
			SurveyID, Target string
			RequestHash      string
			Stored           int
		}{imp.Upload, imp.SurveyID, imp.Target, imp.RequestHash, res.Stored}, nil
	}
	err := s.write(ctx, write{action: data.AuditCreate, entity: EntityImport, after: summary,
		id: func() string { return imp.Upload.ID },
		do: func(tx data.Store) error {
			return call(tx, "uploads", func(i data.Importer) (err error) { res, err = i.Import(ctx, imp); return err })
		}})
	return res, err
}

func (s *Store) importer() (data.Importer, error) { return ext[data.Importer](s.Store, "uploads") }

// GetSurvey reads through.
func (s *Store) GetSurvey(ctx context.Context, id string) (*data.Survey, error) {
	i, err := s.importer()
	if err != nil {
		return nil, err
	}
	return i.GetSurvey(ctx, id)
}

// SurveyUploads reads through.
func (s *Store) SurveyUploads(ctx context.Context, surveyID string) ([]*data.StoredUpload, error) {
	i, err := s.importer()
	if err != nil {
		return nil, err
	}
	return i.SurveyUploads(ctx, surveyID)
}

// UploadByKey reads through.
func (s *Store) UploadByKey(ctx context.Context, key string) (*data.StoredUpload, error) {
	i, err := s.importer()
	if err != nil {
		return nil, err
	}
	return i.UploadByKey(ctx, key)
}

// StoredUpload reads through.
func (s *Store) StoredUpload(ctx context.Context, uploadID string) (*data.StoredUpload, error) {
	i, err := s.importer()
	if err != nil {
		return nil, err
	}
	return i.StoredUpload(ctx, uploadID)
}

// UploadFeatures reads through.
func (s *Store) UploadFeatures(ctx context.Context, uploadID string, limit, offset int) ([]*data.SurveyFeature, error) {
	i, err := s.importer()
	if err != nil {
		return nil, err
	}
	return i.UploadFeatures(ctx, uploadID, limit, offset)
}

// RawFile reads through.
func (s *Store) RawFile(ctx context.Context, uploadID string, w io.Writer) error {
	i, err := s.importer()
	if err != nil {
		return err
	}
	return i.RawFile(ctx, uploadID, w)
}

// DeletePlace removes a place; the record keeps the hash of what was removed.
func (s *Store) DeletePlace(ctx context.Context, id string) error {
	return s.write(ctx, write{action: data.AuditDelete, entity: EntityPlace, id: func() string { return id },
		before: getter(ctx, &id, data.Store.GetPlace), after: deleted,
		do: func(tx data.Store) error {
			return call(tx, "feature edits", func(e data.FeatureEditor) error { return e.DeletePlace(ctx, id) })
		}})
}

// UpdateSign replaces g and records the hashes before and after.
func (s *Store) UpdateSign(ctx context.Context, g *data.Sign) error {
	return update(s, ctx, EntitySign, &g.ID, data.Store.GetSign, func(tx data.Store) error {
		return call(tx, "feature edits", func(e data.FeatureEditor) error { return e.UpdateSign(ctx, g) })
	})
}

// DeleteSign removes a sign; the record keeps the hash of what was removed.
func (s *Store) DeleteSign(ctx context.Context, id string) error {
	return s.write(ctx, write{action: data.AuditDelete, entity: EntitySign, id: func() string { return id },
		before: getter(ctx, &id, data.Store.GetSign), after: deleted,
		do: func(tx data.Store) error {
			return call(tx, "feature edits", func(e data.FeatureEditor) error { return e.DeleteSign(ctx, id) })
		}})
}
