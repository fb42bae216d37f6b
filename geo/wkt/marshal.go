package wkt

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// ErrInvalid means a geometry that has no WKT form: nil, a type that is not one of orb's, or
// a NaN or infinite coordinate.
var ErrInvalid = errors.New("wkt: cannot write geometry")

// Marshal returns g as 2D WKT. It returns an error wrapping ErrInvalid for nil, a type that
// is not one of orb's, or a NaN or infinite coordinate.
func Marshal(g orb.Geometry) (string, error) {
	var w writer
	if err := w.geometry(g); err != nil {
		return "", err
	}
	return string(w.buf), nil
}

// MarshalEWKT returns g as PostGIS extended WKT, "SRID=4490;POLYGON (…)". srid 0 writes no
// prefix; a negative srid is an error wrapping ErrInvalid.
func MarshalEWKT(g orb.Geometry, srid int) (string, error) {
	if srid < 0 {
		return "", fmt.Errorf("%w: SRID %d is negative", ErrInvalid, srid)
	}
	var w writer
	if srid != 0 {
		w.buf = append(w.buf, "SRID="...)
		w.buf = strconv.AppendInt(w.buf, int64(srid), 10)
		w.buf = append(w.buf, ';')
	}
	if err := w.geometry(g); err != nil {
		return "", err
	}
	return string(w.buf), nil
}

type writer struct{ buf []byte }

// AppendFloat appends f in the shortest form that parses back to f, switching to exponent
// form for very large and very small magnitudes as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
		// 1e-07 → 1e-7, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
		return b
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

func (w *writer) point(p orb.Point) error {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return fmt.Errorf("%w: coordinate (%v %v) is not finite", ErrInvalid, p[0], p[1])
	}
	w.buf = appendFloat(w.buf, p[0])
	w.buf = append(w.buf, ' ')
	w.buf = appendFloat(w.buf, p[1])
	return nil
}

// points writes "(x y, x y)" or "EMPTY".
func (w *writer) points(ps []orb.Point) error {
	if len(ps) == 0 {
		w.buf = append(w.buf, "EMPTY"...)
		return nil
	}
	w.buf = append(w.buf, '(')
	for i, p := range ps {
		if i > 0 {
			w.buf = append(w.buf, ", "...)
		}
		if err := w.point(p); err != nil {
			return err
		}
	}
	w.buf = append(w.buf, ')')
	return nil
}

// polygon writes "((…), (…))" or "EMPTY".
func (w *writer) polygon(p orb.Polygon) error {
	if len(p) == 0 {
		w.buf = append(w.buf, "EMPTY"...)
		return nil
	}
	w.buf = append(w.buf, '(')
	for i, r := range p {
		if i > 0 {
			w.buf = append(w.buf, ", "...)
		}
		if err := w.points(r); err != nil {
			return fmt.Errorf("ring %d: %w", i, err)
		}
	}
	w.buf = append(w.buf, ')')
	return nil
}

// list writes "(a, b)" or "EMPTY", calling item for each of n members.
func (w *writer) list(n int, item func(i int) error) error {
	if n == 0 {
		w.buf = append(w.buf, "EMPTY"...)
		return nil
	}
	w.buf = append(w.buf, '(')
	for i := range n {
		if i > 0 {
			w.buf = append(w.buf, ", "...)
		}
		if err := item(i); err != nil {
			return err
		}
	}
	w.buf = append(w.buf, ')')
	return nil
}

func (w *writer) geometry(g orb.Geometry) error {
	switch g := g.(type) {
	case orb.Point:
		w.buf = append(w.buf, "POINT ("...)
		if err := w.point(g); err != nil {
			return err
		}
		w.buf = append(w.buf, ')')
		return nil
	case orb.MultiPoint:
		w.buf = append(w.buf, "MULTIPOINT "...)
		return w.list(len(g), func(i int) error {
			w.buf = append(w.buf, '(')
			if err := w.point(g[i]); err != nil {
				return fmt.Errorf("point %d: %w", i, err)
			}
			w.buf = append(w.buf, ')')
			return nil
		})
	case orb.LineString:
		w.buf = append(w.buf, "LINESTRING "...)
		return w.points(g)
	case orb.MultiLineString:
		w.buf = append(w.buf, "MULTILINESTRING "...)
		return w.list(len(g), func(i int) error {
			if err := w.points(g[i]); err != nil {
				return fmt.Errorf("line string %d: %w", i, err)
			}
			return nil
		})
	case orb.Ring:
		w.buf = append(w.buf, "POLYGON "...)
		return w.polygon(orb.Polygon{g})
	case orb.Polygon:
		w.buf = append(w.buf, "POLYGON "...)
		return w.polygon(g)
	case orb.Bound:
		w.buf = append(w.buf, "POLYGON "...)
		return w.polygon(g.ToPolygon())
	case orb.MultiPolygon:
		w.buf = append(w.buf, "MULTIPOLYGON "...)
		return w.list(len(g), func(i int) error {
			if err := w.polygon(g[i]); err != nil {
				return fmt.Errorf("polygon %d: %w", i, err)
			}
			return nil
		})
	case orb.Collection:
		w.buf = append(w.buf, "GEOMETRYCOLLECTION "...)
		return w.list(len(g), func(i int) error {
			if err := w.geometry(g[i]); err != nil {
				return fmt.Errorf("collection member %d: %w", i, err)
			}
			return nil
		})
	case nil:
		return fmt.Errorf("%w: nil geometry", ErrInvalid)
	default:
		return fmt.Errorf("%w: %T is not an orb geometry type", ErrInvalid, g)
	}
}
