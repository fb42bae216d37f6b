package shp

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/xiaoqu/xiaoqu/geo"
)

// Errors wrapped by the reader, usable with errors.Is.
var (
	// ErrFormat reports a file that is not a well-formed shapefile component: a wrong file
	// code, a record whose length or counts disagree with its bytes, a truncated file.
	ErrFormat = errors.New("not a well-formed shapefile")
	// ErrTooLarge reports a file past ReadOptions.MaxBytes or MaxPositions.
	ErrTooLarge = errors.New("shapefile too large")
)

// The memory bound of reading: one ReadFS or ReadFile call allocates at most AllocPerByte
// bytes per byte of its input files (.shp, .shx, .dbf, .prj, .cpg together) plus
// AllocOverhead bytes, whatever the bytes say (FuzzReadFS checks it). The worst case known is a
// .dbf of many one-byte fields in short records beside a .shp of null shapes: each record's
// properties are a Go map, about 95 bytes per one-byte value once the map's spare slots are
// counted. A .zip is unpacked within ReadOptions.MaxBytes before this applies.
const (
	AllocPerByte  = 128
	AllocOverhead = 64 << 10
)

// Default limits of ReadOptions.
const (
	DefaultMaxBytes     = 256 << 20
	DefaultMaxPositions = 16 << 20
)

// ReadOptions bounds what reading may allocate. The zero value takes the defaults.
type ReadOptions struct {
	// MaxBytes bounds the bytes of the .shp and .dbf together (DefaultMaxBytes when 0).
	MaxBytes int64
	// MaxPositions bounds the positions of all shapes (DefaultMaxPositions when 0).
	MaxPositions int
	// Encoding overrides the code page of the .dbf's text: "UTF-8", "GBK", "GB18030" or
	// "Big5" (also the Windows code page numbers 65001, 936, 54936, 950). Empty means the
	// .cpg, else the language driver byte, else detection (see the package documentation).
	Encoding string
}

// Layer is a shapefile read into memory.
type Layer struct {
	// File is the .shp's path (for a .zip, "x.zip#name.shp").
	File string
	// Features are in record order, deleted records left out. Null shapes have a nil
	// Geometry. Properties are keyed by the .dbf's field names.
	Features []*geojson.Feature
	// Fields are the .dbf's field names in file order.
	Fields []string
	// Nulls are the indices in Features of the null shapes.
	Nulls []int
	// Deleted counts the records the .dbf marks deleted, left out of Features.
	Deleted int
	// Dropped counts the positions whose Z or M value was dropped.
	Dropped int
	// PRJ is the .prj's text, empty when there is none; CRS is what ParsePRJ makes of it,
	// the zero CRS when there is no .prj, and PRJError why it could not be mapped.
	PRJ      string
	CRS      geo.CRS
	PRJError error
	// Encoding is the code page the text was decoded from ("UTF-8", "GBK", "GB18030",
	// "Big5") and EncodingFrom where that came from: "option", "cpg", "ldid" or "detected".
	Encoding, EncodingFrom string
}

// Error is an error about one file of a shapefile, and one record when Record > 0.
type Error struct {
	File   string
	Record int // 1-based record number; 0 when the error is about the file as a whole
	Field  string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d", e.Record)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

func formatErr(file string, record int, format string, args ...any) error {
	return &Error{File: file, Record: record, Err: fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)}
}

