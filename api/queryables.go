package api

import (
	"github.com/toponym/toponym/data"
)

// queryable is a collection-specific filter parameter of /items (OGC API –
// Features Part 1, "parameters for filtering on feature properties").
type queryable struct {
	Name        string
	Description string
	// apply parses v into q; errors are KindInvalid and name the parameter.
	apply func(v string, q *data.Query) error
}

// named sets the error's field to the parameter name and, when the error
// names no value, its value to the parameter's value.
func named(name, value string, err error) error {
	if e := data.AsError(err); e != nil {
		c := *e
		c.Field = name
		if c.Value == "" {
			c.Value = value
		}
		return &c
	}
	return err
}

func codeQueryable(name, desc string) queryable {
	return queryable{Name: name, Description: desc, apply: func(v string, q *data.Query) error {
		c, err := data.ParseCode(v)
		if err != nil {
			return named(name, v, err)
		}
		q.Code = c
		return nil
	}}
}

func levelQueryable(allowed ...data.Level) queryable {
	desc := "level: "
	for i, l := range allowed {
		if i > 0 {
			desc += ", "
		}
		desc += string(l)
	}
	return queryable{Name: "level", Description: desc, apply: func(v string, q *data.Query) error {
		for _, l := range allowed {
			if data.Level(v) == l {
				q.Level = l
				return nil
			}
		}
		return data.Invalidf("level", "level %q is not one of %v", v, allowed)
	}}
}

var lineQueryable = queryable{Name: "line", Description: "id of the boundary line the markers stand on",
	apply: func(v string, q *data.Query) error {
		if !data.ValidID(v) {
			return data.Invalidf("line", "line %q is not a feature id of boundary-lines", v)
		}
		q.LineID = v
		return nil
	}}
