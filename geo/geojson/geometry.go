package geojson

import (
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
)

// geomReader decodes GeoJSON geometry objects into orb geometries, counting positions
// against the limit for the whole document.
type geomReader struct {
	maxPositions   int
	count          int
	altitudes      int
	rejectAltitude bool
	lax            bool
}

// cursor walks the validated JSON of a "coordinates" value.
type cursor struct {
	b []byte
	i int
}

func (c *cursor) ws() { c.i = skipSpace(c.b, c.i) }

func (c *cursor) eat(ch byte) bool {
	if c.i < len(c.b) && c.b[c.i] == ch {
		c.i++
		return true
	}
	return false
}

// describe names the value at the cursor.
func (c *cursor) describe() string {
	end, _ := skipValue(c.b, c.i)
	return describe(c.b[c.i:end])
}

// list calls fn for each element of the array at the cursor, with the cursor on it.
func (c *cursor) list(fn func(i int) error) error {
	c.ws()
	if !c.eat('[') {
		return invalidf("expected an array, found %s", c.describe())
	}
	c.ws()
	if c.eat(']') {
		return nil
	}
	for i := 0; ; i++ {
		if err := fn(i); err != nil {
			return err
		}
		c.ws()
		if c.eat(',') {
			c.ws()
			continue
		}
		if c.eat(']') {
			return nil
		}
		return &problem{err: ErrSyntax, msg: "expected ',' or ']' in coordinates"}
	}
}

// number reads a JSON number at the cursor.
func (c *cursor) number() (float64, error) {
	start := c.i
	for c.i < len(c.b) {
		ch := c.b[c.i]
		if '0' <= ch && ch <= '9' || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E' {
			c.i++
			continue
		}
		break
	}
	if start == c.i {
		return 0, invalidf("expected a number, found %s", c.describe())
	}
	f, err := strconv.ParseFloat(string(c.b[start:c.i]), 64)
	if err != nil {
		return 0, invalidf("coordinate %s is beyond the range of float64", c.b[start:c.i])
	}
	return f, nil
}

// position reads [x, y, …]; a third number (altitude) and any further ones are counted
// and dropped, or refused with ErrAltitude.
func (r *geomReader) position(c *cursor) (orb.Point, error) {
	var p orb.Point
	n := 0
	err := c.list(func(i int) error {
		f, err := c.number()
		if i < 2 {
			p[i] = f
		}
		n++
		return err
	})
	if err != nil {
		return p, err
	}
	if n < 2 {
		return p, invalidf("has %s, needs at least 2", plural(n, "number"))
	}
	if n > 2 {
		if r.rejectAltitude {
			return p, &problem{err: ErrAltitude, msg: fmt.Sprintf("has %d numbers; altitude is refused (ReadOptions.RejectAltitude)", n)}
		}
		r.altitudes++
	}
	return p, r.countOne()
}

// countOne counts a position, or an empty array where positions, rings or polygons go, against
// MaxPositions: an empty ring costs as much memory as a position, and more once validation
// reports it, so empty ones must not be free.
func (r *geomReader) countOne() error {
	r.count++
	if r.count > r.maxPositions {
		return &problem{err: ErrTooManyPositions, msg: fmt.Sprintf("more than %d positions in the document (ReadOptions.MaxPositions)", r.maxPositions)}
	}
	return nil
}

// positions reads an array of positions.
func (r *geomReader) positions(c *cursor) ([]orb.Point, error) {
	ps := []orb.Point{}
	err := c.list(func(i int) error {
		p, err := r.position(c)
		if err != nil {
			return within(fmt.Sprintf("position %d", i), err)
		}
		ps = append(ps, p)
		return nil
	})
	if err == nil && len(ps) == 0 {
		err = r.countOne()
	}
	return ps, err
}

func (r *geomReader) lineString(c *cursor) (orb.LineString, error) {
	ps, err := r.positions(c)
	if err != nil {
		return nil, err
	}
	if len(ps) == 1 && !r.lax {
		return nil, invalidf("has 1 position, needs at least 2")
	}
	return ps, nil
}

