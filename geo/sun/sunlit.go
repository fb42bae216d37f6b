package sun

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// Prism is a footprint extruded from the ground (z = 0) to Height metres: a building or an
// elevator shaft. Ring is the footprint's exterior ring in planar metres (y grid north),
// closed or not, either orientation.
type Prism struct {
	Ring   []orb.Point
	Height float64
}

// Bound returns the footprint's bound.
func (p Prism) Bound() orb.Bound { return orb.LineString(p.Ring).Bound() }

// Receiver is a point that may receive direct sun: a window sill on a façade.
type Receiver struct {
	// At is the point in planar metres. Put it just off the façade (a few centimetres out),
	// so that the wall it stands on does not count as an obstacle.
	At orb.Point
	// Height is the point's height above the ground, metres.
	Height float64
	// Facing is the azimuth of the façade's outward normal, degrees clockwise from north: the
	// sun shines on the point only when it is in front of the façade.
	Facing float64
}

// Interval is a span of apparent solar time, in minutes past midnight: [From, To].
type Interval struct{ From, To float64 }

// Intervals are disjoint, sorted spans.
type Intervals []Interval

// Total returns the summed length of the spans in minutes, counting only spans at least min
// minutes long (0 counts every span: the cumulative count).
func (iv Intervals) Total(min float64) float64 {
	var s float64
	for _, i := range iv {
		if d := i.To - i.From; d >= min {
			s += d
		}
	}
	return s
}

// Minus returns the parts of iv outside every span of o.
func (iv Intervals) Minus(o Intervals) Intervals {
	if len(o) == 0 {
		return iv
	}
	var out Intervals
	j := 0
	for _, a := range iv {
		from := a.From
		for j < len(o) && o[j].To <= from {
			j++
		}
		k := j
		for k < len(o) && o[k].From < a.To {
			if o[k].From > from {
				out = append(out, Interval{from, o[k].From})
			}
			from = math.Max(from, o[k].To)
			k++
		}
		if from < a.To {
			out = append(out, Interval{from, a.To})
		}
	}
	return out
}

// Track is the sun's course over a window of apparent solar time on one day at one place,
// sampled at a fixed step. The declination is held at its value at apparent noon, as a
// standard day (日照标准日) is computed, so the course is symmetric about noon; on 大寒 the
// true declination moves by under 0.06° in four hours. A Track is immutable and safe for
// concurrent use.
type Track struct {
	day              Day
	lat, lon         float64
	from, to, step   float64
	decl             float64 // radians
	samples          []sample
	refineIterations int
	turn             float64 // degrees added to azimuths (Turned)
	increasing       bool    // the samples' azimuths increase strictly
}

type sample struct {
	minute       float64
	alt, az      float64 // degrees
	dx, dy, tanA float64 // unit horizontal direction to the sun, tan(altitude)
}

// ErrTrack is returned for a window or step that cannot be sampled.
var ErrTrack = errors.New("sun track")

// NewTrack samples the sun's course on day d at latitude lat, longitude lon (degrees) from
// from to to minutes of apparent solar time (e.g. 480 to 960 for 8:00–16:00), every step
// minutes (the last sample is at to). Sunlit and Blocked find each change of state between
// two samples to within step/4096 by bisection; a change and its reversal within one step
// are not seen.
func NewTrack(d Day, lat, lon, from, to, step float64) (*Track, error) {
	switch {
	case !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180):
		return nil, fmt.Errorf("%w: latitude %v, longitude %v out of range", ErrTrack, lat, lon)
	case !(from >= 0 && to <= 1440 && from < to):
		return nil, fmt.Errorf("%w: window %v–%v minutes is not within one day", ErrTrack, from, to)
	case !(step > 0) || (to-from)/step > 1440*60:
		return nil, fmt.Errorf("%w: step %v minutes", ErrTrack, step)
	}
	tr := &Track{day: d, lat: lat, lon: lon, from: from, to: to, step: step, refineIterations: 12}
	tr.decl = AtSolarTime(d, 720, lat, lon).Declination * rad
	n := int(math.Ceil((to-from)/step - 1e-9))
	tr.samples = make([]sample, 0, n+1)
	for i := 0; i <= n; i++ {
		m := math.Min(from+float64(i)*step, to)
		tr.samples = append(tr.samples, tr.at(m))
	}
	tr.checkIncreasing()
	return tr, nil
}

