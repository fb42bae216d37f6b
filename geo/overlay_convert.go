package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// The boundary with simplefeatures, the overlay engine. Nothing here is exported: simplefeatures
// types never appear in the API. Geometries cross it as flat []float64 coordinate sequences,
// one copy each way, projected on the way in and inverse-projected on the way out.

// vertexSnap remembers the input vertices of an overlay by their projected coordinates, so that
// a vertex the overlay passes through unchanged comes back as the exact longitude/latitude it
// came in as, not as a round trip through the projection (which moves it by ~1e-15°).
type vertexSnap struct {
	entries []snapEntry
	sorted  bool
}

type snapEntry struct{ xy, lonlat orb.Point }

func (v *vertexSnap) add(xy, lonlat orb.Point) {
	v.entries = append(v.entries, snapEntry{xy, lonlat})
	v.sorted = false
}

// lookup returns the input vertex projected to exactly xy, if there was one.
func (v *vertexSnap) lookup(xy orb.Point) (orb.Point, bool) {
	if !v.sorted {
		slices.SortFunc(v.entries, func(a, b snapEntry) int {
			if c := cmp.Compare(a.xy[0], b.xy[0]); c != 0 {
				return c
			}
			return cmp.Compare(a.xy[1], b.xy[1])
		})
		v.sorted = true
	}
	i, found := slices.BinarySearchFunc(v.entries, xy, func(e snapEntry, t orb.Point) int {
		if c := cmp.Compare(e.xy[0], t[0]); c != 0 {
			return c
		}
		return cmp.Compare(e.xy[1], t[1])
	})
	if !found {
		return orb.Point{}, false
	}
	return v.entries[i].lonlat, true
}

// overlayFrame maps between the caller's coordinates and the plane the overlay runs in: a
// LocalTM for longitude/latitude input, nothing for planar input.
type overlayFrame struct {
	tm   *TransverseMercator // nil: planar input, coordinates pass through
	lat0 float64             // latitude of the frame's centre, degrees
	snap vertexSnap
}

// newOverlayFrame returns the frame for input with bound b: a LocalTM centred on b's centre
// for longitude/latitude, none for planar input.
func newOverlayFrame(b orb.Bound, planar bool) *overlayFrame {
	if planar {
		return &overlayFrame{}
	}
	c := b.Center()
	return &overlayFrame{tm: LocalTM(c), lat0: c[1]}
}

// forward projects an input point, remembering it for snapping.
func (f *overlayFrame) forward(p orb.Point) orb.Point {
	if f.tm == nil {
		return p
	}
	xy := f.tm.Forward(p)
	f.snap.add(xy, p)
	return xy
}

// registerSnaps remembers the vertices of g (which is not otherwise projected in this frame),
// so that result vertices on them map back exactly.
func (f *overlayFrame) registerSnaps(g orb.Geometry) {
	if f.tm == nil {
		return
	}
	var ring func(r []orb.Point)
	ring = func(r []orb.Point) {
		for _, p := range r {
			f.forward(p)
		}
	}
	switch g := g.(type) {
	case orb.Ring:
		ring(g)
	case orb.Polygon:
		for _, r := range g {
			ring(r)
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			for _, r := range pg {
				ring(r)
			}
		}
	case orb.Bound:
		ring(g.ToRing())
	}
}

// inverse maps an overlay result point back to the caller's coordinates.
func (f *overlayFrame) inverse(xy orb.Point) orb.Point {
	if f.tm == nil {
		return xy
	}
	if p, ok := f.snap.lookup(xy); ok {
		return p
	}
	return f.tm.Inverse(xy)
}

// countPointsOfOverlay returns how many coordinates g holds, to size one flat buffer.
func countPointsOfOverlay(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Ring:
		return len(g) + 1
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r) + 1
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			for _, r := range p {
				n += len(r) + 1
			}
		}
		return n
	case orb.Bound:
		return 5
	}
	return 0
}

// sfBuilder converts orb geometries into simplefeatures geometries through one flat buffer.
type sfBuilder struct {
	f   *overlayFrame
	buf []float64
}

// seq projects pts into the buffer, dropping consecutive repeats (and closing the run when
// ring is set), and returns it as a sequence.
func (b *sfBuilder) seq(pts []orb.Point, ring bool) geom.Sequence {
	start := len(b.buf)
	var last orb.Point
	for i, p := range pts {
		xy := b.f.forward(p)
		if i > 0 && xy == last {
			continue
		}
		b.buf = append(b.buf, xy[0], xy[1])
		last = xy
	}
	if ring && len(b.buf)-start >= 2 && (b.buf[start] != last[0] || b.buf[start+1] != last[1]) {
		b.buf = append(b.buf, b.buf[start], b.buf[start+1])
	}
	return geom.NewSequence(b.buf[start:len(b.buf):len(b.buf)], geom.DimXY)
}

func (b *sfBuilder) polygon(p orb.Polygon) geom.Polygon {
	rings := make([]geom.LineString, len(p))
	for i, r := range p {
		rings[i] = geom.NewLineString(b.seq(r, true))
	}
	return geom.NewPolygon(rings)
}

