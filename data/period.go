package data

import (
	"fmt"
	"time"
)

// Period is a half-open range of civil dates [From, To). A zero From is
// unbounded in the past; a zero To is unbounded in the future (still valid).
type Period struct {
	From time.Time
	To   time.Time
}

// DateLayout is the layout of civil dates in the API and in files.
const DateLayout = "2006-01-02"

// ParseDate parses a civil date (YYYY-MM-DD) to UTC midnight.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return t, nil
}

// Date returns UTC midnight of the given civil date.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// Day returns the civil date t names, its year, month and day in its own
// location, as UTC midnight; the zero time stays zero. Stores keep dates
// so, whatever location a caller's times are in.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Days returns p with both ends cut to their civil dates (Day), as stored.
func (p Period) Days() Period { return Period{From: Day(p.From), To: Day(p.To)} }

// Contains reports whether t lies in p: From ≤ t < To.
func (p Period) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}

// Overlaps reports whether p and q share at least one day: periods are of
// civil dates (Days).
func (p Period) Overlaps(q Period) bool {
	p, q = p.Days(), q.Days()
	return (p.To.IsZero() || q.From.IsZero() || q.From.Before(p.To)) &&
		(q.To.IsZero() || p.From.IsZero() || p.From.Before(q.To))
}

// Validate reports an error if p ends before or on the day it begins.
func (p Period) Validate(field string) error {
	p = p.Days()
	if !p.From.IsZero() && !p.To.IsZero() && !p.From.Before(p.To) {
		return Invalidf(field, "validity ends (%s) on or before it begins (%s)",
			p.To.Format(DateLayout), p.From.Format(DateLayout))
	}
	return nil
}

// Current reports whether p has no end.
func (p Period) Current() bool { return p.To.IsZero() }
