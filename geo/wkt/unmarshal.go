package wkt

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Sentinel errors wrapped by *SyntaxError; test with errors.Is.
var (
	// ErrSyntax means text that does not follow the WKT grammar.
	ErrSyntax = errors.New("wkt: syntax error")
	// ErrZM means Z or M coordinates while Decoder.DropZM is not set.
	ErrZM = errors.New("wkt: Z or M coordinates")
	// ErrEmptyPoint means POINT EMPTY or an EMPTY member of a MULTIPOINT, which orb.Point
	// cannot hold.
	ErrEmptyPoint = errors.New("wkt: empty point")
	// ErrUnsupported means a curve, surface or other SQL/MM type orb cannot hold.
	ErrUnsupported = errors.New("wkt: unsupported geometry type")
	// ErrLimit means collections nested deeper than Decoder.MaxDepth, more positions than
	// Decoder.MaxPositions or text longer than Decoder.MaxBytes.
	ErrLimit = errors.New("wkt: limit exceeded")
)

// SyntaxError is a reading error at a byte offset of the text.
type SyntaxError struct {
	Offset int    // byte offset into the text where the problem is
	Err    error  // ErrSyntax, ErrZM, ErrEmptyPoint, ErrUnsupported or ErrLimit
	Msg    string // what was expected and found
}

// Error returns "wkt: offset N: " and the message.
func (e *SyntaxError) Error() string { return fmt.Sprintf("wkt: offset %d: %s", e.Offset, e.Msg) }

// Unwrap returns the sentinel error, for errors.Is.
func (e *SyntaxError) Unwrap() error { return e.Err }

// DefaultMaxDepth is how deep a Decoder with MaxDepth 0 lets geometry collections nest; the
// top geometry is at depth 1.
const DefaultMaxDepth = 32

// Default limits of the Decoder fields MaxBytes and MaxPositions left at zero, as
// geo/geojson's.
const (
	// DefaultMaxBytes is the longest text Decode accepts by default: 256 MiB.
	DefaultMaxBytes = 256 << 20
	// DefaultMaxPositions is the most positions a geometry may hold by default, each EMPTY
	// counting as one: 16 Mi (16,777,216), 256 MiB as orb points.
	DefaultMaxPositions = 16 << 20
)

// AllocPerByte bounds what Decode allocates, in bytes per byte of text (plus a few hundred
// bytes for the result or the error): a fuzz target checks it. The worst text, one-position
// rings "(0 0)," or EMPTY members, needs about 25.
const AllocPerByte = 32

// Decoder reads WKT with options. The zero value rejects Z and M and uses DefaultMaxDepth.
// It holds no state and is safe for concurrent use.
type Decoder struct {
	// DropZM reads Z and M coordinates and discards them instead of failing with ErrZM.
	DropZM bool
	// MaxDepth bounds how deep geometry collections nest; 0 means DefaultMaxDepth.
	MaxDepth int
	// MaxBytes bounds the length of the text; 0 means DefaultMaxBytes. Longer text gets
	// ErrLimit before anything is read.
	MaxBytes int
	// MaxPositions bounds the positions of the geometry, each EMPTY (line, ring, polygon,
	// member) counting as one; 0 means DefaultMaxPositions. One more gets ErrLimit at its
	// offset.
	MaxPositions int
}

// Unmarshal reads one WKT or EWKT geometry with a zero Decoder. It returns the geometry and
// the SRID of an EWKT prefix (0 without one). Errors are *SyntaxError values.
func Unmarshal(s string) (orb.Geometry, int, error) {
	return Decoder{}.Decode(s)
}

// Decode reads one WKT or EWKT geometry, which may be surrounded by white space. It returns
// the geometry and the SRID of an EWKT prefix (0 without one). Errors are *SyntaxError
// values wrapping ErrSyntax, ErrZM, ErrEmptyPoint, ErrUnsupported or ErrLimit.
func (d Decoder) Decode(s string) (orb.Geometry, int, error) {
	p := parser{s: s, dropZM: d.DropZM, maxDepth: d.MaxDepth, left: d.MaxPositions}
	if p.maxDepth <= 0 {
		p.maxDepth = DefaultMaxDepth
	}
	if p.left <= 0 {
		p.left = DefaultMaxPositions
	}
	maxBytes := d.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if len(s) > maxBytes {
		return nil, 0, p.failAt(maxBytes, ErrLimit, "text of %d bytes is longer than the limit of %d", len(s), maxBytes)
	}
	srid, err := p.sridPrefix()
	if err != nil {
		return nil, 0, err
	}
	g, err := p.geometry(1, 0)
	if err != nil {
		return nil, 0, err
	}
	p.space()
	if p.pos < len(s) {
		return nil, 0, p.fail(ErrSyntax, "%s after the geometry", p.found())
	}
	return g, srid, nil
}

