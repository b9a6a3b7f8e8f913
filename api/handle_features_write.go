package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/tiles"
)

// OGC API – Features Part 4 (create, replace, delete) on the editable
// collections: place-names, pois and signs. Bodies are GeoJSON Features in
// CRS84 (or EPSG:4490 lat/lon with a Content-Crs header); answers are the
// stored feature (201 with Location, 200) or 204 for a delete.

// editable maps collection ids to how their features are written.
var editable = map[string]featureWriter{
	"place-names": placeWriter(data.KindPlaceName),
	"pois":        placeWriter(data.KindPOI),
	"signs":       signWriter{},
}

// featureWriter writes the features of one collection.
type featureWriter interface {
	// create stores a new feature decoded from in.
	create(ctx context.Context, s *server, in *featureIn) (*geojson.Feature, error)
	// replace replaces feature id with one decoded from in.
	replace(ctx context.Context, s *server, id string, in *featureIn) (*geojson.Feature, error)
	// remove deletes feature id.
	remove(ctx context.Context, s *server, id string) error
	// current returns feature id as stored and served, for its ETag, and
	// the time it was last written (its Updated).
	current(ctx context.Context, s *server, id string) (*geojson.Feature, time.Time, error)
}

func (s *server) featureWriteRoutes(r chi.Router) {
	r.Post("/collections/{collectionId}/items", s.handle(s.createItem))
	r.Put("/collections/{collectionId}/items/{featureId}", s.handle(s.replaceItem))
	r.Delete("/collections/{collectionId}/items/{featureId}", s.handle(s.deleteItem))
}

// writerFor returns the collection of the request and its writer; a
// read-only collection is a 405 problem.
func (s *server) writerFor(w http.ResponseWriter, r *http.Request) (*collection, featureWriter, error) {
	c, err := s.collectionFor(r)
	if err != nil {
		return nil, nil, err
	}
	fw, ok := editable[c.ID]
	if !ok {
		w.Header().Set("Allow", "GET, HEAD")
		return nil, nil, &methodError{msg: "collection " + c.ID + " is read-only: features can be created, replaced " +
			"and deleted in place-names, pois and signs"}
	}
	return c, fw, nil
}

// methodError is a request with a method the resource does not allow.
type methodError struct{ msg string }

func (e *methodError) Error() string { return e.msg }

func (s *server) createItem(w http.ResponseWriter, r *http.Request) error {
	c, fw, err := s.writerFor(w, r)
	if err != nil {
		return s.methodProblem(w, r, err)
	}
	if _, err := s.teamOf(r); err != nil {
		return err // a surveyor creates features for its own team only
	}
	in, err := decodeFeature(r)
	if err != nil {
		return err
	}
	if _, ok := fw.(placeWriter); ok {
		if in.Properties, err = s.withDraftReview(r, in.Properties); err != nil {
			return err // a surveyor's place is a draft until reviewed
		}
	}
	f, err := fw.create(r.Context(), s, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.baseURL(r)+"/collections/"+c.ID+"/items/"+f.ID.(string))
	if err := setETag(w, f); err != nil {
		return err
	}
	return writeFeature(w, http.StatusCreated, f)
}

func (s *server) replaceItem(w http.ResponseWriter, r *http.Request) error {
	_, fw, err := s.writerFor(w, r)
	if err != nil {
		return s.methodProblem(w, r, err)
	}
	id, err := featureID(r)
	if err != nil {
		return err
	}
	in, err := decodeFeature(r)
	if err != nil {
		return err
	}
	if in.ID != nil && in.idString() != id {
		return &data.Error{Kind: data.KindInvalid, Field: "id", Value: in.idString(),
			Message: "the body's id differs from the feature id in the path"}
	}
	defer s.writing.lock(id)()
	ctx, err := s.ifMatch(r, fw, id)
	if err != nil {
		return err
	}
	f, err := fw.replace(ctx, s, id, in)
	if err != nil {
		return err
	}
	if err := setETag(w, f); err != nil {
		return err
	}
	return writeFeature(w, http.StatusOK, f)
}

func (s *server) deleteItem(w http.ResponseWriter, r *http.Request) error {
	_, fw, err := s.writerFor(w, r)
	if err != nil {
		return s.methodProblem(w, r, err)
	}
	id, err := featureID(r)
	if err != nil {
		return err
	}
	defer s.writing.lock(id)()
	ctx, err := s.ifMatch(r, fw, id)
	if err != nil {
		return err
	}
	if err := fw.remove(ctx, s, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ifMatch checks the If-Match of a write of feature id, if it has one,
// against the feature's current version: a mismatch is a 412 problem, a
// feature that does not exist a 404 as without If-Match.
func (s *server) ifMatch(r *http.Request, fw featureWriter, id string) (context.Context, error) {
	ctx := r.Context()
	if len(r.Header.Values("If-Match")) == 0 {
		return ctx, nil
	}
	cur, updated, err := fw.current(ctx, s, id)
	if err != nil {
		return nil, err
	}
	tag, err := featureETag(cur)
	if err != nil {
		return nil, err
	}
	if err := checkIfMatch(r, tag); err != nil {
		return nil, err
	}
	if slices.Contains(r.Header.Values("If-Match"), "*") {
		return ctx, nil // any version
	}
	// The version matched: the store writes only if it still is the one
	// stored, in the write's own statement, whatever other server writes.
	return data.IfUpdated(ctx, updated), nil
}

// setETag sets the ETag of a feature as stored.
func setETag(w http.ResponseWriter, f *geojson.Feature) error {
	tag, err := featureETag(f)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", tag)
	return nil
}

// methodProblem writes a methodError as 405; other errors pass through.
func (s *server) methodProblem(w http.ResponseWriter, r *http.Request, err error) error {
	if me, ok := err.(*methodError); ok {
		writeProblem(w, r, newProblem(http.StatusMethodNotAllowed, me.msg))
		return nil
	}
	return err
}

// featureID returns the path's feature id; one that is not a UUID names no
// feature.
func featureID(r *http.Request) (string, error) {
	raw := chi.URLParam(r, "featureId")
	id := strings.ToLower(raw)
	if !data.ValidID(id) {
		return "", inParam(&data.Error{Kind: data.KindNotFound, Field: "featureId", Value: raw,
			Message: "feature " + quote(raw) + " does not exist"})
	}
	return id, nil
}

func writeFeature(w http.ResponseWriter, status int, f *geojson.Feature) error {
	body, err := encodeJSON(f)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", mediaGeoJSON)
	w.Header().Set("Content-Crs", "<"+CRS84URI+">")
	w.WriteHeader(status)
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

// editor returns the store's Part 4 extension beneath the tile wrapper;
// its writes invalidate tiles through invalidate.
func (s *server) editor() (data.FeatureEditor, error) {
	st := s.store
	if is, ok := st.(*tiles.InvalidatingStore); ok {
		st = is.Store
	}
	if ed, ok := st.(data.FeatureEditor); ok {
		return ed, nil
	}
	return nil, &data.Error{Kind: data.KindUnavailable, Message: "this deployment's store cannot replace or delete features"}
}

// invalidate drops the cached tiles of the geometries.
func (s *server) invalidate(gs ...orb.Geometry) {
	for _, g := range gs {
		if g != nil {
			s.tiles.cache.Invalidate(g.Bound())
		}
	}
}