// ReadFile reads the shapefile at path: a .shp with its .dbf, .prj and .cpg beside it (the
// same base name in any letter case), or a .zip holding one shapefile ("x.zip#name" chooses
// one of several). A missing .dbf gives features without properties; a missing .prj a zero
// CRS. Errors name the file and record and wrap ErrFormat or ErrTooLarge, or are the file
// system's.
func ReadFile(name string, opts *ReadOptions) (*Layer, error) {
	file, member, _ := strings.Cut(name, "#")
	if strings.EqualFold(filepath.Ext(file), ".zip") {
		zr, err := zip.OpenReader(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		defer zr.Close()
		var shps []string
		for _, f := range zr.File {
			if strings.EqualFold(path.Ext(f.Name), ".shp") && !strings.HasPrefix(path.Base(f.Name), ".") {
				shps = append(shps, f.Name)
			}
		}
		pick := ""
		switch {
		case member != "":
			for _, s := range shps {
				if strings.EqualFold(s, member) || strings.EqualFold(strings.TrimSuffix(s, path.Ext(s)), member) ||
					strings.EqualFold(strings.TrimSuffix(path.Base(s), path.Ext(s)), member) {
					pick = s
				}
			}
			if pick == "" {
				return nil, fmt.Errorf("%s: no shapefile %q (the archive has %s)", file, member, strings.Join(shps, ", "))
			}
		case len(shps) == 1:
			pick = shps[0]
		case len(shps) == 0:
			return nil, fmt.Errorf("%s: the archive holds no .shp", file)
		default:
			return nil, fmt.Errorf("%s: the archive holds %d shapefiles (%s); name one as %s#NAME", file, len(shps), strings.Join(shps, ", "), file)
		}
		return ReadFS(zr, pick, file+"#"+pick, opts)
	}
	if member != "" {
		return nil, fmt.Errorf("%s: a shapefile has no layers (%q)", file, member)
	}
	return ReadFS(os.DirFS(filepath.Dir(file)), filepath.Base(file), file, opts)
}

// ReadFS reads the shapefile name (the .shp) from fsys, finding its siblings as ReadFile
// does; label names it in messages.
func ReadFS(fsys fs.FS, name, label string, opts *ReadOptions) (*Layer, error) {
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
	dir, base := path.Dir(name), path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	siblings := map[string]string{} // lower-case extension → name
	if entries, err := fs.ReadDir(fsys, dir); err == nil {
		for _, e := range entries {
			n := e.Name()
			ext := path.Ext(n)
			if strings.EqualFold(strings.TrimSuffix(n, ext), stem) {
				siblings[strings.ToLower(ext)] = path.Join(dir, n)
			}
		}
	}
	siblings[".shp"] = name
	labelOf := func(ext string) string {
		if ext == ".shp" {
			return label
		}
		return strings.TrimSuffix(label, path.Ext(label)) + path.Ext(siblings[ext])
	}
	budget := o.MaxBytes
	shpData, err := readLimited(fsys, name, label, &budget)
	if err != nil {
		return nil, err
	}
	l := &Layer{File: label}
	if p, ok := siblings[".prj"]; ok {
		b, err := readSmall(fsys, p, labelOf(".prj"))
		if err != nil {
			return nil, err
		}
		l.PRJ = strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff"))
		if l.PRJ != "" {
			l.CRS, l.PRJError = ParsePRJ(l.PRJ)
		}
	}
	shapes, err := readShapes(shpData, label, o.MaxPositions, l)
	if err != nil {
		return nil, err
	}
	shpData = nil
	var table *dbfTable
	if p, ok := siblings[".dbf"]; ok {
		dbfData, err := readLimited(fsys, p, labelOf(".dbf"), &budget)
		if err != nil {
			return nil, err
		}
		enc, from := o.Encoding, "option"
		if enc == "" {
			if c, ok := siblings[".cpg"]; ok {
				b, err := readSmall(fsys, c, labelOf(".cpg"))
				if err != nil {
					return nil, err
				}
				enc, from = strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff")), "cpg"
			}
		}
		table, err = readDBF(dbfData, labelOf(".dbf"), enc, from)
		if err != nil {
			return nil, err
		}
		l.Fields, l.Encoding, l.EncodingFrom = table.names, table.encoding, table.from
		if len(table.records) != len(shapes) {
			return nil, formatErr(labelOf(".dbf"), 0, "%d records, but %s has %d shapes", len(table.records), label, len(shapes))
		}
	}
	l.Features = make([]*geojson.Feature, 0, len(shapes))
	for i, g := range shapes {
		props := geojson.Properties{}
		if table != nil {
			if table.deleted[i] {
				l.Deleted++
				continue
			}
			props = table.records[i]
		}
		if g == nil {
			l.Nulls = append(l.Nulls, len(l.Features))
		}
		l.Features = append(l.Features, &geojson.Feature{Type: "Feature", Geometry: g, Properties: props})
	}
	return l, nil
}

// readLimited reads a whole file, refusing it past *budget bytes, which it decreases.
func readLimited(fsys fs.FS, name, label string, budget *int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > *budget {
		return nil, &Error{File: label, Err: fmt.Errorf("%w: %d bytes, more than the %d left of ReadOptions.MaxBytes", ErrTooLarge, st.Size(), *budget)}
	}
	b, err := io.ReadAll(io.LimitReader(f, *budget+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	if int64(len(b)) > *budget {
		return nil, &Error{File: label, Err: fmt.Errorf("%w: more than the %d bytes left of ReadOptions.MaxBytes", ErrTooLarge, *budget)}
	}
	*budget -= int64(len(b))
	return b, nil
}

// readSmall reads a .prj or .cpg, which are a line of text: at most 64 KiB.
func readSmall(fsys fs.FS, name, label string) ([]byte, error) {
	budget := int64(64 << 10)
	return readLimited(fsys, name, label, &budget)
}

// Shape types of the specification, table 1.
const (
	typeNull        = 0
	typePoint       = 1
	typePolyLine    = 3
	typePolygon     = 5
	typeMultiPoint  = 8
	typePointZ      = 11
	typePolyLineZ   = 13
	typePolygonZ    = 15
	typeMultiPointZ = 18
	typePointM      = 21
	typePolyLineM   = 23
	typePolygonM    = 25
	typeMultiPointM = 28
	typeMultiPatch  = 31
)

// base returns the 2D type of a Z or M type, and whether the type is known.
func baseType(t int32) (int32, bool) {
	switch t {
	case typeNull, typePoint, typePolyLine, typePolygon, typeMultiPoint:
		return t, true
	case typePointZ, typePointM:
		return typePoint, true
	case typePolyLineZ, typePolyLineM:
		return typePolyLine, true
	case typePolygonZ, typePolygonM:
		return typePolygon, true
	case typeMultiPointZ, typeMultiPointM:
		return typeMultiPoint, true
	}
	return 0, false
}

// readShapes reads the records of a .shp; a null shape is a nil geometry.
func readShapes(b []byte, file string, maxPositions int, l *Layer) ([]orb.Geometry, error) {
	if len(b) < 100 {
		return nil, formatErr(file, 0, "%d bytes, shorter than the 100-byte header", len(b))
	}
	if code := binary.BigEndian.Uint32(b[0:]); code != 9994 {
		return nil, formatErr(file, 0, "file code %d, want 9994", code)
	}
	if v := binary.LittleEndian.Uint32(b[28:]); v != 1000 {
		return nil, formatErr(file, 0, "version %d, want 1000", v)
	}
	fileType := int32(binary.LittleEndian.Uint32(b[32:]))
	if fileType == typeMultiPatch {
		return nil, formatErr(file, 0, "MultiPatch shapes are not read")
	}
	if _, ok := baseType(fileType); !ok {
		return nil, formatErr(file, 0, "unknown shape type %d", fileType)
	}
	if n := int64(binary.BigEndian.Uint32(b[24:])) * 2; n != int64(len(b)) {
		if n > int64(len(b)) {
			return nil, formatErr(file, 0, "truncated: the header says %d bytes, the file has %d", n, len(b))
		}
		b = b[:n] // trailing bytes past the declared length are ignored, as GDAL does
	}
	var out []orb.Geometry
	positions := 0
	for off, rec := 100, 1; off < len(b); rec++ {
		if len(b)-off < 8 {
			return nil, formatErr(file, rec, "truncated record header at byte %d", off)
		}
		length := int64(binary.BigEndian.Uint32(b[off+4:])) * 2
		off += 8
		if length > int64(len(b)-off) {
			return nil, formatErr(file, rec, "content length %d bytes at byte %d, but only %d are left in the file", length, off-8, len(b)-off)
		}
		content := b[off : off+int(length)]
		off += int(length)
		g, n, err := readShape(content, fileType, maxPositions-positions)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, &Error{File: file, Record: rec, Err: err}
			}
			return nil, &Error{File: file, Record: rec, Err: fmt.Errorf("%w: %v", ErrFormat, err)}
		}
		positions += n
		if n > 0 && fileType != mustBase(fileType) {
			l.Dropped += n
		}
		out = append(out, g)
	}
	return out, nil
}

func mustBase(t int32) int32 { b, _ := baseType(t); return b }

// readShape reads one record's content; it returns the geometry (nil for a null shape) and its
// positions.
func readShape(c []byte, fileType int32, maxPositions int) (orb.Geometry, int, error) {
	if len(c) < 4 {
		return nil, 0, fmt.Errorf("content of %d bytes has no shape type", len(c))
	}
	t := int32(binary.LittleEndian.Uint32(c))
	if t == typeNull {
		return nil, 0, nil
	}
	if t != fileType {
		return nil, 0, fmt.Errorf("shape type %d in a file of type %d", t, fileType)
	}
	point := func(o int) orb.Point {
		return orb.Point{math.Float64frombits(binary.LittleEndian.Uint64(c[o:])), math.Float64frombits(binary.LittleEndian.Uint64(c[o+8:]))}
	}
	switch mustBase(t) {
	case typePoint:
		if len(c) < 20 {
			return nil, 0, fmt.Errorf("point content of %d bytes, want at least 20", len(c))
		}
		if maxPositions < 1 {
			return nil, 0, fmt.Errorf("%w: more than ReadOptions.MaxPositions positions", ErrTooLarge)
		}
		p := point(4)
		if !finite(p) {
			return nil, 0, fmt.Errorf("point %v is not finite", p)
		}
		return p, 1, nil
	case typeMultiPoint:
		if len(c) < 40 {
			return nil, 0, fmt.Errorf("multipoint content of %d bytes, want at least 40", len(c))
		}
		n := int64(binary.LittleEndian.Uint32(c[36:]))
		if 40+16*n > int64(len(c)) {
			return nil, 0, fmt.Errorf("%d points need %d bytes, the record has %d", n, 40+16*n, len(c))
		}
		if n == 0 {
			return nil, 0, nil
		}
		if n > int64(maxPositions) {
			return nil, 0, fmt.Errorf("%w: more than ReadOptions.MaxPositions positions", ErrTooLarge)
		}
		mp := make(orb.MultiPoint, n)
		for i := range mp {
			if mp[i] = point(40 + 16*i); !finite(mp[i]) {
				return nil, 0, fmt.Errorf("point %d %v is not finite", i, mp[i])
			}
		}
		return mp, int(n), nil
	}
	// PolyLine and Polygon: box, parts, points.
	if len(c) < 44 {
		return nil, 0, fmt.Errorf("content of %d bytes, want at least 44", len(c))
	}
	nParts := int64(binary.LittleEndian.Uint32(c[36:]))
	nPoints := int64(binary.LittleEndian.Uint32(c[40:]))
	need := 44 + 4*nParts + 16*nPoints
	if need > int64(len(c)) {
		return nil, 0, fmt.Errorf("%d parts and %d points need %d bytes, the record has %d", nParts, nPoints, need, len(c))
	}
	if nParts == 0 || nPoints == 0 {
		return nil, 0, nil
	}
	if nPoints > int64(maxPositions) {
		return nil, 0, fmt.Errorf("%w: more than ReadOptions.MaxPositions positions", ErrTooLarge)
	}
	pts := make([]orb.Point, nPoints)
	po := 44 + 4*int(nParts)
	for i := range pts {
		if pts[i] = point(po + 16*i); !finite(pts[i]) {
			return nil, 0, fmt.Errorf("point %d %v is not finite", i, pts[i])
		}
	}
	parts := make([][]orb.Point, nParts)
	for i := range parts {
		start := int64(binary.LittleEndian.Uint32(c[44+4*i:]))
		end := nPoints
		if i+1 < int(nParts) {
			end = int64(binary.LittleEndian.Uint32(c[44+4*(i+1):]))
		}
		if (i == 0 && start != 0) || start > end || end > nPoints {
			return nil, 0, fmt.Errorf("part %d runs from point %d to %d of %d", i, start, end, nPoints)
		}
		parts[i] = pts[start:end:end]
	}
	if mustBase(t) == typePolyLine {
		if len(parts) == 1 {
			return orb.LineString(parts[0]), int(nPoints), nil
		}
		ml := make(orb.MultiLineString, len(parts))
		for i, p := range parts {
			ml[i] = orb.LineString(p)
		}
		return ml, int(nPoints), nil
	}
	g, err := assemble(parts)
	return g, int(nPoints), err
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}

// maxRingPairs bounds the outer-ring × hole pairs a polygon record may need tested.
const maxRingPairs = 1 << 22

// assemble turns a polygon's rings into polygons: clockwise rings are outer rings, the others
// holes of the smallest outer ring holding them (or outer rings themselves when none does).
// The rings are rewound to RFC 7946.
func assemble(rings [][]orb.Point) (orb.Geometry, error) {
	type outer struct {
		ring  orb.Ring
		bound orb.Bound
		area  float64
		holes []orb.Ring
	}
	var outers []*outer
	var holes []orb.Ring
	for _, r := range rings {
		ring := orb.Ring(r)
		if len(ring) == 0 {
			continue
		}
		if signedArea(ring) <= 0 { // clockwise, or degenerate: an outer ring
			outers = append(outers, &outer{ring: ring, bound: ring.Bound(), area: -signedArea(ring)})
		} else {
			holes = append(holes, ring)
		}
	}
	if len(outers)*len(holes) > maxRingPairs {
		return nil, fmt.Errorf("%w: %d outer rings and %d holes in one record, more than this reader assigns (%d pairs)", ErrTooLarge, len(outers), len(holes), maxRingPairs)
	}
	for _, h := range holes {
		var best *outer
		hb := h.Bound()
		for _, o := range outers {
			if (best == nil || o.area < best.area) && o.bound.Contains(hb.Min) && o.bound.Contains(hb.Max) && ringHolds(o.ring, h) {
				best = o
			}
		}
		if best == nil {
			outers = append(outers, &outer{ring: h, bound: hb, area: signedArea(h)}) // a lone hole: an outer ring, as GDAL reads it
			continue
		}
		best.holes = append(best.holes, h)
	}
	mp := make(orb.MultiPolygon, len(outers))
	for i, o := range outers {
		p := orb.Polygon{counterClockwise(o.ring, true)}
		for _, h := range o.holes {
			p = append(p, counterClockwise(h, false))
		}
		mp[i] = p
	}
	if len(mp) == 1 {
		return mp[0], nil
	}
	return mp, nil
}

// ringHolds reports whether hole lies inside r, judged by the midpoint of its first edge: a
// hole may touch its shell at a vertex, and holes do not cross their shell.
func ringHolds(r, hole orb.Ring) bool {
	p := hole[0]
	if len(hole) > 1 {
		p = orb.Point{(hole[0][0] + hole[1][0]) / 2, (hole[0][1] + hole[1][1]) / 2}
	}
	return planar.RingContains(r, p)
}

// signedArea is twice the ring's area, positive when counter-clockwise (y up).
func signedArea(r orb.Ring) float64 {
	var s float64
	for i := range r {
		j := (i + 1) % len(r)
		s += r[i][0]*r[j][1] - r[j][0]*r[i][1]
	}
	return s
}

// counterClockwise returns r wound counter-clockwise when ccw, else clockwise; a copy when
// it must reverse.
func counterClockwise(r orb.Ring, ccw bool) orb.Ring {
	if (signedArea(r) > 0) == ccw || signedArea(r) == 0 {
		return r
	}
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}