type parser struct {
	s        string
	pos      int
	dropZM   bool
	maxDepth int
	left     int // positions (and EMPTYs) still allowed
}

// count takes one position or EMPTY, at offset off, from the limit.
func (p *parser) count(off int) error {
	if p.left--; p.left < 0 {
		return p.failAt(off, ErrLimit, "more than the limit of positions (each EMPTY counting as one)")
	}
	return nil
}

func (p *parser) fail(sentinel error, format string, args ...any) error {
	return p.failAt(p.pos, sentinel, format, args...)
}

func (p *parser) failAt(off int, sentinel error, format string, args ...any) error {
	return &SyntaxError{Offset: off, Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) space() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// found describes what is at the current position, for error messages.
func (p *parser) found() string {
	if p.pos >= len(p.s) {
		return "end of text"
	}
	end := p.pos + 1
	for end < len(p.s) && end < p.pos+12 && isWordByte(p.s[end]) && isWordByte(p.s[p.pos]) {
		end++
	}
	return strconv.Quote(p.s[p.pos:end])
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isWordByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '+'
}

// word reads a keyword (letters only), upper-cased; "" if none is there.
func (p *parser) word() string {
	p.space()
	start := p.pos
	for p.pos < len(p.s) && isLetter(p.s[p.pos]) {
		p.pos++
	}
	return strings.ToUpper(p.s[start:p.pos])
}

// peekWord returns the next keyword without consuming it.
func (p *parser) peekWord() string {
	save := p.pos
	w := p.word()
	p.pos = save
	return w
}

// char consumes c after optional space.
func (p *parser) char(c byte) error {
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == c {
		p.pos++
		return nil
	}
	return p.fail(ErrSyntax, "expected %q, found %s", c, p.found())
}

// more consumes ',' and reports true, or consumes ')' and reports false.
func (p *parser) more() (bool, error) {
	p.space()
	if p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ',':
			p.pos++
			return true, nil
		case ')':
			p.pos++
			return false, nil
		}
	}
	return false, p.fail(ErrSyntax, "expected ',' or ')', found %s", p.found())
}

func (p *parser) sridPrefix() (int, error) {
	p.space()
	if len(p.s)-p.pos < 5 || !strings.EqualFold(p.s[p.pos:p.pos+5], "SRID=") {
		return 0, nil
	}
	p.pos += 5
	start := p.pos
	for p.pos < len(p.s) && '0' <= p.s[p.pos] && p.s[p.pos] <= '9' {
		p.pos++
	}
	srid, err := strconv.ParseInt(p.s[start:p.pos], 10, 32)
	if err != nil {
		return 0, p.failAt(start, ErrSyntax, "SRID %q is not an integer in 0..2147483647", p.s[start:p.pos])
	}
	if p.pos >= len(p.s) || p.s[p.pos] != ';' {
		return 0, p.fail(ErrSyntax, "expected ';' after the SRID, found %s", p.found())
	}
	p.pos++
	return int(srid), nil
}

// Geometry type codes, in the order of the WKB codes.
const (
	tPoint = iota + 1
	tLineString
	tPolygon
	tMultiPoint
	tMultiLineString
	tMultiPolygon
	tCollection
)

var typeWords = []struct {
	word string
	t    int
}{
	{"GEOMETRYCOLLECTION", tCollection},
	{"MULTILINESTRING", tMultiLineString},
	{"MULTIPOLYGON", tMultiPolygon},
	{"MULTIPOINT", tMultiPoint},
	{"LINESTRING", tLineString},
	{"POLYGON", tPolygon},
	{"POINT", tPoint},
}

var unsupportedWords = []string{"CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE",
	"MULTISURFACE", "CURVE", "SURFACE", "POLYHEDRALSURFACE", "TIN", "TRIANGLE", "GEOMETRY"}

// dimsOf returns the coordinates per position a dimension keyword declares, 0 for none.
func dimsOf(suffix string) (int, bool) {
	switch suffix {
	case "":
		return 0, true
	case "Z", "M":
		return 3, true
	case "ZM":
		return 4, true
	}
	return 0, false
}

