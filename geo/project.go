package geo

import "github.com/paulmach/orb"

// ProjectGeometry returns a copy of g with f applied to every point; g is
// not modified. A nil geometry gives nil. An orb.Bound is returned as the
// projected orb.Polygon of its four corners, since a projected rectangle is
// no longer a rectangle. f is typically Zone.Forward or Zone.Inverse.
func ProjectGeometry(g orb.Geometry, f func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case nil:
		return nil
	case orb.Point:
		return f(g)
	case orb.MultiPoint:
		return orb.MultiPoint(projectPoints(g, f))
	case orb.LineString:
		return ProjectLineString(g, f)
	case orb.Ring:
		return orb.Ring(projectPoints(g, f))
	case orb.MultiLineString:
		return ProjectMultiLineString(g, f)
	case orb.Polygon:
		return ProjectPolygon(g, f)
	case orb.MultiPolygon:
		return ProjectMultiPolygon(g, f)
	case orb.Collection:
		return projectCollection(g, f)
	case orb.Bound:
		return ProjectPolygon(g.ToPolygon(), f)
	}
	return nil
}

// ProjectLineString returns a copy of ls with f applied to every point.
func ProjectLineString(ls orb.LineString, f func(orb.Point) orb.Point) orb.LineString {
	return orb.LineString(projectPoints(ls, f))
}

// ProjectMultiLineString returns a copy of mls with f applied to every point.
func ProjectMultiLineString(mls orb.MultiLineString, f func(orb.Point) orb.Point) orb.MultiLineString {
	if mls == nil {
		return nil
	}
	out := make(orb.MultiLineString, len(mls))
	for i, ls := range mls {
		out[i] = ProjectLineString(ls, f)
	}
	return out
}

// ProjectPolygon returns a copy of p with f applied to every point.
func ProjectPolygon(p orb.Polygon, f func(orb.Point) orb.Point) orb.Polygon {
	if p == nil {
		return nil
	}
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = orb.Ring(projectPoints(r, f))
	}
	return out
}

// ProjectMultiPolygon returns a copy of mp with f applied to every point.
func ProjectMultiPolygon(mp orb.MultiPolygon, f func(orb.Point) orb.Point) orb.MultiPolygon {
	if mp == nil {
		return nil
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		out[i] = ProjectPolygon(p, f)
	}
	return out
}

func projectCollection(c orb.Collection, f func(orb.Point) orb.Point) orb.Collection {
	if c == nil {
		return nil
	}
	out := make(orb.Collection, len(c))
	for i, g := range c {
		out[i] = ProjectGeometry(g, f)
	}
	return out
}

// projectPoints copies pts through f, keeping nil as nil.
func projectPoints[S ~[]orb.Point](pts S, f func(orb.Point) orb.Point) []orb.Point {
	if pts == nil {
		return nil
	}
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = f(p)
	}
	return out
}
