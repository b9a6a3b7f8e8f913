package api

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/toponym/toponym/data"
)

func TestRequestIDs(t *testing.T) {
	a, b := newRequestIDs(), newRequestIDs()
	seen := map[string]bool{}
	for range 5000 {
		for _, g := range []*requestIDs{a, b} {
			id := g.next()
			if !data.ValidID(id) || id[14] != '8' || !(id[19] >= '8' && id[19] <= 'b') {
				t.Fatalf("id %q is not a version 8, variant 10 UUID", id)
			}
			if seen[id] {
				t.Fatalf("id %q made twice", id)
			}
			seen[id] = true
		}
	}
	if a.template == b.template {
		t.Error("two generators share their random prefix")
	}
}

// deadlineCase is a scenario run against deadlineCtx and, as the oracle,
// context.WithDeadline: both must end in the same Err and Cause.
type deadlineCase struct {
	name  string
	in    time.Duration // deadline from now
	run   func(ctx context.Context, release func(), cancelParent func()) context.Context
	child bool // the scenario's answer is a child context
}

var deadlineCases = []deadlineCase{
	{"deadline passes, Done waited on", 5 * time.Millisecond, func(ctx context.Context, _, _ func()) context.Context {
		<-ctx.Done()
		return ctx
	}, false},
	{"deadline passed before first use", -time.Second, func(ctx context.Context, _, _ func()) context.Context {
		return ctx
	}, false},
	{"child cancelled by the deadline", 5 * time.Millisecond, func(ctx context.Context, _, _ func()) context.Context {
		child, cancel := context.WithCancel(context.WithValue(ctx, ctxTestKey{}, 1))
		defer cancel()
		<-child.Done()
		return child
	}, true},
	{"released before use", time.Hour, func(ctx context.Context, release, _ func()) context.Context {
		release()
		<-ctx.Done()
		return ctx
	}, false},
	{"released after use", time.Hour, func(ctx context.Context, release, _ func()) context.Context {
		_ = ctx.Done()
		release()
		<-ctx.Done()
		return ctx
	}, false},
	{"child of a released context", time.Hour, func(ctx context.Context, release, _ func()) context.Context {
		release()
		child, cancel := context.WithCancel(ctx)
		defer cancel()
		<-child.Done()
		return child
	}, true},
	{"parent cancelled", time.Hour, func(ctx context.Context, _, cancelParent func()) context.Context {
		cancelParent()
		<-ctx.Done()
		return ctx
	}, false},
	{"parent cancelled, child waits", time.Hour, func(ctx context.Context, _, cancelParent func()) context.Context {
		child, cancel := context.WithCancel(ctx)
		defer cancel()
		cancelParent()
		<-child.Done()
		return child
	}, true},
	{"live", time.Hour, func(ctx context.Context, _, _ func()) context.Context { return ctx }, false},
}

type ctxTestKey struct{}

func TestDeadlineCtxMatchesWithDeadline(t *testing.T) {
	for _, c := range deadlineCases {
		t.Run(c.name, func(t *testing.T) {
			type outcome struct{ err, cause error }
			var got, want outcome
			for i, o := range []*outcome{&got, &want} {
				parent, cancelParent := context.WithCancelCause(context.WithValue(context.Background(), ctxTestKey{}, "v"))
				defer cancelParent(nil)
				d := time.Now().Add(c.in)
				var ctx context.Context
				var release func()
				if i == 0 {
					dc := newDeadlineCtx(parent, d)
					ctx, release = dc, dc.release
				} else {
					ctx, release = context.WithDeadline(parent, d)
				}
				if dl, ok := ctx.Deadline(); !ok || !dl.Equal(d) {
					t.Errorf("Deadline() = %v %v, want %v", dl, ok, d)
				}
				if ctx.Value(ctxTestKey{}) != "v" {
					t.Errorf("the parent's value is lost")
				}
				end := c.run(ctx, release, func() { cancelParent(errors.New("parent gone")) })
				o.err, o.cause = end.Err(), context.Cause(end)
				release()
			}
			if !sameErr(got.err, want.err) || !sameErr(got.cause, want.cause) {
				t.Errorf("Err, Cause = %v, %v; context.WithDeadline: %v, %v", got.err, got.cause, want.err, want.cause)
			}
		})
	}
}

// sameErr compares errors by identity, or by message for the cause a test
// made twice.
func sameErr(a, b error) bool {
	return a == b || a != nil && b != nil && a.Error() == b.Error()
}

func TestDeadlineCtxParentDeadlineFirst(t *testing.T) {
	early := time.Now().Add(time.Minute)
	parent, cancel := context.WithDeadline(context.Background(), early)
	defer cancel()
	ctx := newDeadlineCtx(parent, early.Add(time.Hour))
	defer ctx.release()
	if d, _ := ctx.Deadline(); !d.Equal(early) {
		t.Errorf("Deadline() = %v, want the parent's %v", d, early)
	}
}

// TestDeadlineCtxConcurrent starts and releases one context from many
// goroutines at once (run with -race).
func TestDeadlineCtxConcurrent(t *testing.T) {
	for range 50 {
		ctx := newDeadlineCtx(context.Background(), time.Now().Add(time.Hour))
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				if i == 3 {
					ctx.release()
					return
				}
				child, cancel := context.WithCancel(ctx)
				defer cancel()
				_ = child.Err()
			})
		}
		wg.Wait()
		ctx.release()
		select {
		case <-ctx.Done():
		default:
			t.Fatal("a released context is not done")
		}
		if !errors.Is(ctx.Err(), context.Canceled) {
			t.Fatalf("Err() = %v after release", ctx.Err())
		}
	}
}