// sfOfOrb converts g (already checked) to a simplefeatures geometry in the plane of f.
func sfOfOrb(g orb.Geometry, f *overlayFrame) geom.Geometry {
	b := sfBuilder{f: f, buf: make([]float64, 0, 2*countPointsOfOverlay(g))}
	switch g := g.(type) {
	case orb.Point:
		xy := f.forward(g)
		return geom.NewPointXY(xy[0], xy[1]).AsGeometry()
	case orb.MultiPoint:
		pts := make([]geom.Point, len(g))
		for i, p := range g {
			xy := f.forward(p)
			pts[i] = geom.NewPointXY(xy[0], xy[1])
		}
		return geom.NewMultiPoint(pts).AsGeometry()
	case orb.LineString:
		return geom.NewLineString(b.seq(g, false)).AsGeometry()
	case orb.MultiLineString:
		ls := make([]geom.LineString, len(g))
		for i, l := range g {
			ls[i] = geom.NewLineString(b.seq(l, false))
		}
		return geom.NewMultiLineString(ls).AsGeometry()
	case orb.Ring:
		return b.polygon(orb.Polygon{g}).AsGeometry()
	case orb.Polygon:
		return b.polygon(g).AsGeometry()
	case orb.MultiPolygon:
		ps := make([]geom.Polygon, len(g))
		for i, p := range g {
			ps[i] = b.polygon(p)
		}
		return geom.NewMultiPolygon(ps).AsGeometry()
	case orb.Bound:
		return b.polygon(g.ToPolygon()).AsGeometry()
	}
	return geom.Geometry{}
}

// overlayNoise says how thin a result ring may be before it is taken for an artefact of the
// overlay and dropped: mean width 2A/P below abs + curv·(P/2)².
//
// Two causes are covered. Rounding: coordinates of magnitude M carry noise of about 1e-16·M,
// so abs is 1e-14·M, a hundred ulps. The frame, for longitude/latitude input: an edge that is straight in
// degrees (along a parallel, say) is slightly curved in the LocalTM, by a sagitta of about
// L²·tan φ/8R over a length L, so edges collinear in degrees but with different vertices
// enclose slivers up to that wide in the frame; curv is (tan φ + 0.1)/4R, twice that with a
// margin. A 190 m sliver along a parallel at 31°N is 0.4 mm wide and is dropped below 1 mm; a
// real ring is thousands of times wider than the threshold for its length.
type overlayNoise struct{ abs, curv float64 }

// noiseOfFrame returns the artefact threshold for a result with envelope g in frame f.
func noiseOfFrame(f *overlayFrame, g geom.Geometry) overlayNoise {
	var n overlayNoise
	if lo, hi, ok := g.Envelope().MinMaxXYs(); ok {
		n.abs = 1e-14 * math.Max(math.Max(math.Abs(lo.X), math.Abs(hi.X)), math.Max(math.Abs(lo.Y), math.Abs(hi.Y)))
	}
	if f != nil && f.tm != nil {
		n.curv = (math.Abs(math.Tan(f.lat0*math.Pi/180)) + 0.1) / (4 * 6371e3)
	}
	return n
}

// planarPolygonsOfSF returns the polygonal part of a simplefeatures result as planar orb
// polygons, rings rewound to RFC 7946 (exterior counter-clockwise, holes clockwise), without
// the rings that noise calls artefacts, and their total area. Points and lines that an overlay
// produces where inputs only touch are dropped.
func planarPolygonsOfSF(g geom.Geometry, noise overlayNoise) ([]orb.Polygon, float64) {
	var polys []geom.Polygon
	var collect func(g geom.Geometry)
	collect = func(g geom.Geometry) {
		switch g.Type() {
		case geom.TypePolygon:
			if p := g.MustAsPolygon(); !p.IsEmpty() {
				polys = append(polys, p)
			}
		case geom.TypeMultiPolygon:
			mp := g.MustAsMultiPolygon()
			for i := 0; i < mp.NumPolygons(); i++ {
				if p := mp.PolygonN(i); !p.IsEmpty() {
					polys = append(polys, p)
				}
			}
		case geom.TypeGeometryCollection:
			gc := g.MustAsGeometryCollection()
			for i := 0; i < gc.NumGeometries(); i++ {
				collect(gc.GeometryN(i))
			}
		}
	}
	collect(g)
	out := make([]orb.Polygon, 0, len(polys))
	var total float64
	for _, p := range polys {
		op := make(orb.Polygon, 0, p.NumRings())
		for ri := 0; ri < p.NumRings(); ri++ {
			var seq geom.Sequence
			if ri == 0 {
				seq = p.ExteriorRing().Coordinates()
			} else {
				seq = p.InteriorRingN(ri - 1).Coordinates()
			}
			n := seq.Length()
			r := make(orb.Ring, n)
			var perim float64
			for i := 0; i < n; i++ {
				xy := seq.GetXY(i)
				r[i] = orb.Point{xy.X, xy.Y}
				if i > 0 {
					perim += math.Hypot(r[i][0]-r[i-1][0], r[i][1]-r[i-1][1])
				}
			}
			a := shoelaceOfOverlay(r)
			half := perim / 2
			if n < 4 || !(2*math.Abs(a) >= (noise.abs+noise.curv*half*half)*perim) {
				if ri == 0 {
					break // a noise shell: drop the polygon
				}
				continue
			}
			if (ri == 0) != (a > 0) {
				slices.Reverse(r)
			}
			if ri == 0 {
				total += math.Abs(a)
			} else {
				total -= math.Abs(a)
			}
			op = append(op, r)
		}
		if len(op) > 0 {
			out = append(out, op)
		}
	}
	return out, total
}

// orbOfPlanarPolygons maps planar result polygons back to the caller's coordinates: an
// orb.Polygon for one polygon, an orb.MultiPolygon for none or several.
func orbOfPlanarPolygons(polys []orb.Polygon, f *overlayFrame) orb.Geometry {
	for _, p := range polys {
		for _, r := range p {
			for i := range r {
				r[i] = f.inverse(r[i])
			}
		}
	}
	if len(polys) == 1 {
		return polys[0]
	}
	return orb.MultiPolygon(polys)
}
