package api

import (
	"encoding/json"
	"testing"
)

// TestSignStatusKeepsInstant: the at of a condition record keeps its time
// of day, so that a late report of an earlier observation does not become
// the sign's current status; a bare date is that day's midnight (UTC), and
// an at more than 5 minutes after the server's clock (2026-05-01T08:00Z in
// sampleServers) is refused. The bug: every at was cut to UTC midnight.
func TestSignStatusKeepsInstant(t *testing.T) {
	for name, h := range sampleServers(t) {
		t.Run(name, func(t *testing.T) {
			var signs struct {
				Features []struct {
					ID string `json:"id"`
				} `json:"features"`
			}
			gazGet(t, h, "/signs?limit=1", &signs)
			if len(signs.Features) == 0 {
				t.Fatal("the sample has no public sign")
			}
			target := "/signs/" + signs.Features[0].ID + "/status"
			var last struct {
				Properties struct {
					Status  string           `json:"status"`
					History []map[string]any `json:"history"`
				} `json:"properties"`
			}
			for _, c := range []struct {
				at, status string
				code       int
				current    string // the sign's status after the record
			}{
				{"2026-04-30T10:00:00+08:00", "damaged", 200, "damaged"},
				{"2026-04-30T09:00:00+08:00", "good", 200, "damaged"}, // observed earlier, reported later
				{"2026-04-29", "missing", 200, "damaged"},
				{"2026-05-01T08:04:59Z", "removed", 200, "removed"},
				{"2026-05-01T16:06:00+08:00", "good", 400, ""},
				{"2026-05-02", "good", 400, ""},
				{"2026-04-30 10:00", "good", 400, ""},
			} {
				rec := send(t, h, "POST", target, map[string]any{"at": c.at, "status": c.status})
				if rec.Code != c.code {
					t.Fatalf("at %s: %d %s, want %d", c.at, rec.Code, rec.Body, c.code)
				}
				if c.code != 200 {
					p := decodeProblem(t, c.code, rec.Header().Get("Content-Type"), rec.Body)
					if p.Field != "at" || p.Value != c.at {
						t.Errorf("at %s: problem field %q value %q, want at and the value", c.at, p.Field, p.Value)
					}
					continue
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &last); err != nil {
					t.Fatal(err)
				}
				if last.Properties.Status != c.current {
					t.Errorf("after %s %s: status %s, want %s", c.status, c.at, last.Properties.Status, c.current)
				}
			}
			var ats []any
			for _, h := range last.Properties.History {
				ats = append(ats, h["at"])
			}
			want := []any{"2026-04-29T00:00:00Z", "2026-04-30T01:00:00Z", "2026-04-30T02:00:00Z", "2026-05-01T08:04:59Z"}
			if len(ats) < len(want) {
				t.Fatalf("history %v, want it to end %v", ats, want)
			}
			for i, w := range want {
				if got := ats[len(ats)-len(want)+i]; got != w {
					t.Errorf("history at %v, want it to end %v", ats, want)
					break
				}
			}
		})
	}
}
