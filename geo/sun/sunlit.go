package sun

import (
	"errors"
	"fmt"
	"math"

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
}

type sample struct {
	minute       float64
	alt          float64 // degrees
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
	return tr, nil
}

func (tr *Track) at(m float64) sample {
	alt, az := horizontal(tr.lat, tr.decl, (m/4-180)*rad)
	s := sample{minute: m, alt: alt}
	s.dx, s.dy = math.Sin(az*rad), math.Cos(az*rad)
	s.tanA = math.Tan(alt * rad)
	return s
}

// Position returns the sun's position on the track at minute m of apparent solar time.
func (tr *Track) Position(m float64) Position {
	alt, az := horizontal(tr.lat, tr.decl, (m/4-180)*rad)
	return Position{Altitude: alt, Azimuth: az, Declination: tr.decl / rad}
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
	fn := func(s *sample) bool {
		return s.alt > 0 && s.dx*math.Sin(r.Facing*rad)+s.dy*math.Cos(r.Facing*rad) > 0 && !blockedBy(s, r, prisms)
	}
	return tr.spans(fn)
}

// Blocked returns when one of prisms stands between r and the sun (above the horizon) in the
// window, whichever way r faces.
func (tr *Track) Blocked(r Receiver, prisms []Prism) Intervals {
	return tr.spans(func(s *sample) bool { return s.alt > 0 && blockedBy(s, r, prisms) })
}

// spans returns the spans of the window where fn holds, refining each change of state.
func (tr *Track) spans(fn func(*sample) bool) Intervals {
	var out Intervals
	prev := false
	var start float64
	for i := range tr.samples {
		s := &tr.samples[i]
		cur := fn(s)
		if i == 0 {
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
		out = append(out, Interval{start, tr.to})
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
	s := sample{alt: pos.Altitude, dx: math.Sin(pos.Azimuth * rad), dy: math.Cos(pos.Azimuth * rad), tanA: math.Tan(pos.Altitude * rad)}
	return blockedBy(&s, r, prisms)
}

// blockedBy tests the ray from r toward the sun against each prism: it climbs tanA metres a
// metre, so it is below a prism of height H for the first (H − z)/tanA metres; the prism
// blocks it when that stretch of its ground track enters the footprint.
func blockedBy(s *sample, r Receiver, prisms []Prism) bool {
	for i := range prisms {
		p := &prisms[i]
		if p.Height <= r.Height {
			continue
		}
		l := (p.Height - r.Height) / s.tanA
		a := r.At
		b := orb.Point{a[0] + l*s.dx, a[1] + l*s.dy}
		if segmentEntersRing(a, b, p.Ring) {
			return true
		}
	}
	return false
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
