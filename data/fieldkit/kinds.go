package fieldkit

import (
	"context"
	"fmt"

	"github.com/toponym/toponym/data"
)

// kindOps is how one kind of record is written to and found in a store.
type kindOps struct {
	create func(ctx context.Context, s data.Store, v any) error
	// syncCreate is how Sync creates a field record on the server; nil:
	// as create (which Export uses) does.
	syncCreate func(ctx context.Context, s data.Store, v any) error
	// update replaces the stored record cur with v; nil when data.Store
	// cannot update this kind. It returns a note for the report, "" if none.
	update func(ctx context.Context, s data.Store, v, cur any) (string, error)
	// find returns the store's record with v's identity, nil if none.
	find func(ctx context.Context, f *finder, v any) (any, error)
}

// signUpdater is a store that can replace a sign, as data.FeatureEditor
// stores can; data.Store alone cannot.
type signUpdater interface {
	UpdateSign(ctx context.Context, s *data.Sign) error
}

// finder looks records up in one store, in its transaction.
type finder struct {
	s    data.Store
	lr   ListingReader
	tris map[string]*data.TriJunction // loaded on first use
}

// writer adapts a data.Store method expression to kindOps' signature.
func writer[T any](m func(data.Store, context.Context, *T) error) func(context.Context, data.Store, any) error {
	return func(ctx context.Context, s data.Store, v any) error { return m(s, ctx, v.(*T)) }
}

// replacer adapts a data.Store method expression to kindOps.update: it
// writes v as it is.
func replacer[T any](m func(data.Store, context.Context, *T) error) func(context.Context, data.Store, any, any) (string, error) {
	w := writer(m)
	return func(ctx context.Context, s data.Store, v, _ any) (string, error) { return "", w(ctx, s, v) }
}

// getter finds a record by ID with a data.Store Get method expression.
func getter[T any](m func(data.Store, context.Context, string) (*T, error), id func(*T) string) func(context.Context, *finder, any) (any, error) {
	return func(ctx context.Context, f *finder, v any) (any, error) {
		return found(m(f.s, ctx, id(v.(*T))))
	}
}

// found turns a Get result into find's: nil for not found.
func found[T any](v *T, err error) (any, error) {
	if data.KindOf(err) == data.KindNotFound {
		return nil, nil
	}
	if err != nil || v == nil {
		return nil, err
	}
	return v, nil
}

// ops holds the operations of every kind.
var ops = map[Kind]kindOps{
	KindSurveyUpload: {
		create: writer(data.Store.CreateSurveyUpload),
		find:   getter(data.Store.GetSurveyUpload, func(u *data.SurveyUpload) string { return u.ID }),
	},
	KindAdminUnit: {
		create: writer(data.Store.CreateAdminUnit),
		update: replacer(data.Store.UpdateAdminUnit),
		find:   getter(data.Store.GetAdminUnit, func(u *data.AdminUnit) string { return u.ID }),
	},
	KindDivisionEvent: {
		create: writer(data.Store.CreateDivisionEvent),
		find:   getter(data.Store.GetDivisionEvent, func(e *data.DivisionEvent) string { return e.ID }),
	},
	KindBoundaryLine: {
		create: writer(data.Store.CreateBoundaryLine),
		update: replacer(data.Store.UpdateBoundaryLine),
		find:   getter(data.Store.GetBoundaryLine, func(l *data.BoundaryLine) string { return l.ID }),
	},
	KindInspectionRound: {
		create: writer(data.Store.CreateInspectionRound),
		find:   getter(data.Store.GetInspectionRound, func(r *data.InspectionRound) string { return r.ID }),
	},
	KindLineVersion: {create: writer(data.Store.CreateLineVersion), find: findLineVersion},
	KindMarker: {
		create: writer(data.Store.CreateMarker),
		update: replacer(data.Store.UpdateMarker),
		find:   getter(data.Store.GetMarker, func(m *data.Marker) string { return m.ID }),
	},
	KindMarkerStatus: {create: writer(data.Store.AddMarkerStatus), find: findMarkerStatus},
	KindTriJunction:  {create: writer(data.Store.CreateTriJunction), find: findTriJunction},
	KindPlace: {
		create:     writer(data.Store.CreatePlace),
		syncCreate: createDraftPlace,
		update:     updatePlace,
		find:       getter(data.Store.GetPlace, func(p *data.NamedPlace) string { return p.ID }),
	},
	KindListing: {create: writer(data.Store.CreateProtectionListing), find: findListing},
	KindSign: {
		create: writer(data.Store.CreateSign),
		update: updateSign,
		find:   getter(data.Store.GetSign, func(sg *data.Sign) string { return sg.ID }),
	},
}

// updateSign replaces a sign if the store can; errUnsupported otherwise.
func updateSign(ctx context.Context, s data.Store, v, _ any) (string, error) {
	u, ok := s.(signUpdater)
	if !ok {
		return "", errUnsupported
	}
	return "", u.UpdateSign(ctx, v.(*data.Sign))
}

var errUnsupported = fmt.Errorf("fieldkit: the store cannot update this kind of record")

func findLineVersion(ctx context.Context, f *finder, v any) (any, error) {
	want := v.(*data.LineVersion)
	vs, err := f.s.LineVersions(ctx, want.LineID)
	if err != nil && data.KindOf(err) != data.KindNotFound {
		return nil, err
	}
	for _, got := range vs {
		if got.ID == want.ID {
			return got, nil
		}
	}
	return nil, nil
}

func findMarkerStatus(ctx context.Context, f *finder, v any) (any, error) {
	want := v.(*data.MarkerStatusRecord)
	rs, err := f.s.MarkerStatusHistory(ctx, want.MarkerID)
	if err != nil && data.KindOf(err) != data.KindNotFound {
		return nil, err
	}
	for _, got := range rs {
		if got.At.Equal(want.At) {
			return got, nil
		}
	}
	return nil, nil
}

func findTriJunction(ctx context.Context, f *finder, v any) (any, error) {
	if f.tris == nil {
		f.tris = map[string]*data.TriJunction{}
		err := each(ctx, data.Query{}, f.s.ListTriJunctions, func(t *data.TriJunction) error {
			f.tris[t.ID] = t
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if t, ok := f.tris[v.(*data.TriJunction).ID]; ok {
		return t, nil
	}
	return nil, nil
}

func findListing(ctx context.Context, f *finder, v any) (any, error) {
	if f.lr == nil {
		return nil, &data.Error{Kind: data.KindInvalid, Field: "listing_id",
			Message: "the server store cannot read protection listings, so listing " + v.(*data.ProtectionListing).ID + " cannot be compared"}
	}
	return found(f.lr.GetProtectionListing(ctx, v.(*data.ProtectionListing).ID))
}
