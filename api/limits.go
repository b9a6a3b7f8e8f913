package api

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/toponym/toponym/data"
)

// rateLimiter keeps one token bucket per client: per principal
// (token:<id>, oidc:<sub>) when authenticated, per client IP otherwise.
type rateLimiter struct {
	rate  rate.Limit
	burst int
	now   func() time.Time

	mu      sync.Mutex
	buckets map[client]*bucket
}

// client names a client for rate limiting without building a string per
// request: the principal's Via and Subject (data.Principal.Actor), or
// "ip" and the client's IP address when it is anonymous.
type client struct {
	via, subject string
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// maxBuckets bounds the limiter's memory; past it, buckets idle for
// bucketIdle are dropped (a dropped client starts again with a full burst).
const (
	maxBuckets = 10000
	bucketIdle = 10 * time.Minute
)

func newRateLimiter(perSecond float64, burst int, now func() time.Time) *rateLimiter {
	return &rateLimiter{rate: rate.Limit(perSecond), burst: burst, now: now, buckets: map[client]*bucket{}}
}

// allow reports whether client key may make a request now, and if not,
// how long until it may.
func (l *rateLimiter) allow(key client) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.sweep(now)
		}
		b = &bucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

func (l *rateLimiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.seen) > bucketIdle {
			delete(l.buckets, k)
		}
	}
}

// clientKey names the client of r for rate limiting.
func clientKey(r *http.Request) client {
	if p := data.PrincipalFrom(r.Context()); p != nil {
		return client{p.Via, p.Subject}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return client{"ip", host}
}

// limitRate answers 429 with Retry-After to a client over its rate. It runs
// after authenticate, so that a token's bucket follows the token.
func (s *server) limitRate(next http.Handler) http.Handler {
	if s.limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := s.limiter.allow(clientKey(r))
		if !ok {
			secs := int((wait + time.Second - 1) / time.Second)
			w.Header().Set("Retry-After", strconv.Itoa(max(1, secs)))
			writeProblem(w, r, newProblem(http.StatusTooManyRequests,
				"too many requests from this client; retry after "+strconv.Itoa(max(1, secs))+" s"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
