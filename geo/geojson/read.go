package geojson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb/geojson"
)

// Default limits of ReadOptions fields left at zero.
const (
	// DefaultMaxBytes is the longest input Read accepts by default: 256 MiB.
	DefaultMaxBytes = 256 << 20
	// DefaultMaxPositions is the most positions a document may hold by default: 16 Mi
	// (16,777,216), 256 MiB as orb points.
	DefaultMaxPositions = 16 << 20
	// DefaultMaxDepth is the deepest JSON nesting accepted by default. A MultiPolygon in a
	// FeatureCollection nests 8 deep; each level of GeometryCollection adds 2.
	DefaultMaxDepth = 32
)

// ReadOptions are the limits and choices of Read. The zero value (or a nil pointer) uses the
// defaults.
type ReadOptions struct {
	// MaxBytes bounds the input length; 0 means DefaultMaxBytes. Longer input gets
	// ErrTooLarge as soon as the excess is read.
	MaxBytes int64
	// MaxPositions bounds the positions of all geometries together, an empty ring, line or
	// polygon counting as one; 0 means DefaultMaxPositions.
	MaxPositions int
	// MaxDepth bounds the nesting of JSON objects and arrays, the top-level object being 1;
	// 0 means DefaultMaxDepth.
	MaxDepth int
	// RejectAltitude makes a position with a third number (altitude) an ErrAltitude error
	// instead of dropping the altitude and counting it in Document.Altitudes.
	RejectAltitude bool
	// Lax skips RFC 7946's counts (2 positions per line string, 4 per ring) and ring
	// closure, reading such geometries as written so that geo's validation can report them
	// or its repair close them. Positions still need two numbers, and an empty ring is
	// still an error.
	Lax bool
}

// Document is what Read returns.
type Document struct {
	// Type is the "type" of the top-level object: "FeatureCollection", "Feature", or a
	// geometry type.
	Type string
	// Collection holds the features in input order. A top-level Feature becomes a
	// collection of one; a top-level geometry becomes one feature with that geometry, no
	// id and empty properties.
	Collection *geojson.FeatureCollection
	// CRS is the legacy top-level "crs" member, nil if absent or null.
	CRS *CRS
	// Altitudes counts the positions whose third and further numbers were dropped.
	Altitudes int
}

// Read reads a GeoJSON document (RFC 7946) from r: a FeatureCollection, a Feature, or a bare
// geometry. A leading UTF-8 byte order mark, which Windows tools often write, is skipped.
//
// Features come back in input order as orb geojson.Feature values. Properties keep every
// member; their numbers, and numeric ids, are json.Number values holding the digits as
// written, so "86.50" stays 86.50 and 9007199254740993 keeps its last digit (convert with
// Int64, Float64 or big.Rat.SetString; orb's Properties.MustFloat64 expects float64 and
// does not accept them). A null "properties" becomes an empty map. A missing or null
// "geometry" gives a nil Geometry. Feature members other than type, id, geometry,
// properties and bbox go to ExtraMembers, as do those of the collection other than type,
// features, bbox and crs. A geometry's own bbox and foreign members are not kept.
//
// Geometries are checked as RFC 7946 §3.1 says (unless ReadOptions.Lax): a line string has
// at least 2 positions, a ring at least 4 and is closed. Coordinates are not range-checked,
// because a legacy "crs" may put them in metres; geo's validation does that.
//
// Read streams the features array, so memory is held by the result, not the input text;
// whitespace before and after the top-level object streams past without being kept (inside
// it, encoding/json buffers what lies between two tokens, at most MaxBytes). It allocates
// at most about 200 times the bytes it reads, which MaxBytes caps, plus 64 KiB (the worst
// known, many small foreign members of the collection, need 90: each is held raw, then
// decoded, in maps that grow by doubling). Empty or all-whitespace input is an ErrSyntax
// "no JSON value" error. It never panics. Errors are *Error values that name the feature
// (index and id), its byte offset and the problem, wrapping ErrSyntax, ErrInvalid, ErrTooLarge,
// ErrTooManyPositions, ErrTooDeep or ErrAltitude; an error of r itself is returned wrapped.
func Read(r io.Reader, opts *ReadOptions) (*Document, error) {
	var o ReadOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPositions <= 0 {
		o.MaxPositions = DefaultMaxPositions
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	// A UTF-8 byte order mark, which Windows tools often write, is skipped (RFC 8259 §8.1
	// lets parsers ignore it); offsets in errors still count it.
	br := bufio.NewReader(r)
	var bom int64
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
		bom = 3
	}
	// Leading whitespace is discarded here, as it streams past: encoding/json's Decoder
	// would keep all of it in its buffer (issue 20: 1 GiB of spaces took 1.55 GiB).
	lead, err := discardSpace(br, o.MaxBytes-bom)
	if err != nil {
		return nil, startErr(err, bom, lead, o.MaxBytes)
	}
	lr := &limitedReader{r: br, left: o.MaxBytes - bom - lead, keep: true, skipping: true}
	rd := &reader{
		opts: o,
		geom: geomReader{maxPositions: o.MaxPositions, rejectAltitude: o.RejectAltitude, lax: o.Lax},
		lr:   lr,
		dec:  json.NewDecoder(lr),
		bom:  bom + lead,
	}
	doc, err := rd.document()
	if err != nil {
		return nil, err
	}
	doc.Altitudes = rd.geom.altitudes
	return doc, nil
}

