package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/paulmach/orb/geojson"
)

// Optimistic concurrency for single features (RFC 9110 §8.8.3, §13.1):
// GET …/items/{featureId} answers a strong ETag, the version of the stored
// feature; PUT and DELETE with If-Match change the feature only while it
// is still that version (else 412), If-Match: * only if it exists; without
// If-Match they write as they always did. GET with If-None-Match naming the
// current version is a 304.

// featureETag is the strong entity tag of a feature as stored: a hash of
// its id, geometry (CRS84) and properties, which include its update time.
// It is the same in every format and response CRS, and is computed before
// links are added or axes swapped.
func featureETag(f *geojson.Feature) (string, error) {
	bare := *f
	bare.ExtraMembers = nil
	b, err := json.Marshal(&bare)
	if err != nil {
		return "", fmt.Errorf("api: feature etag: %w", err)
	}
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:16]) + `"`, nil
}

// etagListMatches reports whether the If-Match or If-None-Match field
// values name tag: "*" names any tag; weak tags (W/"…") count only in the
// weak comparison of If-None-Match.
func etagListMatches(values []string, tag string, weak bool) bool {
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t == "*" {
				return true
			}
			if w, ok := strings.CutPrefix(t, "W/"); ok {
				if !weak {
					continue
				}
				t = w
			}
			if t == tag {
				return true
			}
		}
	}
	return false
}

// notModified answers a GET whose If-None-Match names tag with 304 and
// reports whether it did.
func notModified(w http.ResponseWriter, r *http.Request, tag string) bool {
	inm := r.Header.Values("If-None-Match")
	if len(inm) == 0 || !etagListMatches(inm, tag, true) {
		return false
	}
	w.Header().Set("ETag", tag)
	w.WriteHeader(http.StatusNotModified)
	return true
}

// preconditionError is a conditional write whose If-Match names no current
// version of the feature: a 412 problem naming If-Match.
type preconditionError struct {
	ifMatch string // the header as sent
	current string // the feature's current tag
}

func (e *preconditionError) Error() string {
	return "If-Match " + e.ifMatch + " does not name the feature's current version " + e.current +
		": it was changed since it was read; GET it again, then retry"
}

// checkIfMatch returns a preconditionError unless r has no If-Match or its
// If-Match names tag (or is *).
func checkIfMatch(r *http.Request, tag string) error {
	im := r.Header.Values("If-Match")
	if len(im) == 0 || etagListMatches(im, tag, false) {
		return nil
	}
	return &preconditionError{ifMatch: strings.Join(im, ", "), current: tag}
}

// keyedLocks serialises the writes of one feature in this process, so that
// an If-Match check and the write it guards are not interleaved with
// another write of the same feature.
type keyedLocks struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

type keyedLock struct {
	sync.Mutex
	users int
}

// lock locks key and returns its unlock.
func (k *keyedLocks) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*keyedLock{}
	}
	l := k.locks[key]
	if l == nil {
		l = &keyedLock{}
		k.locks[key] = l
	}
	l.users++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		if l.users--; l.users == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}
