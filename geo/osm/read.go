package osm

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	posm "github.com/paulmach/osm"
)

// Format is an OSM file format.
type Format int

// The formats Read knows. Detect (the zero value) tells them apart by content.
const (
	Detect Format = iota
	XML           // OSM XML (.osm), API 0.6
	PBF           // OSM PBF (.osm.pbf), zlib-compressed or raw blobs
)

func (f Format) String() string {
	switch f {
	case XML:
		return "XML"
	case PBF:
		return "PBF"
	}
	return "detect"
}

// Defaults of ReadOptions.
const (
	// DefaultMaxBytes bounds the input: 1 GiB of XML or PBF.
	DefaultMaxBytes = 1 << 30
	// DefaultMaxElements bounds what the data holds: nodes, ways and relations, and the node
	// references, members and tags they carry, together (2²⁶, about 67 million; a city
	// extract of a million nodes holds about 3 million).
	DefaultMaxElements = 1 << 26
	// DefaultMaxTokenBytes bounds one XML tag or text run: 1 MiB.
	DefaultMaxTokenBytes = 1 << 20
	// DefaultMaxBlobBytes bounds a PBF blob, compressed or not: 32 MiB less a little, the
	// format's own limit ("must be less than 32 MiB").
	DefaultMaxBlobBytes = 32<<20 - 64
)

// ReadOptions bound what Read may read and allocate; a nil *ReadOptions and zero fields mean
// the defaults above.
type ReadOptions struct {
	// MaxBytes bounds the input length in bytes (the compressed length for PBF).
	MaxBytes int64
	// MaxElements bounds nodes + ways + relations + way node references + relation members
	// + tags. A PBF block counts as at least 8,000, the entities osmium writes in one.
	MaxElements int
	// MaxTokenBytes bounds one XML tag, with its attributes, or one text run.
	MaxTokenBytes int
	// MaxBlobBytes bounds one PBF blob, compressed and uncompressed.
	MaxBlobBytes int
}

func (o *ReadOptions) withDefaults() ReadOptions {
	var r ReadOptions
	if o != nil {
		r = *o
	}
	if r.MaxBytes <= 0 {
		r.MaxBytes = DefaultMaxBytes
	}
	if r.MaxElements <= 0 {
		r.MaxElements = DefaultMaxElements
	}
	if r.MaxTokenBytes <= 0 {
		r.MaxTokenBytes = DefaultMaxTokenBytes
	}
	if r.MaxBlobBytes <= 0 || r.MaxBlobBytes > DefaultMaxBlobBytes {
		r.MaxBlobBytes = DefaultMaxBlobBytes
	}
	return r
}

// ErrTooLarge is wrapped when the input exceeds a limit of ReadOptions.
var ErrTooLarge = errors.New("osm: input exceeds a limit")

// ErrFormat is wrapped when the input is not well-formed OSM XML or PBF.
var ErrFormat = errors.New("osm: malformed input")