// errLimitReached is returned by limitedReader past MaxBytes.
var errLimitReached = errors.New("limit reached")

// tooLarge is the ErrTooLarge error for input longer than limit bytes.
func tooLarge(limit int64) error {
	return &Error{Feature: -1, Offset: limit, Err: ErrTooLarge,
		Msg: fmt.Sprintf("input is longer than %d bytes (ReadOptions.MaxBytes)", limit)}
}

// discardSpace discards the JSON whitespace at the front of br, at most left bytes, and
// returns how many it discarded. Its error is nil if a byte other than whitespace follows,
// io.EOF if the input ends, errLimitReached if more than left bytes of whitespace (or left
// bytes and then anything) are there, or br's error.
func discardSpace(br *bufio.Reader, left int64) (int64, error) {
	var n int64
	for {
		if _, err := br.Peek(1); err != nil {
			return n, err
		}
		if n >= left {
			return n, errLimitReached
		}
		buf, _ := br.Peek(br.Buffered())
		i := 0
		for i < len(buf) && int64(i) < left-n && isSpace(buf[i]) {
			i++
		}
		br.Discard(i)
		n += int64(i)
		if i < len(buf) && !isSpace(buf[i]) {
			return n, nil
		}
	}
}

// startErr is the error of discardSpace at the start of the input, after a byte order
// mark of bom bytes and lead bytes of whitespace.
func startErr(err error, bom, lead, limit int64) error {
	switch {
	case errors.Is(err, errLimitReached):
		return tooLarge(limit)
	case err == io.EOF && bom+lead == 0:
		return &Error{Feature: -1, Offset: 0, Err: ErrSyntax, Msg: "no JSON value (empty input)"}
	case err == io.EOF:
		return &Error{Feature: -1, Offset: bom + lead, Err: ErrSyntax,
			Msg: fmt.Sprintf("no JSON value (only whitespace, %s)", plural(int(bom+lead), "byte"))}
	}
	return fmt.Errorf("geojson: reading input: %w", err)
}

// isSkip reports whether c is JSON whitespace or a separator, the bytes locate skips before
// a value.
func isSkip(c byte) bool { return isSpace(c) || c == ',' || c == ':' }

// limitedReader reads at most left bytes and fails with errLimitReached if r has more. It
// keeps the bytes read since the last mark, so that a syntax error can be located exactly:
// encoding/json's Decoder reports offsets that count only the bytes of Decode calls. The
// whitespace and separators just after a mark are not kept, so that a run of them costs
// nothing here.
type limitedReader struct {
	r        io.Reader
	left     int64
	total    int64  // bytes read so far
	kept     []byte // bytes from offset keptAt to total
	keptAt   int64
	markAt   int64 // the last mark; the bytes from markAt to keptAt are all isSkip
	keep     bool  // keep bytes at all
	skipping bool  // kept is empty and every byte since markAt is isSkip
}

