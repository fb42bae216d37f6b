package osm

import (
	"errors"
	"strings"
	"testing"
)

// TestReadErrors: malformed input gets an *Error naming the element, never a panic.
func TestReadErrors(t *testing.T) {
	const head = `<?xml version="1.0"?><osm version="0.6">`
	for _, c := range []struct {
		name, doc string
		opts      *ReadOptions
		is        error
		want      string
	}{
		{"empty", "", nil, ErrFormat, "empty input"},
		{"junk", "hello world", nil, ErrFormat, "neither OSM XML nor PBF"},
		{"truncated", head + `<node id="1" lat="1" lon="2"/><node id="2" lat="1"`, nil, ErrFormat, "after node 1"},
		{"bad latitude", head + `<node id="7" lat="91" lon="2"/></osm>`, nil, ErrFormat, "node 7: "},
		{"twice", head + `<node id="7" lat="1" lon="2"/><node id="7" lat="1" lon="2"/></osm>`, nil, ErrFormat, "node 7: osm: malformed input: node given twice"},
		{"too many", head + `<node id="1" lat="1" lon="2"/><node id="2" lat="1" lon="2"/></osm>`, &ReadOptions{MaxElements: 1}, ErrTooLarge, "node 2"},
		{"too long", head + `<node id="1" lat="1" lon="2"/></osm>`, &ReadOptions{MaxBytes: 20}, ErrTooLarge, ""},
		{"long tag", head + `<node id="1" lat="1" lon="2">` + `<tag k="a" v="` + strings.Repeat("x", 100) + `"/></node></osm>`, &ReadOptions{MaxTokenBytes: 50}, ErrTooLarge, "before the first element"},
		{"deep", head + strings.Repeat("<a>", 100), nil, ErrTooLarge, "nested deeper"},
		{"no osm", `<?xml version="1.0"?>`, nil, ErrFormat, "no <osm>"},
		{"relation member type", head + `<relation id="3"><member type="area" ref="1" role=""/></relation></osm>`, nil, ErrFormat, "relation 3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.doc), Detect, c.opts)
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an *Error wrapping %v containing %q", err, c.is, c.want)
			}
		})
	}
}
