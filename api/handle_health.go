package api

import (
	"net/http"

	"github.com/toponym/toponym/data"
)

// healthz answers 200 while the process runs; it touches nothing else.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	return write(w, formatJSON, mediaJSON, resource{title: "health",
		body: map[string]string{"status": "ok", "version": s.cfg.Version}})
}

// readyz answers 200 when the store answers a ping, else a 503 problem.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) error {
	if err := s.store.Ping(r.Context()); err != nil {
		if data.KindOf(err) != data.KindUnavailable {
			err = &data.Error{Kind: data.KindUnavailable, Message: "the database is unavailable", Err: err}
		}
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return write(w, formatJSON, mediaJSON, resource{title: "readiness",
		body: map[string]string{"status": "ready", "version": s.cfg.Version}})
}