func (tr *Track) at(m float64) sample {
	alt, az := horizontal(tr.lat, tr.decl, (m/4-180)*rad)
	az = math.Mod(az+tr.turn+360, 360)
	s := sample{minute: m, alt: alt, az: az}
	s.dx, s.dy = math.Sin(az*rad), math.Cos(az*rad)
	s.tanA = math.Tan(alt * rad)
	return s
}

// Position returns the sun's position on the track at minute m of apparent solar time, its
// azimuth in the track's frame (see Turned).
func (tr *Track) Position(m float64) Position {
	s := tr.at(m)
	return Position{Altitude: s.alt, Azimuth: s.az, Declination: tr.decl / rad}
}

// Turned returns the track with every azimuth measured from a frame's grid north instead of
// true north, where true north points gridAzimuth degrees clockwise of grid north (in a
// transverse Mercator, minus the meridian convergence).
func (tr *Track) Turned(gridAzimuth float64) *Track {
	out := *tr
	out.turn = tr.turn + gridAzimuth
	out.samples = make([]sample, len(tr.samples))
	for i, s := range tr.samples {
		out.samples[i] = out.at(s.minute)
	}
	out.checkIncreasing()
	return &out
}

// Window returns the track's window, minutes of apparent solar time.
func (tr *Track) Window() Interval { return Interval{tr.from, tr.to} }

// MinAltitude returns the lowest altitude of the sun over the window, degrees.
func (tr *Track) MinAltitude() float64 {
	lo := 90.0
	for _, s := range tr.samples {
		lo = math.Min(lo, s.alt)
	}
	return lo
}

// Sunlit returns when r receives direct sun in the window: the sun above the horizon, in
// front of r's façade, and no prism in the way.
func (tr *Track) Sunlit(r Receiver, prisms []Prism) Intervals {
	vs := views(r, prisms)
	fx, fy := math.Sin(r.Facing*rad), math.Cos(r.Facing*rad)
	fn := func(s *sample) bool {
		return s.alt > 0 && s.dx*fx+s.dy*fy > 0 && !blockedBy(s, r, vs)
	}
	return tr.spans(fn)
}

// Blocked returns when one of prisms stands between r and the sun (above the horizon) in the
// window, whichever way r faces.
func (tr *Track) Blocked(r Receiver, prisms []Prism) Intervals {
	vs := views(r, prisms)
	if len(vs) == 0 {
		return nil
	}
	lo, hi := tr.arcSamples(vs)
	if lo > hi {
		return nil
	}
	return tr.spansIn(lo, hi, func(s *sample) bool { return s.alt > 0 && blockedBy(s, r, vs) })
}

func (tr *Track) checkIncreasing() {
	tr.increasing = true
	for i := 1; i < len(tr.samples); i++ {
		if !(tr.samples[i].az > tr.samples[i-1].az) {
			tr.increasing = false
		}
	}
}

// arcSamples returns the first and last samples whose azimuth lies in one of the views'
// arcs, widened by one sample each way: outside them no prism can block. It returns the whole
// track when the azimuths do not increase or a view surrounds the receiver.
func (tr *Track) arcSamples(vs []view) (lo, hi int) {
	n := len(tr.samples)
	if !tr.increasing {
		return 0, n - 1
	}
	lo, hi = n, -1
	az0 := tr.samples[0].az
	for i := range vs {
		v := &vs[i]
		if v.all {
			return 0, n - 1
		}
		a := math.Mod(v.lo-az0+540, 360) - 180 + az0 // v.lo within 180° of az0
		for _, start := range [3]float64{a - 360, a, a + 360} {
			end := start + v.span
			i0 := sort.Search(n, func(k int) bool { return tr.samples[k].az >= start })
			i1 := sort.Search(n, func(k int) bool { return tr.samples[k].az > end }) - 1
			if i0 <= i1 || (i0 < n && i0 > 0) && tr.samples[i0-1].az < start && tr.samples[i0].az > end {
				// Samples in the arc, or an arc falling between two samples.
				lo, hi = min(lo, max(0, min(i0, i1+1)-1)), max(hi, min(n-1, max(i1, i0-1)+1))
			}
		}
	}
	return lo, hi
}