// Read implements io.Reader.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := io.ReadFull(l.r, one[:])
		if n > 0 {
			return 0, errLimitReached
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	l.total += int64(n)
	if !l.keep {
		l.keptAt = l.total
		return n, err
	}
	b := p[:n]
	if l.skipping {
		k := 0
		for k < len(b) && isSkip(b[k]) {
			k++
		}
		l.keptAt += int64(k)
		b = b[k:]
		l.skipping = len(b) == 0
	}
	l.kept = append(l.kept, b...)
	return n, err
}

// mark forgets the bytes before offset off, and the whitespace and separators after it.
func (l *limitedReader) mark(off int64) {
	if drop := off - l.keptAt; drop > 0 && drop <= int64(len(l.kept)) {
		l.kept = l.kept[:copy(l.kept, l.kept[drop:])]
		l.keptAt = off
	}
	l.markAt = off
	k := 0
	for k < len(l.kept) && isSkip(l.kept[k]) {
		k++
	}
	if k > 0 {
		l.kept = l.kept[:copy(l.kept, l.kept[k:])]
		l.keptAt += int64(k)
	}
	l.skipping = len(l.kept) == 0
}

// locate returns the exact offset and message of the syntax error in the value that starts
// at or after offset from (after spaces and a separator), and ok false if it finds none.
func (l *limitedReader) locate(from int64) (int64, string, bool) {
	if from < l.keptAt && from >= l.markAt {
		from = l.keptAt // only whitespace and separators were between them
	}
	i := from - l.keptAt
	if i < 0 || i > int64(len(l.kept)) {
		return 0, "", false
	}
	b := l.kept[i:]
	j := 0
	for j < len(b) && (isSpace(b[j]) || b[j] == ',' || b[j] == ':') {
		j++
	}
	var raw json.RawMessage
	err := json.NewDecoder(bytes.NewReader(b[j:])).Decode(&raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return 0, "", false
	}
	return from + int64(j) + max(se.Offset-1, 0), strings.TrimPrefix(se.Error(), "json: "), true
}

type reader struct {
	opts ReadOptions
	geom geomReader
	lr   *limitedReader
	dec  *json.Decoder
	bom  int64 // bytes of a skipped byte order mark and leading whitespace, added to the decoder's offsets
}

// fail makes an *Error outside any feature.
func (rd *reader) fail(off int64, sentinel error, format string, args ...any) error {
	return &Error{Feature: -1, Offset: off + rd.bom, Err: sentinel, Msg: fmt.Sprintf(format, args...)}
}

// tokenErr turns an error of the JSON decoder's Token method into an *Error; its syntax
// errors carry exact offsets.
func (rd *reader) tokenErr(err error) error {
	return rd.decodeErr(err, -1, -1)
}

// decodeErr turns an error of the JSON decoder into an *Error. from is the offset where
// the value being decoded begins (or the separator before it), -1 for a Token error.
func (rd *reader) decodeErr(err error, feature int, from int64) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, errLimitReached):
		return tooLarge(rd.opts.MaxBytes)
	case errors.As(err, &se):
		off, msg := se.Offset, strings.TrimPrefix(se.Error(), "json: ")
		if from >= 0 {
			if o, m, ok := rd.lr.locate(from); ok {
				off, msg = o, m
			}
		}
		sentinel := ErrSyntax
		if strings.Contains(msg, "exceeded max depth") {
			sentinel = ErrTooDeep
		}
		return &Error{Feature: feature, Offset: off + rd.bom, Err: sentinel, Msg: msg}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Feature: -1, Offset: rd.lr.total + rd.bom, Err: ErrSyntax, Msg: "unexpected end of input"}
	}
	return fmt.Errorf("geojson: reading input: %w", err)
}

