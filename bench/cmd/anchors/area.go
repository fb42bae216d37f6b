package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// writeRings writes every ring of every compound boundary as Planimeter reads polygons: one
// "lat lon" vertex a line, in the shortest decimal form that reads back to the same float64
// (so that both sides measure the very same polygon), the closing vertex left out, a blank
// line after each ring. It returns the number of rings and of vertices written.
func writeRings(path string, d *renovation.District) (rings, vertices int, err error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	var buf []byte
	for i := range d.Compounds {
		p, ok := d.Compounds[i].Boundary.(orb.Polygon)
		if !ok {
			f.Close()
			return 0, 0, fmt.Errorf("compound %s: boundary is a %T, want a Polygon", d.Compounds[i].ID, d.Compounds[i].Boundary)
		}
		for _, r := range p {
			n := len(r)
			if n > 1 && r[0] == r[n-1] {
				n--
			}
			buf = buf[:0]
			for _, pt := range r[:n] {
				buf = appendLatLon(buf, pt[1], pt[0], -1)
			}
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				f.Close()
				return 0, 0, err
			}
			rings++
			vertices += n
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, 0, err
	}
	return rings, vertices, f.Close()
}

// runTool runs a command-line anchor with stdin from in and stdout to out, and returns its
// wall-clock time, process start included (what a user of the tool pays).
func runTool(ctx context.Context, in, out string, name string, args ...string) (time.Duration, error) {
	fi, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer fi.Close()
	fo, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	defer fo.Close()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin, cmd.Stdout = fi, fo
	errb := &limitedBuffer{max: 4096}
	cmd.Stderr = errb
	start := time.Now()
	err = cmd.Run()
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: %w: %s", name, err, errb.b)
	}
	return d, fo.Close()
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	b   []byte
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// oneCore runs fn with GOMAXPROCS 1, as a command-line tool runs on one core, and returns
// its wall-clock time.
func oneCore(fn func() error) (time.Duration, error) {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	start := time.Now()
	err := fn()
	return time.Since(start), err
}

// libRingAreas is the library's side of the Planimeter comparison: it reads the rings file
// and writes, for each ring, the number of vertices and its geodesic area on WGS84 (geo.Area)
// with Planimeter's 5 decimals.
func libRingAreas(in, out string) error {
	return textToText(in, out, func(r *numberReader, w *bufio.Writer) error {
		var ring orb.Ring
		var buf []byte
		for {
			v, err := r.Next(2)
			if err != nil && err != io.EOF {
				return err
			}
			if v != nil {
				ring = append(ring, orb.Point{v[1], v[0]})
				continue
			}
			if len(ring) > 0 {
				buf = appendArea(buf[:0], len(ring), geo.Area(ring))
				if _, err := w.Write(buf); err != nil {
					return err
				}
				ring = ring[:0]
			}
			if err == io.EOF {
				return nil
			}
		}
	})
}

// textToText opens in and out and runs fn on a reader and a buffered writer.
func textToText(in, out string, fn func(*numberReader, *bufio.Writer) error) error {
	fi, err := os.Open(in)
	if err != nil {
		return err
	}
	defer fi.Close()
	fo, err := os.Create(out)
	if err != nil {
		return err
	}
	defer fo.Close()
	w := bufio.NewWriterSize(fo, 1<<16)
	if err := fn(newNumberReader(bufio.NewReaderSize(fi, 1<<16), in), w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return fo.Close()
}

// areaAgreement compares compound areas: the library's geo.Area of each boundary at full
// precision against Planimeter's ring areas (printed with 5 decimals), the outer ring's less
// the holes'.
type areaAgreement struct {
	worst worst
	// beyondPrint counts compounds whose areas differ by more than Planimeter's rounding can
	// explain: half a unit of the 5th decimal per ring, plus 1e-9 m² for reading it.
	beyondPrint int
	compounds   int
	// planimeter is Planimeter's area of each compound, in the district's order.
	planimeter []float64
}

func compareAreas(d *renovation.District, planimeterOut string) (areaAgreement, error) {
	f, err := os.Open(planimeterOut)
	if err != nil {
		return areaAgreement{}, err
	}
	defer f.Close()
	r := newNumberReader(bufio.NewReader(f), planimeterOut)
	var a areaAgreement
	for i := range d.Compounds {
		c := &d.Compounds[i]
		p, ok := c.Boundary.(orb.Polygon)
		if !ok {
			return a, fmt.Errorf("compound %s: boundary is a %T, want a Polygon", c.ID, c.Boundary)
		}
		var anchor float64
		for k := range p {
			v, err := r.Next(3)
			if err != nil {
				return a, fmt.Errorf("compound %s ring %d: %w", c.ID, k, err)
			}
			if k == 0 {
				anchor += math.Abs(v[2])
			} else {
				anchor -= math.Abs(v[2])
			}
		}
		lib := geo.Area(c.Boundary)
		a.worst.add(c.ID, lib, anchor)
		a.planimeter = append(a.planimeter, anchor)
		if math.Abs(lib-anchor) > 0.5e-5*float64(len(p))+1e-9 {
			a.beyondPrint++
		}
		a.compounds++
	}
	return a, nil
}