// Error is an error reading OSM data. Element and ID name the element it is about; when In is
// false they name the last element read before the error (Element is empty when none was).
// Offset is the byte offset of the PBF block or the XML line, where known.
type Error struct {
	Format  Format
	Element ElementType
	ID      int64
	In      bool
	// Line is the XML line (from 1), Offset the PBF byte offset of the block; 0 when unknown.
	Line   int
	Offset int64
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "osm %s", e.Format)
	switch {
	case e.Line > 0:
		fmt.Fprintf(&b, " line %d", e.Line)
	case e.Offset > 0:
		fmt.Fprintf(&b, " block at byte %d", e.Offset)
	}
	switch {
	case e.Element != "" && e.In:
		fmt.Fprintf(&b, ", %s %d", e.Element, e.ID)
	case e.Element != "":
		fmt.Fprintf(&b, ", after %s %d", e.Element, e.ID)
	default:
		b.WriteString(", before the first element")
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ReadFile reads an OSM XML or PBF file, telling them apart by content (a PBF file starts with
// its OSMHeader block, an XML file with '<'). Errors name the file.
func ReadFile(path string, opts *ReadOptions) (*Data, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := Read(f, Detect, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// Read reads OSM data in the given format (Detect: by content) from r, within the limits of
// opts. Errors are *Error values naming the element (wrapping ErrTooLarge or ErrFormat where
// it applies); it never panics, and what it allocates is bounded by opts.
func Read(r io.Reader, format Format, opts *ReadOptions) (*Data, error) {
	o := opts.withDefaults()
	lr := &limitReader{r: r, left: o.MaxBytes}
	br := bufio.NewReaderSize(lr, 64<<10)
	if format == Detect {
		var err error
		if format, err = detect(br); err != nil {
			return nil, err
		}
	}
	b := &builder{format: format, budget: o.MaxElements}
	b.d.Format = format
	switch format {
	case XML:
		return b.readXML(br, o)
	case PBF:
		return b.readPBF(br, o)
	}
	return nil, fmt.Errorf("osm: unknown format %d", format)
}

// detect tells XML from PBF by the first bytes.
func detect(br *bufio.Reader) (Format, error) {
	head, err := br.Peek(32)
	if len(head) == 0 {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return 0, &Error{Err: fmt.Errorf("%w: empty input (%v)", ErrFormat, err)}
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) > 0 && t[0] == '<' {
		return XML, nil
	}
	if bytes.Contains(head, []byte("OSMHeader")) || bytes.Contains(head, []byte("OSMData")) {
		return PBF, nil
	}
	return 0, &Error{Err: fmt.Errorf("%w: neither OSM XML nor PBF", ErrFormat)}
}

// limitReader fails with ErrTooLarge once more than left bytes are read.
type limitReader struct {
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, fmt.Errorf("%w: more than the maximum of bytes", ErrTooLarge)
	}
	return n, err
}

// builder collects elements as a scanner yields them.
type builder struct {
	format Format
	budget int

	last   ElementType
	lastID int64

	d       Data
	sorted  [3]bool // nodes, ways, relations still in ascending order
	started [3]bool
}

// errAt is an error in element t id.
func (b *builder) errIn(t ElementType, id int64, err error) *Error {
	return &Error{Format: b.format, Element: t, ID: id, In: true, Err: err}
}

// errAfter is an error after the last element read.
func (b *builder) errAfter(err error) *Error {
	return &Error{Format: b.format, Element: b.last, ID: b.lastID, Err: err}
}

func (b *builder) spend(t ElementType, id int64, n int) error {
	b.budget -= n
	if b.budget < 0 {
		return b.errIn(t, id, fmt.Errorf("%w: more elements, references, members and tags than the maximum", ErrTooLarge))
	}
	return nil
}

// tagMap makes a map of an element's tags. A key given twice keeps its first value, and the
// data's Problems say so.
func (b *builder) tagMap(t ElementType, id int64, tags posm.Tags) map[string]string {
	if len(tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(tags))
	for _, tg := range tags {
		if v, dup := m[tg.Key]; dup {
			b.d.Problems = append(b.d.Problems, Problem{Element: t, ID: id,
				Message: fmt.Sprintf("tag %q given again with %q; kept the first value %q", tg.Key, tg.Value, v)})
			continue
		}
		m[tg.Key] = tg.Value
	}
	return m
}

// fixed converts degrees to OSM's 1e-7 degree units, refusing what is out of range.
func fixed(deg, limit float64) (int32, bool) {
	if math.IsNaN(deg) || deg < -limit || deg > limit {
		return 0, false
	}
	return int32(math.Round(deg * 1e7)), true
}

func (b *builder) add(o posm.Object) error {
	switch e := o.(type) {
	case *posm.Node:
		id := int64(e.ID)
		if err := b.spend(TypeNode, id, 1+len(e.Tags)); err != nil {
			return err
		}
		lon, okLon := fixed(e.Lon, 180)
		lat, okLat := fixed(e.Lat, 90)
		if !okLon || !okLat {
			return b.errIn(TypeNode, id, fmt.Errorf("%w: lon %v lat %v out of range", ErrFormat, e.Lon, e.Lat))
		}
		b.order(0, len(b.d.nodeIDs) > 0 && b.d.nodeIDs[len(b.d.nodeIDs)-1] >= id)
		b.d.nodeIDs = append(b.d.nodeIDs, id)
		b.d.nodeLon = append(b.d.nodeLon, lon)
		b.d.nodeLat = append(b.d.nodeLat, lat)
		if len(e.Tags) > 0 {
			tags := b.tagMap(TypeNode, id, e.Tags)
			b.d.TaggedNodes = append(b.d.TaggedNodes, Node{ID: id, Point: orbPoint(lon, lat), Tags: tags})
		}
		b.last, b.lastID = TypeNode, id
	case *posm.Way:
		id := int64(e.ID)
		if err := b.spend(TypeWay, id, 1+len(e.Nodes)+len(e.Tags)); err != nil {
			return err
		}
		tags := b.tagMap(TypeWay, id, e.Tags)
		refs := make([]int64, len(e.Nodes))
		for i, n := range e.Nodes {
			refs[i] = int64(n.ID)
		}
		b.order(1, len(b.d.Ways) > 0 && b.d.Ways[len(b.d.Ways)-1].ID >= id)
		b.d.Ways = append(b.d.Ways, Way{ID: id, Nodes: refs, Tags: tags})
		b.last, b.lastID = TypeWay, id
	case *posm.Relation:
		id := int64(e.ID)
		if err := b.spend(TypeRelation, id, 1+len(e.Members)+len(e.Tags)); err != nil {
			return err
		}
		tags := b.tagMap(TypeRelation, id, e.Tags)
		ms := make([]Member, len(e.Members))
		for i, m := range e.Members {
			t := ElementType(m.Type)
			if t != TypeNode && t != TypeWay && t != TypeRelation {
				return b.errIn(TypeRelation, id, fmt.Errorf("%w: member %d has type %q", ErrFormat, i, m.Type))
			}
			ms[i] = Member{Type: t, Ref: m.Ref, Role: m.Role}
		}
		b.order(2, len(b.d.Relations) > 0 && b.d.Relations[len(b.d.Relations)-1].ID >= id)
		b.d.Relations = append(b.d.Relations, Relation{ID: id, Members: ms, Tags: tags})
		b.last, b.lastID = TypeRelation, id
	}
	return nil
}

func orbPoint(lon, lat int32) orb.Point {
	return orb.Point{float64(lon) / 1e7, float64(lat) / 1e7}
}

// order notes that elements of kind k came out of order.
func (b *builder) order(k int, outOfOrder bool) {
	if outOfOrder {
		b.sorted[k] = false
	} else if !b.started[k] {
		b.sorted[k] = true
	}
	b.started[k] = true
}

// finish sorts what came out of order and refuses duplicate IDs.
func (b *builder) finish() (*Data, error) {
	d := &b.d
	if b.started[0] && !b.sorted[0] {
		idx := make([]int, len(d.nodeIDs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(i, j int) int { return cmpInt(d.nodeIDs[i], d.nodeIDs[j]) })
		ids, lon, lat := make([]int64, len(idx)), make([]int32, len(idx)), make([]int32, len(idx))
		for k, i := range idx {
			ids[k], lon[k], lat[k] = d.nodeIDs[i], d.nodeLon[i], d.nodeLat[i]
		}
		d.nodeIDs, d.nodeLon, d.nodeLat = ids, lon, lat
		slices.SortStableFunc(d.TaggedNodes, func(a, b Node) int { return cmpInt(a.ID, b.ID) })
	}
	for i := 1; i < len(d.nodeIDs); i++ {
		if d.nodeIDs[i] == d.nodeIDs[i-1] {
			return nil, b.errIn(TypeNode, d.nodeIDs[i], fmt.Errorf("%w: node given twice", ErrFormat))
		}
	}
	if b.started[1] && !b.sorted[1] {
		slices.SortStableFunc(d.Ways, func(a, b Way) int { return cmpInt(a.ID, b.ID) })
	}
	for i := 1; i < len(d.Ways); i++ {
		if d.Ways[i].ID == d.Ways[i-1].ID {
			return nil, b.errIn(TypeWay, d.Ways[i].ID, fmt.Errorf("%w: way given twice", ErrFormat))
		}
	}
	if b.started[2] && !b.sorted[2] {
		slices.SortStableFunc(d.Relations, func(a, b Relation) int { return cmpInt(a.ID, b.ID) })
	}
	for i := 1; i < len(d.Relations); i++ {
		if d.Relations[i].ID == d.Relations[i-1].ID {
			return nil, b.errIn(TypeRelation, d.Relations[i].ID, fmt.Errorf("%w: relation given twice", ErrFormat))
		}
	}
	return d, nil
}

func procs() int {
	n := runtime.GOMAXPROCS(0)
	if n > 4 {
		n = 4
	}
	return n
}