func (r *geomReader) polygon(c *cursor) (orb.Polygon, error) {
	p := orb.Polygon{}
	err := c.list(func(i int) error {
		ps, err := r.positions(c)
		if err != nil {
			return within(fmt.Sprintf("ring %d", i), err)
		}
		if len(ps) == 0 {
			// Even with Lax: there is nothing to repair, and a million empty rings would
			// cost a hundred times their text in the validation that reports them.
			return within(fmt.Sprintf("ring %d", i), invalidf("is empty"))
		}
		if !r.lax {
			if len(ps) < 4 {
				return within(fmt.Sprintf("ring %d", i), invalidf("has %s, needs at least 4", plural(len(ps), "position")))
			}
			if first, last := ps[0], ps[len(ps)-1]; first != last {
				return within(fmt.Sprintf("ring %d", i), invalidf("is not closed: first position [%v, %v], last [%v, %v]", first[0], first[1], last[0], last[1]))
			}
		}
		p = append(p, ps)
		return nil
	})
	if err == nil && len(p) == 0 {
		err = r.countOne()
	}
	return p, err
}

// coordinates decodes the "coordinates" member of a geometry of type typ.
func (r *geomReader) coordinates(typ string, b []byte) (orb.Geometry, error) {
	c := &cursor{b: b}
	switch typ {
	case "Point":
		p, err := r.position(c)
		if err != nil {
			return nil, within("point", err)
		}
		return p, nil
	case "MultiPoint":
		ps, err := r.positions(c)
		if err != nil {
			return nil, within("multipoint", err)
		}
		return orb.MultiPoint(ps), nil
	case "LineString":
		ls, err := r.lineString(c)
		if err != nil {
			return nil, within("line string", err)
		}
		return ls, nil
	case "MultiLineString":
		mls := orb.MultiLineString{}
		err := c.list(func(i int) error {
			ls, err := r.lineString(c)
			if err != nil {
				return within(fmt.Sprintf("multilinestring line %d", i), err)
			}
			mls = append(mls, ls)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return mls, nil
	case "Polygon":
		p, err := r.polygon(c)
		if err != nil {
			return nil, within("polygon", err)
		}
		return p, nil
	case "MultiPolygon":
		mp := orb.MultiPolygon{}
		err := c.list(func(i int) error {
			p, err := r.polygon(c)
			if err != nil {
				return within(fmt.Sprintf("multipolygon polygon %d", i), err)
			}
			mp = append(mp, p)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return mp, nil
	}
	return nil, invalidf("unknown geometry type %q", typ)
}

// geometry decodes a GeoJSON geometry object, or null (a nil geometry). A geometry's bbox
// and foreign members are not kept: orb geometries have no place for them.
func (r *geomReader) geometry(b []byte) (orb.Geometry, error) {
	if isNull(b) {
		return nil, nil
	}
	var typ, coords, geoms []byte
	err := members(b, func(key string, val []byte) error {
		switch key {
		case "type":
			typ = val
		case "coordinates":
			coords = val
		case "geometries":
			geoms = val
		}
		return nil
	})
	if err != nil {
		return nil, within("geometry:", err)
	}
	return r.geometryFrom(typ, coords, geoms)
}

// geometryFrom decodes a geometry from the raw values of its members.
func (r *geomReader) geometryFrom(typ, coords, geoms []byte) (orb.Geometry, error) {
	t, err := typeName(typ)
	if err != nil {
		return nil, err
	}
	if t == "GeometryCollection" {
		if geoms == nil {
			return nil, invalidf("GeometryCollection without \"geometries\"")
		}
		col := orb.Collection{}
		c := &cursor{b: geoms}
		err := c.list(func(i int) error {
			start := c.i
			end, ok := skipValue(c.b, c.i)
			if !ok {
				return &problem{err: ErrSyntax, msg: "unterminated geometry"}
			}
			c.i = end
			if isNull(c.b[start:end]) {
				return invalidf("geometry collection member %d is null", i)
			}
			g, err := r.geometry(c.b[start:end])
			if err != nil {
				return within(fmt.Sprintf("geometry collection member %d:", i), err)
			}
			col = append(col, g)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return col, nil
	}
	switch t {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
	case "Feature", "FeatureCollection":
		return nil, invalidf("a %s where a geometry belongs", t)
	default:
		return nil, invalidf("unknown geometry type %q", t)
	}
	if coords == nil {
		return nil, invalidf("%s without \"coordinates\"", t)
	}
	return r.coordinates(t, coords)
}