// decode decodes the next value into raw, keeping its bytes for locating syntax errors.
func (rd *reader) decode(raw *json.RawMessage, feature int) (int64, error) {
	from := rd.dec.InputOffset()
	rd.lr.mark(from)
	if err := rd.dec.Decode(raw); err != nil {
		return 0, rd.decodeErr(err, feature, from)
	}
	rd.lr.mark(rd.dec.InputOffset())
	return rd.dec.InputOffset() - int64(len(*raw)) + rd.bom, nil
}

// token reads the next token, then forgets its bytes, so that the whitespace after it is
// not kept.
func (rd *reader) token() (json.Token, error) {
	tok, err := rd.dec.Token()
	if err == nil {
		rd.lr.mark(rd.dec.InputOffset())
	}
	return tok, err
}

// duplicateErr returns an ErrInvalid *Error if the JSON value raw, which begins at offset off,
// names a member twice in one object.
func duplicateErr(raw []byte, feature int, off int64) error {
	var de *jsondup.DuplicateError
	if errors.As(jsondup.Check(raw), &de) {
		return &Error{Feature: feature, Offset: off + de.Offset, Err: ErrInvalid, Msg: de.What()}
	}
	return nil
}

// problemErr turns a problem found in a value into an *Error.
func problemErr(err error, feature int, id any, off int64) error {
	var p *problem
	if errors.As(err, &p) {
		return &Error{Feature: feature, ID: id, Offset: off, Err: p.err, Msg: p.Error()}
	}
	return err
}

func (rd *reader) checkDepth(raw []byte, base int, feature int, off int64) error {
	if d := base + depth(raw); d > rd.opts.MaxDepth {
		return &Error{Feature: feature, Offset: off, Err: ErrTooDeep,
			Msg: fmt.Sprintf("JSON nests %d deep, more than %d (ReadOptions.MaxDepth)", d, rd.opts.MaxDepth)}
	}
	return nil
}

func (rd *reader) document() (*Document, error) {
	tok, err := rd.token()
	if err != nil {
		return nil, rd.tokenErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, rd.fail(0, ErrInvalid, "the top level is %v, want a GeoJSON object", tokenName(tok))
	}
	top := map[string][]byte{}
	var features []*geojson.Feature
	sawFeatures := false
	for rd.dec.More() {
		tok, err := rd.token()
		if err != nil {
			return nil, rd.tokenErr(err)
		}
		key, _ := tok.(string)
		keyAt := rd.dec.InputOffset() - int64(len(key)+2) // exact unless the name has escapes
		if key == "features" {
			if sawFeatures {
				return nil, rd.fail(rd.dec.InputOffset()-int64(len(`"features"`)), ErrInvalid, "a second \"features\" member")
			}
			sawFeatures = true
			if features, err = rd.features(); err != nil {
				return nil, err
			}
			continue
		}
		var raw json.RawMessage
		off, err := rd.decode(&raw, -1)
		if err != nil {
			return nil, err
		}
		if err := rd.checkDepth(raw, 1, -1, off); err != nil {
			return nil, err
		}
		if _, dup := top[key]; dup {
			return nil, rd.fail(keyAt, ErrInvalid, "%s", (&jsondup.DuplicateError{Key: key}).What())
		}
		if err := duplicateErr(raw, -1, off); err != nil {
			return nil, err
		}
		top[key] = raw
	}
	if _, err := rd.token(); err != nil { // the closing brace
		return nil, rd.tokenErr(err)
	}
	if err := rd.trailing(); err != nil {
		return nil, err
	}
	return rd.assemble(top, features, sawFeatures)
}

// trailing checks that only whitespace follows the top-level object, reading it in chunks
// past the decoder, which would buffer all of it.
func (rd *reader) trailing() error {
	rd.lr.keep = false
	rd.lr.kept = nil
	off := rd.dec.InputOffset()
	rest := io.MultiReader(rd.dec.Buffered(), rd.lr)
	buf := make([]byte, 32<<10)
	for {
		n, err := rest.Read(buf)
		for i, c := range buf[:n] {
			if !isSpace(c) {
				return rd.fail(off+int64(i), ErrSyntax, "%s after the top-level object", byteName(c))
			}
		}
		off += int64(n)
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return rd.decodeErr(err, -1, -1)
		}
	}
}

