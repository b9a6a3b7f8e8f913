package fieldkit

import (
	"context"
	"errors"
	"fmt"

	"github.com/toponym/toponym/data"
)

// Report says what a sync did, record by record.
type Report struct {
	Created     []Change // new in the field, now on the server
	Updated     []Change // changed in the field only, now on the server
	Conflicts   []Change // changed on both sides (or gone from the server); left as the server has them
	Unsupported []Change // changed in the field, but the server store cannot update this kind
	Unchanged   int      // records needing nothing: unchanged in the field, or the same on both sides
	// Synced are the records whose field content the server now holds,
	// with their hashes: the new baseline for the next sync (Manifest.Rebase).
	Synced []RecordHash
}

// Change is one record in a report: its kind and ID, the fields in which
// the field's record differs from the server's, and why, for conflicts.
type Change struct {
	Kind   Kind     `json:"kind"`
	ID     string   `json:"id"`
	Fields []string `json:"fields,omitempty"`
	Reason string   `json:"reason,omitempty"`
}

// Sync sends the new and changed records of the field store to the server
// store, judging each record of the field by its hash against the
// manifest's (m, from Export) and the server's current record:
//
//   - not in the manifest and not on the server: created;
//   - unchanged in the field (hash = manifest's): nothing;
//   - the same as the server's: nothing;
//   - changed in the field while the server still has the exported
//     content: updated on the server;
//   - changed on both sides, or gone from the server: a conflict, reported
//     and never overwritten.
//
// Every read and write runs in one server transaction: if any write fails
// (an invalid record, a broken rule), nothing lands and the error names the
// record. Running the same sync again creates and updates nothing.
func Sync(ctx context.Context, field, server data.Store, m Manifest) (Report, error) {
	if m.Format != ManifestFormat {
		return Report{}, data.Invalidf("manifest", "manifest format %d is not %d", m.Format, ManifestFormat)
	}
	set, err := read(ctx, field, Selection{}, nil)
	if err != nil {
		return Report{}, err
	}
	base := m.hashes()
	var rep Report
	err = server.Atomic(ctx, func(tx data.Store) error {
		lr, release, err := listingsOf(tx)
		if err != nil {
			return err
		}
		defer release()
		rep = Report{}
		f := &finder{s: tx, lr: lr}
		for _, r := range set.Records() {
			if err := syncRecord(ctx, f, r, base, &rep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

// syncRecord decides and applies what one field record needs.
func syncRecord(ctx context.Context, f *finder, r Record, base map[recordKey]string, rep *Report) error {
	fh := Hash(r.Value)
	mh, exported := base[recordKey{r.Kind, r.ID}]
	if exported && fh == mh {
		rep.Unchanged++
		return nil
	}
	op := ops[r.Kind]
	sv, err := op.find(ctx, f, r.Value)
	if err != nil {
		return fmt.Errorf("fieldkit: sync: read %s %s on the server: %w", r.Kind, r.ID, err)
	}
	synced := RecordHash{Kind: r.Kind, ID: r.ID, SHA256: fh}
	switch {
	case sv == nil && exported:
		rep.Conflicts = append(rep.Conflicts, Change{Kind: r.Kind, ID: r.ID,
			Reason: "changed in the field but no longer on the server"})
	case sv == nil:
		create := op.create
		if op.syncCreate != nil {
			create = op.syncCreate
		}
		if err := create(ctx, f.s, r.Value); err != nil {
			return fmt.Errorf("fieldkit: sync: create %s %s: %w", r.Kind, r.ID, err)
		}
		rep.Created = append(rep.Created, Change{Kind: r.Kind, ID: r.ID})
		rep.Synced = append(rep.Synced, synced)
	case Hash(sv) == fh:
		rep.Unchanged++
		rep.Synced = append(rep.Synced, synced)
	case exported && Hash(sv) == mh:
		return update(ctx, f, op, r, sv, rep)
	default:
		reason := "changed in the field and on the server since the export"
		if !exported {
			reason = "created in the field, but the server holds a different record with this ID"
		}
		rep.Conflicts = append(rep.Conflicts, Change{Kind: r.Kind, ID: r.ID, Fields: DiffFields(r.Value, sv), Reason: reason})
	}
	return nil
}

// update writes a record changed in the field only, or reports it as
// unsupported when the server cannot update its kind.
func update(ctx context.Context, f *finder, op kindOps, r Record, sv any, rep *Report) error {
	c := Change{Kind: r.Kind, ID: r.ID, Fields: DiffFields(sv, r.Value)}
	if op.update == nil {
		c.Reason = "the server cannot update a " + string(r.Kind) + " record"
		rep.Unsupported = append(rep.Unsupported, c)
		return nil
	}
	note, err := op.update(ctx, f.s, r.Value, sv)
	switch {
	case errors.Is(err, errUnsupported):
		c.Reason = "the server cannot update a " + string(r.Kind) + " record"
		rep.Unsupported = append(rep.Unsupported, c)
		return nil
	case err != nil:
		return fmt.Errorf("fieldkit: sync: update %s %s: %w", r.Kind, r.ID, err)
	}
	c.Reason = note
	rep.Updated = append(rep.Updated, c)
	rep.Synced = append(rep.Synced, RecordHash{Kind: r.Kind, ID: r.ID, SHA256: Hash(r.Value)})
	return nil
}

// Rebase returns m with the hashes of the records rep synced, so that the
// next sync compares against what the server now holds: a later change on
// the server alone is then not mistaken for a conflict.
func (m Manifest) Rebase(rep Report) Manifest {
	idx := map[recordKey]int{}
	out := m
	out.Records = append([]RecordHash(nil), m.Records...)
	for i, r := range out.Records {
		idx[recordKey{r.Kind, r.ID}] = i
	}
	for _, s := range rep.Synced {
		if i, ok := idx[recordKey{s.Kind, s.ID}]; ok {
			out.Records[i] = s
			continue
		}
		idx[recordKey{s.Kind, s.ID}] = len(out.Records)
		out.Records = append(out.Records, s)
	}
	return out
}