// geometry reads a tagged geometry; dims is the dimension declared by an enclosing
// collection, 0 if none.
func (p *parser) geometry(depth, dims int) (orb.Geometry, error) {
	p.space()
	start := p.pos
	w := p.word()
	if w == "" {
		return nil, p.fail(ErrSyntax, "expected a geometry type, found %s", p.found())
	}
	t := 0
	suffix := ""
	for _, tw := range typeWords {
		if strings.HasPrefix(w, tw.word) {
			t, suffix = tw.t, w[len(tw.word):]
			break
		}
	}
	if t == 0 {
		for _, u := range unsupportedWords {
			if strings.HasPrefix(w, u) {
				return nil, p.failAt(start, ErrUnsupported, "%s is not supported; orb holds points, lines, polygons, their multi forms and collections", w)
			}
		}
		return nil, p.failAt(start, ErrSyntax, "unknown geometry type %q", w)
	}
	d, ok := dimsOf(suffix)
	if !ok {
		return nil, p.failAt(start, ErrSyntax, "unknown geometry type %q", w)
	}
	if d == 0 {
		save := p.pos
		if kw := p.word(); kw == "Z" || kw == "M" || kw == "ZM" {
			d, _ = dimsOf(kw)
		} else {
			p.pos = save
		}
	}
	if d > 2 && !p.dropZM {
		return nil, p.failAt(start, ErrZM, "%s has Z or M coordinates; orb geometries are 2D (set Decoder.DropZM to drop them)", p.s[start:p.pos])
	}
	if d == 0 {
		d = dims
	}
	if t == tCollection && depth > p.maxDepth {
		return nil, p.failAt(start, ErrLimit, "geometry collections nest deeper than %d", p.maxDepth)
	}
	if p.peekWord() == "EMPTY" {
		p.space()
		if err := p.count(p.pos); err != nil {
			return nil, err
		}
		p.word()
		return emptyOf(t, p, start)
	}
	switch t {
	case tPoint:
		if err := p.char('('); err != nil {
			return nil, err
		}
		pt, err := p.position(&d)
		if err != nil {
			return nil, err
		}
		if err := p.char(')'); err != nil {
			return nil, err
		}
		return pt, nil
	case tLineString:
		ps, err := p.positions(&d)
		if err != nil {
			return nil, err
		}
		return orb.LineString(ps), nil
	case tPolygon:
		return p.polygon(&d)
	case tMultiPoint:
		return p.multiPoint(&d)
	case tMultiLineString:
		var mls orb.MultiLineString
		err := p.list(func() error {
			ps, err := p.lineText(&d)
			mls = append(mls, orb.LineString(ps))
			return err
		})
		if err != nil {
			return nil, err
		}
		return mls, nil
	case tMultiPolygon:
		var mp orb.MultiPolygon
		err := p.list(func() error {
			pg, err := p.polygonText(&d)
			mp = append(mp, pg)
			return err
		})
		if err != nil {
			return nil, err
		}
		return mp, nil
	default: // tCollection
		var c orb.Collection
		err := p.list(func() error {
			g, err := p.geometry(depth+1, d)
			c = append(c, g)
			return err
		})
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}

func emptyOf(t int, p *parser, start int) (orb.Geometry, error) {
	switch t {
	case tPoint:
		return nil, p.failAt(start, ErrEmptyPoint, "POINT EMPTY; orb.Point cannot be empty")
	case tLineString:
		return orb.LineString{}, nil
	case tPolygon:
		return orb.Polygon{}, nil
	case tMultiPoint:
		return orb.MultiPoint{}, nil
	case tMultiLineString:
		return orb.MultiLineString{}, nil
	case tMultiPolygon:
		return orb.MultiPolygon{}, nil
	}
	return orb.Collection{}, nil
}

// list reads "( item, item … )" after the caller has ruled out EMPTY.
func (p *parser) list(item func() error) error {
	if err := p.char('('); err != nil {
		return err
	}
	for {
		if err := item(); err != nil {
			return err
		}
		more, err := p.more()
		if err != nil || !more {
			return err
		}
	}
}

// lineText reads EMPTY or a parenthesised position list.
func (p *parser) lineText(dims *int) ([]orb.Point, error) {
	if p.peekWord() == "EMPTY" {
		p.space()
		if err := p.count(p.pos); err != nil {
			return nil, err
		}
		p.word()
		return []orb.Point{}, nil
	}
	return p.positions(dims)
}

// polygonText reads EMPTY or a parenthesised list of rings.
func (p *parser) polygonText(dims *int) (orb.Polygon, error) {
	if p.peekWord() == "EMPTY" {
		p.space()
		if err := p.count(p.pos); err != nil {
			return nil, err
		}
		p.word()
		return orb.Polygon{}, nil
	}
	return p.polygon(dims)
}

func (p *parser) polygon(dims *int) (orb.Polygon, error) {
	var pg orb.Polygon
	err := p.list(func() error {
		ps, err := p.lineText(dims)
		pg = append(pg, orb.Ring(ps))
		return err
	})
	if err != nil {
		return nil, err
	}
	return pg, nil
}

func (p *parser) multiPoint(dims *int) (orb.MultiPoint, error) {
	var mp orb.MultiPoint
	err := p.list(func() error {
		p.space()
		start := p.pos
		if p.peekWord() == "EMPTY" {
			return p.failAt(start, ErrEmptyPoint, "EMPTY member %d of a MULTIPOINT; orb.Point cannot be empty", len(mp))
		}
		paren := p.pos < len(p.s) && p.s[p.pos] == '('
		if paren {
			p.pos++
		}
		pt, err := p.position(dims)
		if err != nil {
			return err
		}
		mp = append(mp, pt)
		if paren {
			return p.char(')')
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return mp, nil
}

// positions reads "( x y, x y … )".
func (p *parser) positions(dims *int) ([]orb.Point, error) {
	var ps []orb.Point
	err := p.list(func() error {
		pt, err := p.position(dims)
		ps = append(ps, pt)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ps, nil
}

// position reads two to four numbers. *dims is the count the geometry declared or its first
// position had, 0 if not yet known; it is set from the first position.
func (p *parser) position(dims *int) (orb.Point, error) {
	p.space()
	start := p.pos
	if err := p.count(start); err != nil {
		return orb.Point{}, err
	}
	var v [4]float64
	n := 0
	for {
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] == ',' || p.s[p.pos] == ')' {
			break
		}
		if n == 4 {
			return orb.Point{}, p.fail(ErrSyntax, "a position has at most 4 numbers, found a 5th: %s", p.found())
		}
		f, err := p.number()
		if err != nil {
			return orb.Point{}, err
		}
		v[n] = f
		n++
	}
	switch {
	case n < 2:
		return orb.Point{}, p.failAt(start, ErrSyntax, "a position needs at least 2 numbers, found %d before %s", n, p.found())
	case *dims == 0:
		if n > 2 && !p.dropZM {
			return orb.Point{}, p.failAt(start, ErrZM, "position has %d numbers; orb geometries are 2D (set Decoder.DropZM to drop Z and M)", n)
		}
		*dims = n
	case n != *dims:
		return orb.Point{}, p.failAt(start, ErrSyntax, "position has %d numbers, the geometry's positions have %d", n, *dims)
	}
	return orb.Point{v[0], v[1]}, nil
}

// number reads a decimal number: [+-] digits [. digits] [(e|E) [+-] digits], or with the
// integer part omitted (.5). NaN, Inf and hexadecimal forms are refused.
func (p *parser) number() (float64, error) {
	start := p.pos
	i := p.pos
	if i < len(p.s) && (p.s[i] == '+' || p.s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(p.s) && '0' <= p.s[i] && p.s[i] <= '9' {
		i++
		digits++
	}
	if i < len(p.s) && p.s[i] == '.' {
		i++
		for i < len(p.s) && '0' <= p.s[i] && p.s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, p.fail(ErrSyntax, "expected a number, found %s", p.found())
	}
	if i < len(p.s) && (p.s[i] == 'e' || p.s[i] == 'E') {
		i++
		if i < len(p.s) && (p.s[i] == '+' || p.s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(p.s) && '0' <= p.s[i] && p.s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			p.pos = i
			return 0, p.failAt(start, ErrSyntax, "exponent without digits in %q", p.s[start:i])
		}
	}
	if i < len(p.s) && isWordByte(p.s[i]) {
		p.pos = start
		return 0, p.fail(ErrSyntax, "expected a number, found %s", p.found())
	}
	f, err := strconv.ParseFloat(p.s[start:i], 64)
	if err != nil {
		return 0, p.failAt(start, ErrSyntax, "number %q is beyond the range of float64", p.s[start:i])
	}
	p.pos = i
	return f, nil
}