// spans returns the spans of the window where fn holds, refining each change of state.
func (tr *Track) spans(fn func(*sample) bool) Intervals {
	return tr.spansIn(0, len(tr.samples)-1, fn)
}

// spansIn is spans with fn false outside samples lo to hi.
func (tr *Track) spansIn(lo, hi int, fn func(*sample) bool) Intervals {
	var out Intervals
	prev := false
	var start float64
	for i := lo; i <= hi; i++ {
		s := &tr.samples[i]
		cur := fn(s)
		if i == lo {
			if cur {
				start = s.minute
			}
			prev = cur
			continue
		}
		if cur != prev {
			t := tr.refine(tr.samples[i-1].minute, s.minute, prev, fn)
			if cur {
				start = t
			} else {
				out = append(out, Interval{start, t})
			}
			prev = cur
		}
	}
	if prev {
		out = append(out, Interval{start, tr.samples[hi].minute})
	}
	return out
}

// refine bisects (lo, hi), where fn is was at lo, for the instant fn changes.
func (tr *Track) refine(lo, hi float64, was bool, fn func(*sample) bool) float64 {
	for range tr.refineIterations {
		mid := (lo + hi) / 2
		s := tr.at(mid)
		if fn(&s) == was {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// Blocks reports whether one of prisms stands between r and the sun at position pos: the
// ray from r toward the sun passes through a prism below its top. The sun below the horizon
// is not blocked (there is no sun).
func Blocks(pos Position, r Receiver, prisms []Prism) bool {
	if pos.Altitude <= 0 {
		return false
	}
	s := sample{alt: pos.Altitude, az: pos.Azimuth, dx: math.Sin(pos.Azimuth * rad), dy: math.Cos(pos.Azimuth * rad), tanA: math.Tan(pos.Altitude * rad)}
	return blockedBy(&s, r, views(r, prisms))
}

// view is a prism as seen from a receiver: the arc of azimuths its footprint spans (from lo,
// span degrees clockwise; all when it surrounds the receiver) and the steepest tangent of the
// sun's altitude at which it can still block (its height above the receiver over its nearest
// distance), so that most samples are rejected without tracing the ray.
type view struct {
	p        *Prism
	lo, span float64
	all      bool
	maxTan   float64
}

// views returns the prisms taller than r as seen from r.
func views(r Receiver, prisms []Prism) []view {
	out := make([]view, 0, len(prisms))
	for i := range prisms {
		p := &prisms[i]
		if p.Height <= r.Height || len(p.Ring) < 3 {
			continue
		}
		v := view{p: p, all: true, maxTan: math.Inf(1)}
		dmin := math.Inf(1)
		n := len(p.Ring)
		for j := 0; j < n; j++ {
			dmin = math.Min(dmin, pointSegmentDistance(r.At, p.Ring[j], p.Ring[(j+1)%n]))
		}
		if dmin > 1e-9 {
			v.maxTan = (p.Height - r.Height) / dmin
			// Unwrap the vertices' azimuths around the first one; a footprint that does not
			// surround the receiver spans less than 180°.
			a0 := math.Atan2(p.Ring[0][0]-r.At[0], p.Ring[0][1]-r.At[1]) / rad
			lo, hi := 0.0, 0.0
			for _, q := range p.Ring {
				d := math.Mod(math.Atan2(q[0]-r.At[0], q[1]-r.At[1])/rad-a0+540, 360) - 180
				lo, hi = math.Min(lo, d), math.Max(hi, d)
			}
			if hi-lo < 179 {
				v.all, v.lo, v.span = false, math.Mod(a0+lo+720, 360), hi-lo+1e-9
			}
		}
		out = append(out, v)
	}
	return out
}

// blockedBy tests the ray from r toward the sun against each prism: it climbs tanA metres a
// metre, so it is below a prism of height H for the first (H − z)/tanA metres; the prism
// blocks it when that stretch of its ground track enters the footprint.
func blockedBy(s *sample, r Receiver, vs []view) bool {
	for i := range vs {
		v := &vs[i]
		if s.tanA >= v.maxTan {
			continue
		}
		if !v.all && math.Mod(s.az-v.lo+360, 360) > v.span {
			continue
		}
		l := (v.p.Height - r.Height) / s.tanA
		a := r.At
		b := orb.Point{a[0] + l*s.dx, a[1] + l*s.dy}
		if segmentEntersRing(a, b, v.p.Ring) {
			return true
		}
	}
	return false
}

// pointSegmentDistance is the distance from p to segment ab.
func pointSegmentDistance(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

// segmentEntersRing reports whether segment ab crosses or touches ring's boundary, or a lies
// inside it.
func segmentEntersRing(a, b orb.Point, ring []orb.Point) bool {
	n := len(ring)
	if n < 3 {
		return false
	}
	minX, maxX := math.Min(a[0], b[0]), math.Max(a[0], b[0])
	minY, maxY := math.Min(a[1], b[1]), math.Max(a[1], b[1])
	inside := false
	for i := 0; i < n; i++ {
		p, q := ring[i], ring[(i+1)%n]
		// Even-odd test of a against edge pq.
		if (p[1] > a[1]) != (q[1] > a[1]) && a[0] < (q[0]-p[0])*(a[1]-p[1])/(q[1]-p[1])+p[0] {
			inside = !inside
		}
		if math.Max(p[0], q[0]) < minX || math.Min(p[0], q[0]) > maxX || math.Max(p[1], q[1]) < minY || math.Min(p[1], q[1]) > maxY {
			continue
		}
		if segmentsMeet(a, b, p, q) {
			return true
		}
	}
	return inside
}

// segmentsMeet reports whether segments ab and pq share a point.
func segmentsMeet(a, b, p, q orb.Point) bool {
	d1 := orient(p, q, a)
	d2 := orient(p, q, b)
	d3 := orient(a, b, p)
	d4 := orient(a, b, q)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	on := func(u, v, w orb.Point) bool { // w on segment uv, given collinear
		return math.Min(u[0], v[0]) <= w[0] && w[0] <= math.Max(u[0], v[0]) && math.Min(u[1], v[1]) <= w[1] && w[1] <= math.Max(u[1], v[1])
	}
	return (d1 == 0 && on(p, q, a)) || (d2 == 0 && on(p, q, b)) || (d3 == 0 && on(a, b, p)) || (d4 == 0 && on(a, b, q))
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// Shadow returns the shadow prism p casts on flat ground with the sun at pos, in the prism's
// planar frame: the union of the footprint and the ground tracks of its edges swept away
// from the sun by Height/tan(altitude). Nil when the sun is down or the prism has no height.
func Shadow(p Prism, pos Position) (orb.Geometry, error) {
	if pos.Altitude <= 0 || p.Height <= 0 || len(p.Ring) < 3 {
		return nil, nil
	}
	l := p.Height / math.Tan(pos.Altitude*rad)
	sx, sy := -l*math.Sin(pos.Azimuth*rad), -l*math.Cos(pos.Azimuth*rad)
	ring := closed(p.Ring)
	parts := []orb.Geometry{orb.Polygon{ring}}
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		a2, b2 := orb.Point{a[0] + sx, a[1] + sy}, orb.Point{b[0] + sx, b[1] + sy}
		if math.Abs(orient(a, b, a2)) < 1e-9 {
			continue // an edge along the sun's direction sweeps no area
		}
		parts = append(parts, orb.Polygon{orb.Ring{a, b, b2, a2, a}})
	}
	return geo.UnionManyPlanar(parts)
}

func closed(r []orb.Point) orb.Ring {
	out := make(orb.Ring, len(r), len(r)+1)
	copy(out, r)
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}
