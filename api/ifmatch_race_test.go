package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/postgis"
	"github.com/toponym/toponym/data/postgis/pgtest"
)

// racingStore writes a place once, as another server would, between the
// API's If-Match check and its own replacement of that place.
type racingStore struct {
	*postgis.Store
	raced bool
}

func (r *racingStore) UpdatePlace(ctx context.Context, p *data.NamedPlace) error {
	if !r.raced {
		r.raced = true
		other, err := r.Store.GetPlace(context.Background(), p.ID)
		if err != nil {
			return err
		}
		other.Description = "另一台服务器的编辑 another server's edit"
		if err := r.Store.UpdatePlace(context.Background(), other); err != nil {
			return err
		}
	}
	return r.Store.UpdatePlace(ctx, p)
}

// TestIfMatchHoldsAcrossServers: a write from another server that lands
// after this server compared If-Match, before it wrote, still makes the
// PUT a 412: the store checks the version in the write itself.
func TestIfMatchHoldsAcrossServers(t *testing.T) {
	st := &racingStore{Store: pgtest.Store(t)}
	srv := httptest.NewServer(New(Config{}, st, discardLogger()))
	t.Cleanup(srv.Close)
	u := &uploadServer{url: srv.URL, st: st.Store}
	ct := map[string]string{"Content-Type": geoJSON}
	feature := `{"type":"Feature","geometry":{"type":"Point","coordinates":[109.26,28.49]},` +
		`"properties":{"name":"洪安镇","pinyin":"Hong'an Zhen","legal_class":2,"category":"1210","admin_codes":["500241"]}}`
	st.raced = true // not on create
	status, hdr, b := u.send(t, "POST", "/collections/place-names/items", strings.NewReader(feature), ct)
	if status != http.StatusCreated {
		t.Fatalf("create: %d %s", status, b)
	}
	loc, v0 := strings.TrimPrefix(hdr.Get("Location"), u.url), hdr.Get("ETag")
	st.raced = false
	mine := strings.Replace(feature, "洪安镇", "洪安古镇", 1)
	status, hdr, b = u.send(t, "PUT", loc, strings.NewReader(mine), withHeader(ct, "If-Match", v0))
	if p := problemOf(t, status, hdr, b); status != http.StatusPreconditionFailed || p.Field != "If-Match" {
		t.Errorf("PUT raced by another server: %d %s, want 412 naming If-Match", status, b)
	}
	if _, _, b = u.send(t, "GET", loc, nil, nil); !strings.Contains(string(b), "another server's edit") ||
		strings.Contains(string(b), "洪安古镇") {
		t.Errorf("after the refused PUT: %s, want the other server's edit kept", b)
	}
}
