package api

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync"
	"sync/atomic"
	"time"
)

// requestIDs makes request ids cheaply: UUID-shaped strings (version 8,
// the version for custom layouts) whose first 80 bits are random per
// generator and whose last 48 bits count requests. Ids of one process
// never repeat; those of two processes collide only if their 74 random
// bits do.
type requestIDs struct {
	template [36]byte // the canonical form, the counter's 12 digits zero
	n        atomic.Uint64
}

func newRequestIDs() *requestIDs {
	var b [16]byte
	_, _ = rand.Read(b[:10]) // crypto/rand.Read never fails (Go ≥ 1.24)
	b[6] = 0x80 | b[6]&0x0f  // version 8
	b[8] = 0x80 | b[8]&0x3f  // variant 10
	g := &requestIDs{}
	hex.Encode(g.template[0:8], b[0:4])
	hex.Encode(g.template[9:13], b[4:6])
	hex.Encode(g.template[14:18], b[6:8])
	hex.Encode(g.template[19:23], b[8:10])
	hex.Encode(g.template[24:36], b[10:16])
	for _, i := range []int{8, 13, 18, 23} {
		g.template[i] = '-'
	}
	return g
}

// next returns a new id: one allocation, the string.
func (g *requestIDs) next() string {
	s := g.template
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], g.n.Add(1))
	hex.Encode(s[24:36], n[2:8])
	return string(s[:])
}

// deadlineCtx is a context with a deadline whose timer is started only
// when something waits for the deadline: a call of Done or Err, or a
// child context that propagates cancellation (which calls Done). A
// request whose handler never blocks, such as a cached tile, so costs no
// timer. Once started it is context.WithDeadline(parent, deadline), and
// behaves as that context does.
type deadlineCtx struct {
	parent   context.Context
	deadline time.Time
	once     sync.Once
	timed    context.Context // context.WithDeadline(parent, deadline), or released
	cancel   context.CancelFunc
}

// newDeadlineCtx returns parent with deadline d, or parent's deadline if
// that is earlier. Call its release method once the context's work is
// done, as one calls the cancel function of context.WithDeadline.
func newDeadlineCtx(parent context.Context, d time.Time) *deadlineCtx {
	if pd, ok := parent.Deadline(); ok && pd.Before(d) {
		d = pd
	}
	return &deadlineCtx{parent: parent, deadline: d}
}

// released is what a deadlineCtx released before anything waited for it
// answers from then on: cancelled, as a released context.WithDeadline is.
// It is never modified.
var released = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// start starts the timer on first use and returns the timed context.
func (c *deadlineCtx) start() context.Context {
	c.once.Do(func() { c.timed, c.cancel = context.WithDeadline(c.parent, c.deadline) })
	return c.timed
}

// release stops the timer if it was started; if it was not, the context
// reads as cancelled from now on without ever starting one.
func (c *deadlineCtx) release() {
	c.once.Do(func() { c.timed = released })
	if c.cancel != nil {
		c.cancel()
	}
}

// Deadline returns the deadline.
func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

// Done starts the timer and returns its channel.
func (c *deadlineCtx) Done() <-chan struct{} { return c.start().Done() }

// Err starts the timer and returns its error.
func (c *deadlineCtx) Err() error { return c.start().Err() }

// Value returns parent's value for key. The context package's own key, an
// *int that context.Cause and child contexts ask for to find the nearest
// cancellable context, is answered by the timed context.
func (c *deadlineCtx) Value(key any) any {
	if _, internal := key.(*int); internal {
		return c.start().Value(key)
	}
	return c.parent.Value(key)
}

// String names the context, for debugging.
func (c *deadlineCtx) String() string {
	return "api.deadlineCtx(" + c.deadline.Format(time.RFC3339Nano) + ")"
}
