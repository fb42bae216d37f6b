package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// shaftArgs are the optional flags that give the stairwell's building geometry: a GeoJSON of
// the building and its neighbours (polygons with id and storeys), which building the
// stairwell is in, and which unit of how many it is.
type shaftArgs struct {
	buildings, building string
	unit, units         int
}

// unitLength is the façade length one unit of a neighbouring building is taken to have, in
// metres, when the neighbours' rosters are not known (a two-household walk-up unit; an
// assumption, UNVERIFIED).
const unitLength = 12.0

// shaftOut is the shaft check of the stairwell.
type shaftOut struct {
	Shaft        renovation.ShaftFit
	Sunlight     []renovation.SunlightLoss
	Height       float64
	Compensation budget.Money
	Standard     string
	Day          string
}

// assessShaft places the stairwell's shaft among the buildings of a.buildings and counts the
// sunlight it takes from the neighbours, whose households are numbered floor and place
// (0101, 0102, …) as their rosters are not known; hh are the stairwell's own households.
// Compensation per neighbour taken below the standard is the scheme's per-household
// compensation.
func assessShaft(a shaftArgs, hh []budget.Household, scheme *budget.Scheme) (*shaftOut, error) {
	layer, err := load.ReadLayer(a.buildings, nil)
	if err != nil {
		return nil, err
	}
	feats, err := renovation.BuildingsFromFeatures(a.buildings, layer.Features)
	if err != nil {
		return nil, err
	}
	if a.units < 1 || a.unit < 1 || a.unit > a.units {
		return nil, fmt.Errorf("-unit %d of -units %d: want 1 ≤ unit ≤ units", a.unit, a.units)
	}
	c := renovation.Compound{ID: "site", Name: a.buildings}
	found := false
	for _, f := range feats {
		b := f.Building
		if b.ID == a.building {
			if found {
				return nil, fmt.Errorf("%s: two buildings have id %q", a.buildings, a.building)
			}
			found = true
			if !b.ElevatorCandidate() {
				return nil, fmt.Errorf("%s: building %q has %d storeys or an elevator: not a candidate for an added one", a.buildings, b.ID, b.Storeys)
			}
			b.Units = nil
			for k := 1; k <= a.units; k++ {
				u := renovation.Unit{ID: fmt.Sprint(k)}
				if k == a.unit {
					for _, h := range hh {
						u.Households = append(u.Households, renovation.Household{ID: h.ID, Floor: h.Floor})
					}
				} else {
					u.HasElevator = true // only the stairwell in hand is assessed
					u.Households = numbered(b.Storeys)
				}
				b.Units = append(b.Units, u)
			}
		} else {
			b.HasElevator = true
			b.Units = nil
			for k := 1; k <= unitsOf(b); k++ {
				b.Units = append(b.Units, renovation.Unit{ID: fmt.Sprint(k), Households: numbered(b.Storeys)})
			}
		}
		c.Buildings = append(c.Buildings, b)
	}
	if !found {
		return nil, fmt.Errorf("%s: no building with id %q (-building)", a.buildings, a.building)
	}
	d := &renovation.District{Compounds: []renovation.Compound{c}}
	rep, err := renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{Year: 2026})
	if err != nil {
		return nil, err
	}
	if len(rep.Shafts) != 1 {
		return nil, fmt.Errorf("internal error: %d shafts assessed", len(rep.Shafts))
	}
	s := rep.Shafts[0]
	out := &shaftOut{Shaft: s.Fit, Sunlight: s.Sunlight, Height: s.Height, Standard: rep.Standard.Name, Day: rep.Day}
	if out.Shaft.Reasons == nil {
		out.Shaft.Reasons = []string{}
	}
	for i := range out.Sunlight {
		if l := &out.Sunlight[i]; l.BelowStandard && l.Lost() > 0 {
			l.Compensation = scheme.Compensation.PerHousehold
			if out.Compensation, err = out.Compensation.Add(l.Compensation); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// numbered is a roster of two households a floor, numbered 0101, 0102, 0201, …
func numbered(storeys int) []renovation.Household {
	var out []renovation.Household
	for f := 1; f <= storeys; f++ {
		for k := 1; k <= 2; k++ {
			out = append(out, renovation.Household{ID: fmt.Sprintf("%02d%02d", f, k), Floor: f})
		}
	}
	return out
}

// unitsOf is how many units of unitLength a neighbour's façade holds.
func unitsOf(b renovation.Building) int {
	var ring []orb.Point
	switch g := b.Footprint.(type) {
	case orb.Polygon:
		if len(g) > 0 {
			ring = g[0]
		}
	case orb.MultiPolygon:
		if len(g) > 0 && len(g[0]) > 0 {
			ring = g[0][0]
		}
	}
	if len(ring) < 3 {
		return 1
	}
	tm := geo.LocalTM(ring[0])
	pts := make([]orb.Point, len(ring))
	for i, p := range ring {
		pts[i] = tm.Forward(p)
	}
	r, ok := geo.MinimumRectangle(pts)
	if !ok {
		return 1
	}
	return max(1, int(math.Round(r.Length/unitLength)))
}

// withShaftJSON adds "shaft", "sunlight" and "neighbour_compensation" to the result's JSON
// object, after its own keys.
func withShaftJSON(res *budget.Result, s *shaftOut) ([]byte, error) {
	b, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimRight(b, " \n")
	if len(b) < 2 || b[len(b)-1] != '}' {
		return nil, fmt.Errorf("internal error: the result is not a JSON object")
	}
	extra, err := json.Marshal(struct {
		Shaft        renovation.ShaftFit       `json:"shaft"`
		Sunlight     []renovation.SunlightLoss `json:"sunlight"`
		Compensation budget.Money              `json:"neighbour_compensation"`
	}{s.Shaft, s.Sunlight, s.Compensation})
	if err != nil {
		return nil, err
	}
	sep := ","
	if bytes.Equal(b, []byte("{}")) {
		sep = ""
	}
	joined := append(append(b[:len(b)-1:len(b)-1], sep...), extra[1:]...)
	var out bytes.Buffer
	if err := json.Indent(&out, joined, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// writeShaft prints the shaft check for people.
func writeShaft(w io.Writer, s *shaftOut) error {
	var b strings.Builder
	verdict := "fits"
	if !s.Shaft.Fits {
		verdict = "does not fit"
	}
	fmt.Fprintf(&b, "\nshaft (%.1f m high): %s\n", s.Height, verdict)
	for _, r := range s.Shaft.Reasons {
		fmt.Fprintf(&b, "  %s\n", r)
	}
	fmt.Fprintf(&b, "sunlight, %s, %s: %d neighbouring households lose sun\n", s.Standard, s.Day, len(s.Sunlight))
	for _, l := range s.Sunlight {
		mark := ""
		if l.BelowStandard {
			mark = fmt.Sprintf("  below the standard; compensation %s yuan", l.Compensation)
		}
		fmt.Fprintf(&b, "  building %s unit %s household %s: %d → %d min (standard %d)%s\n", l.Building, l.Unit, l.Household, l.MinutesBefore, l.MinutesAfter, l.StandardMinutes, mark)
	}
	if s.Compensation > 0 {
		fmt.Fprintf(&b, "neighbours' compensation: %s yuan, added to the total shared above\n", s.Compensation)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