// byteName names the value that begins with c, or c itself.
func byteName(c byte) string {
	switch {
	case c == '"':
		return "a string"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	case c < utf8.RuneSelf:
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func tokenName(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", rune(t))
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

// features streams the features array, the decoder being just after its key.
func (rd *reader) features() ([]*geojson.Feature, error) {
	off := rd.dec.InputOffset()
	tok, err := rd.token()
	if err != nil {
		return nil, rd.tokenErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		if _, ok := tok.(json.Delim); ok {
			off = rd.dec.InputOffset() - 1
		}
		return nil, rd.fail(off, ErrInvalid, "\"features\" is %s, want an array", tokenName(tok))
	}
	features := []*geojson.Feature{}
	for i := 0; rd.dec.More(); i++ {
		var raw json.RawMessage
		off, err := rd.decode(&raw, i)
		if err != nil {
			return nil, err
		}
		if err := rd.checkDepth(raw, 2, i, off); err != nil {
			return nil, err
		}
		if err := duplicateErr(raw, i, off); err != nil {
			return nil, err
		}
		var rf rawFeature
		if err := members(raw, rf.set); err != nil {
			return nil, problemErr(within("feature", err), i, nil, off)
		}
		f, err := rd.feature(&rf)
		if err != nil {
			return nil, problemErr(err, i, f.ID, off)
		}
		features = append(features, f)
	}
	if _, err := rd.token(); err != nil { // the closing bracket
		return nil, rd.tokenErr(err)
	}
	return features, nil
}

// rawFeature holds the members of a feature object before they are decoded.
type rawFeature struct {
	typ, id, geometry, properties, bbox []byte
	extraKeys                           []string
	extraVals                           [][]byte
}

func (rf *rawFeature) set(key string, val []byte) error {
	switch key {
	case "type":
		rf.typ = val
	case "id":
		rf.id = val
	case "geometry":
		rf.geometry = val
	case "properties":
		rf.properties = val
	case "bbox":
		rf.bbox = val
	default:
		rf.extraKeys = append(rf.extraKeys, key)
		rf.extraVals = append(rf.extraVals, val)
	}
	return nil
}

// feature decodes a feature's members. It always returns a non-nil feature, with the id
// set as soon as it is known, so that errors can name it.
func (rd *reader) feature(rf *rawFeature) (*geojson.Feature, error) {
	f := &geojson.Feature{Type: "Feature", Properties: geojson.Properties{}}
	if rf.id != nil {
		id, err := decodeID(rf.id)
		if err != nil {
			return f, err
		}
		f.ID = id
	}
	t, err := typeName(rf.typ)
	if err != nil {
		return f, err
	}
	if t != "Feature" {
		return f, invalidf("\"type\" is %q, want \"Feature\"", t)
	}
	if rf.geometry != nil {
		if f.Geometry, err = rd.geom.geometry(rf.geometry); err != nil {
			return f, err
		}
	}
	if rf.properties != nil && !isNull(rf.properties) {
		if b := bytes.TrimLeft(rf.properties, " \t\r\n"); len(b) == 0 || b[0] != '{' {
			return f, invalidf("\"properties\" is %s, want an object or null", describe(rf.properties))
		}
		if err := decodeNumbers(rf.properties, &f.Properties); err != nil {
			return f, within("properties:", err)
		}
	}
	if rf.bbox != nil {
		if f.BBox, err = decodeBBox(rf.bbox); err != nil {
			return f, err
		}
	}
	for i, k := range rf.extraKeys {
		var v any
		if err := decodeNumbers(rf.extraVals[i], &v); err != nil {
			return f, within(fmt.Sprintf("member %q:", k), err)
		}
		if f.ExtraMembers == nil {
			f.ExtraMembers = make(geojson.Properties, len(rf.extraKeys)) // sized once: no growth
		}
		f.ExtraMembers[k] = v
	}
	return f, nil
}

// typeName reads a "type" member.
func typeName(b []byte) (string, error) {
	if b == nil {
		return "", invalidf("no \"type\" member")
	}
	if b = bytes.TrimSpace(b); len(b) == 0 || b[0] != '"' {
		return "", invalidf("\"type\" is %s, want a string", describe(b))
	}
	return unquote(b)
}

// decodeID reads an id: a string, a number (kept as json.Number) or null.
func decodeID(b []byte) (any, error) {
	var v any
	if err := decodeNumbers(b, &v); err != nil {
		return nil, err
	}
	switch v.(type) {
	case string, json.Number, nil:
		return v, nil
	}
	return nil, invalidf("\"id\" is %s, want a string or a number (RFC 7946 §3.2)", describe(b))
}

// decodeNumbers decodes JSON into *v keeping numbers as json.Number; v is a *any or a
// *geojson.Properties.
func decodeNumbers(b []byte, v any) error {
	val, err := decodeValue(b)
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case *any:
		*v = val
	case *geojson.Properties:
		m, ok := val.(map[string]any)
		if !ok {
			return invalidf("expected an object, found %s", describe(b))
		}
		*v = m
	}
	return nil
}

func decodeBBox(b []byte) (geojson.BBox, error) {
	var bb []float64
	if err := json.Unmarshal(b, &bb); err != nil {
		return nil, invalidf("\"bbox\" is %s, want an array of numbers", describe(b))
	}
	if len(bb) != 4 && len(bb) != 6 {
		return nil, invalidf("\"bbox\" has %s, want 4 (or 6 with altitude)", plural(len(bb), "number"))
	}
	return geojson.BBox(bb), nil
}

// assemble builds the Document from the top-level members.
func (rd *reader) assemble(top map[string][]byte, features []*geojson.Feature, sawFeatures bool) (*Document, error) {
	t, err := typeName(top["type"])
	if err != nil {
		return nil, problemErr(err, -1, nil, 0)
	}
	doc := &Document{Type: t}
	if raw, ok := top["crs"]; ok {
		if doc.CRS, err = parseCRS(raw); err != nil {
			return nil, problemErr(err, -1, nil, 0)
		}
		delete(top, "crs")
	}
	if sawFeatures && t != "FeatureCollection" {
		return nil, rd.fail(0, ErrInvalid, "a %s with a \"features\" member", t)
	}
	switch t {
	case "FeatureCollection":
		if !sawFeatures {
			return nil, rd.fail(0, ErrInvalid, "FeatureCollection without \"features\"")
		}
		fc := &geojson.FeatureCollection{Type: "FeatureCollection", Features: features}
		for _, k := range slices.Sorted(maps.Keys(top)) { // sorted, so that errors are reproducible
			raw := top[k]
			switch k {
			case "type":
			case "bbox":
				if fc.BBox, err = decodeBBox(raw); err != nil {
					return nil, problemErr(err, -1, nil, 0)
				}
			default:
				var v any
				if err := decodeNumbers(raw, &v); err != nil {
					return nil, problemErr(within(fmt.Sprintf("member %q:", k), err), -1, nil, 0)
				}
				if fc.ExtraMembers == nil {
					fc.ExtraMembers = make(geojson.Properties, len(top)) // sized once: no growth
				}
				fc.ExtraMembers[k] = v
			}
		}
		doc.Collection = fc
	case "Feature":
		var rf rawFeature
		for _, k := range slices.Sorted(maps.Keys(top)) { // sorted: the same error for the same input
			_ = rf.set(k, top[k])
		}
		f, err := rd.feature(&rf)
		if err != nil {
			return nil, problemErr(err, 0, f.ID, 0)
		}
		doc.Collection = &geojson.FeatureCollection{Type: "FeatureCollection", Features: []*geojson.Feature{f}}
	default:
		g, err := rd.geom.geometryFrom(top["type"], top["coordinates"], top["geometries"])
		if err != nil {
			return nil, problemErr(err, -1, nil, 0)
		}
		f := &geojson.Feature{Type: "Feature", Geometry: g, Properties: geojson.Properties{}}
		doc.Collection = &geojson.FeatureCollection{Type: "FeatureCollection", Features: []*geojson.Feature{f}}
	}
	return doc, nil
}
