package inspection

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/geo"
	"github.com/toponym/toponym/geo/inspect"
)

// TownshipMarginDeg widens the line's bounding box to find the townships
// along it (C13–C14): about 5 km.
const TownshipMarginDeg = 0.05

// Tolerances returns the line's tolerances: the defaults of domain §6 with
// the line's overrides decoded over them. An unknown name or a bad value is
// KindInvalid naming "tolerances".
func Tolerances(line *data.BoundaryLine) (inspect.Tolerances, error) {
	tol := inspect.DefaultTolerances()
	if len(line.Tolerances) == 0 {
		return tol, nil
	}
	b, err := json.Marshal(line.Tolerances)
	if err != nil {
		return tol, data.Invalidf("tolerances", "tolerances cannot be encoded: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tol); err != nil {
		return tol, data.Invalidf("tolerances", "line %s: %v", line.Name, err)
	}
	return tol, tol.Validate()
}

// settings returns the line's inspection settings for geo/inspect.
func settings(line *data.BoundaryLine) (inspect.Settings, error) {
	st := inspect.Settings{BuiltThroughMarkers: line.BuiltThroughMarkers}
	switch line.SideOfA {
	case "left":
		st.SideOfA = geo.SideLeft
	case "right":
		st.SideOfA = geo.SideRight
	}
	if line.NumberPattern != "" {
		re, err := regexp.Compile(line.NumberPattern)
		if err != nil {
			return st, data.Invalidf("number_pattern", "line %s: %v", line.Name, err)
		}
		st.NumberPattern = re
	}
	return st, nil
}

// loader gathers what geo/inspect looks at for one round.
type loader struct {
	st  data.Store
	rr  *data.RoundRecords
	now time.Time
}

// input loads the line, its versions (the round's own observations of
// each side first, else the latest earlier ones), its markers, the
// tri-junctions on it with their lines, unit A, and the townships along
// the line; and the round's records and re-measured reference objects.
func (ld loader) input(ctx context.Context) (inspect.Input, inspect.Tolerances, error) {
	rr := ld.rr
	line, err := ld.st.GetBoundaryLine(ctx, rr.Round.LineID)
	if err != nil {
		return inspect.Input{}, inspect.Tolerances{}, err
	}
	tol, err := Tolerances(line)
	if err != nil {
		return inspect.Input{}, tol, err
	}
	in := inspect.Input{Line: line, Round: rr.Round, MarkerChecks: rr.MarkerChecks, SegmentChecks: rr.SegmentChecks,
		Signatures: rr.Signatures, Now: ld.now, ObservedReferences: observedReferences(rr.MarkerChecks)}
	if in.Settings, err = settings(line); err != nil {
		return in, tol, err
	}
	steps := []func(context.Context, *inspect.Input) error{ld.versions, ld.markers, ld.junctions, ld.sideA, ld.townships}
	for _, step := range steps {
		if err := step(ctx, &in); err != nil {
			return in, tol, err
		}
	}
	return in, tol, nil
}

func observedReferences(cs []*data.MarkerCheck) map[string][]data.ReferenceObject {
	out := map[string][]data.ReferenceObject{}
	for _, c := range cs {
		if len(c.References) > 0 {
			out[c.MarkerID] = append(out[c.MarkerID], c.References...)
		}
	}
	return out
}

// versions keeps, for each side, the round's latest observation, else the
// latest version stored before the round; agreed and other versions pass.
func (ld loader) versions(ctx context.Context, in *inspect.Input) error {
	all, err := ld.st.LineVersions(ctx, in.Line.ID)
	if err != nil {
		return err
	}
	pick := map[data.VersionSource]*data.LineVersion{}
	var out []*data.LineVersion
	for _, v := range all { // oldest first
		switch {
		case v.Source != data.SourceSideA && v.Source != data.SourceSideB:
			if v.RoundID == "" || v.RoundID == ld.rr.Round.ID {
				out = append(out, v)
			}
		case v.RoundID == ld.rr.Round.ID:
			pick[v.Source] = v
		case v.RoundID == "" && (pick[v.Source] == nil || pick[v.Source].RoundID == ""):
			pick[v.Source] = v
		}
	}
	for _, src := range []data.VersionSource{data.SourceSideA, data.SourceSideB} {
		if v := pick[src]; v != nil {
			out = append(out, v)
		}
	}
	in.Versions = out
	return nil
}

func (ld loader) markers(ctx context.Context, in *inspect.Input) error {
	ms, err := listAll(func(off int) (data.Page[*data.Marker], error) {
		return ld.st.ListMarkers(ctx, data.Query{LineID: in.Line.ID, Limit: data.MaxLimit, Offset: off})
	})
	in.Markers = ms
	return err
}

// junctions loads the tri-junctions that name the line, with the agreed
// geometry of their three lines.
func (ld loader) junctions(ctx context.Context, in *inspect.Input) error {
	b := in.Line.Geometry.Bound().Pad(0.001)
	tjs, err := listAll(func(off int) (data.Page[*data.TriJunction], error) {
		return ld.st.ListTriJunctions(ctx, data.Query{BBox: &b, Limit: data.MaxLimit, Offset: off})
	})
	if err != nil {
		return err
	}
	for _, tj := range tjs {
		if !slices.Contains(tj.LineIDs[:], in.Line.ID) {
			continue
		}
		ti := inspect.TriJunctionInput{Junction: tj}
		for i, id := range tj.LineIDs {
			if id == "" {
				continue
			}
			l, err := ld.st.GetBoundaryLine(ctx, id)
			if err != nil {
				return err
			}
			ti.Lines[i] = l.Geometry
		}
		in.TriJunctions = append(in.TriJunctions, ti)
	}
	return nil
}

// sideA loads unit A's version current at the round, when the line does
// not state the side of A itself.
func (ld loader) sideA(ctx context.Context, in *inspect.Input) error {
	if in.Settings.SideOfA != geo.SideOn || in.Line.UnitA == "" {
		return nil
	}
	vs, err := ld.st.UnitVersions(ctx, in.Line.UnitA)
	if err != nil {
		return err
	}
	for _, v := range slices.Backward(vs) {
		if v.Valid.Contains(ld.rr.Round.Created) || v.Valid.Current() {
			in.SideA = v
			return nil
		}
	}
	return nil
}

// townships loads the townships valid at the round whose area meets the
// line's bounding box widened by TownshipMarginDeg (C13, C14, C16).
func (ld loader) townships(ctx context.Context, in *inspect.Input) error {
	if len(in.Line.Geometry) == 0 {
		return nil
	}
	b := in.Line.Geometry.Bound().Pad(TownshipMarginDeg)
	at := ld.rr.Round.Created
	us, err := listAll(func(off int) (data.Page[*data.AdminUnit], error) {
		return ld.st.ListAdminUnits(ctx, data.Query{BBox: &b, At: &at, Level: data.LevelTownship,
			Limit: data.MaxLimit, Offset: off})
	})
	in.Townships = us
	return err
}

// listAll pages through a list.
func listAll[T any](page func(offset int) (data.Page[T], error)) ([]T, error) {
	var out []T
	for {
		p, err := page(len(out))
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if len(p.Items) == 0 || len(out) >= p.Matched {
			return out, nil
		}
	}
}
