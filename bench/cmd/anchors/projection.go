package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// The projection benchmark's zone: CGCS2000 3° Gauss-Krüger CM 120°E without the zone prefix,
// EPSG:4549, the zone of the synthetic city's western half (Shanghai straddles 121.5°E).
const (
	zoneCM   = 120
	zoneEPSG = "EPSG:4549"
)

// Where the points are drawn: across the zone's whole width (118.5°E–121.5°E) and China's
// latitudes along it (20°N–53°N), so that the comparison covers the zone and not only a city.
const (
	pointsMinLon, pointsMaxLon = 118.5, 121.5
	pointsMinLat, pointsMaxLat = 20.0, 53.0
)

// writePoints writes n seeded random points as cs2cs reads EPSG:4490 coordinates, "lat lon"
// in degrees with 9 decimals (0.1 mm).
func writePoints(path string, seed uint64, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var buf []byte
	for range n {
		lon := pointsMinLon + (pointsMaxLon-pointsMinLon)*rng.Float64()
		lat := pointsMinLat + (pointsMaxLat-pointsMinLat)*rng.Float64()
		buf = appendLatLon(buf[:0], lat, lon, 9)
		if _, err := w.Write(buf); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// libProject is the library's side of the cs2cs comparison: it reads "lat lon" lines,
// projects each point with a geo.Transformer from CGCS2000 to the zone, and writes the line
// cs2cs -f %.6f writes.
func libProject(in, out string) error {
	zone, err := geo.GK3CM(zoneCM)
	if err != nil {
		return err
	}
	tr, err := geo.NewTransformer(geo.CGCS2000, zone)
	if err != nil {
		return err
	}
	return textToText(in, out, func(r *numberReader, w *bufio.Writer) error {
		var buf []byte
		for {
			v, err := r.Next(2)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if v == nil {
				continue
			}
			p, err := tr.Point(orb.Point{v[1], v[0]})
			if err != nil {
				return fmt.Errorf("%s line %d: %w", in, r.line, err)
			}
			buf = appendCS2CS(buf[:0], p[1], p[0])
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
	})
}

// libGCJ converts "lat lon" lines with conv (geo.WGS84ToGCJ02 or geo.GCJ02ToWGS84) and writes
// them in the shortest form that reads back exactly, so that a round trip through two files
// loses nothing to printing.
func libGCJ(in, out string, conv func(orb.Point) orb.Point) error {
	return textToText(in, out, func(r *numberReader, w *bufio.Writer) error {
		var buf []byte
		for {
			v, err := r.Next(2)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if v == nil {
				continue
			}
			p := conv(orb.Point{v[1], v[0]})
			buf = appendLatLon(buf[:0], p[1], p[0], -1)
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
	})
}

// pointsAgreement compares two files of points line by line.
type pointsAgreement struct {
	points int
	// maxDist is the largest distance between corresponding points, in metres.
	maxDist float64
	where   int // its line
	// textDiffer counts the lines whose numbers differ at all (in the printed digits).
	textDiffer int
}

// compareProjected compares two files of projected points (northing, easting in metres).
func compareProjected(a, b string) (pointsAgreement, error) {
	return comparePoints(a, b, func(x, y []float64) float64 { return math.Hypot(x[0]-y[0], x[1]-y[1]) })
}

// compareLatLon compares two files of "lat lon" points; the distance is in metres on a
// sphere of radius 6,378,137 m (within 0.7 % of the ellipsoid's at these latitudes).
func compareLatLon(a, b string) (pointsAgreement, error) {
	const mPerDeg = 6378137 * math.Pi / 180
	return comparePoints(a, b, func(x, y []float64) float64 {
		return mPerDeg * math.Hypot(x[0]-y[0], (x[1]-y[1])*math.Cos(x[0]*math.Pi/180))
	})
}

func comparePoints(a, b string, dist func(x, y []float64) float64) (pointsAgreement, error) {
	fa, err := os.Open(a)
	if err != nil {
		return pointsAgreement{}, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return pointsAgreement{}, err
	}
	defer fb.Close()
	ra := newNumberReader(bufio.NewReaderSize(fa, 1<<16), a)
	rb := newNumberReader(bufio.NewReaderSize(fb, 1<<16), b)
	var pa pointsAgreement
	for {
		x, errA := ra.Next(2)
		var xs [2]float64
		if x != nil {
			copy(xs[:], x)
		}
		y, errB := rb.Next(2)
		if errA == io.EOF && errB == io.EOF {
			return pa, nil
		}
		if errA != nil || errB != nil {
			if errA == io.EOF || errB == io.EOF {
				return pa, fmt.Errorf("%s and %s have different numbers of lines (%d and %d so far)", a, b, ra.line, rb.line)
			}
			return pa, errors.Join(errA, errB)
		}
		pa.points++
		if xs[0] != y[0] || xs[1] != y[1] {
			pa.textDiffer++
		}
		if d := dist(xs[:], y); d > pa.maxDist {
			pa.maxDist, pa.where = d, ra.line
		}
	}
}
