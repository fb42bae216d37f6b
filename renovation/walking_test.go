package renovation

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
)

// walkTM is the local plane the hand-built districts are drawn in, metres east and north of a
// point in Haidian.
var walkTM = geo.LocalTM(orb.Point{116.35, 39.99})

func wat(x, y float64) orb.Point { return walkTM.Inverse(orb.Point{x, y}) }

// street is a way through the given points (metres), with node ids from base.
func street(id int64, base int64, pts ...[2]float64) network.Way {
	w := network.Way{ID: id, Tags: map[string]string{"highway": "residential"}}
	for i, p := range pts {
		w.Nodes = append(w.Nodes, base+int64(i))
		w.Points = append(w.Points, wat(p[0], p[1]))
	}
	return w
}

// walledSquare is a compound x0..x0+100 by 0..100 m with one building of n households at (x0+50, by).
func walledSquare(id string, x0, by float64, n int, gates ...orb.Point) Compound {
	ring := orb.Ring{wat(x0, 0), wat(x0+100, 0), wat(x0+100, 100), wat(x0, 100), wat(x0, 0)}
	fp := orb.Ring{wat(x0+45, by-5), wat(x0+55, by-5), wat(x0+55, by+5), wat(x0+45, by+5), wat(x0+45, by-5)}
	u := Unit{ID: "1"}
	for k := range n {
		u.Households = append(u.Households, Household{ID: fmt.Sprint(k + 1), Floor: 1})
	}
	c := Compound{ID: id, Name: id, Boundary: orb.Polygon{ring},
		Buildings: []Building{{ID: "b1", Footprint: orb.Polygon{fp}, Units: []Unit{u}}}}
	for j, g := range gates {
		c.Gates = append(c.Gates, Gate{ID: fmt.Sprintf("g%d", j+1), Point: g, Pedestrian: true})
	}
	if len(gates) > 0 {
		c.Exit = ExitPlanner
	}
	return c
}

// gateDistrict: streets along y = −10 and y = 110 from x = −500 to 2600, joined at x = −500
// only. A (x 0–100) has one gate, south, and a kindergarten just north of it; B (1000–1100)
// has gates south and north; C (2000–2100) has a south gate and a clinic just north of it.
func gateDistrict(t testing.TB) (*District, *network.Graph) {
	ways := []network.Way{
		street(1, 100, [2]float64{-500, -10}, [2]float64{2600, -10}),
		street(2, 200, [2]float64{-500, 110}, [2]float64{2600, 110}),
		street(3, 300, [2]float64{-500, -10}, [2]float64{-500, 110}),
		street(4, 400, [2]float64{0, 500}, [2]float64{100, 500}), // joined to nothing
	}
	ways[2].Nodes[0], ways[2].Nodes[1] = 100, 200 // share the corners
	g, err := network.Build(ways, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &District{
		Compounds: []Compound{
			walledSquare("A", 0, 50, 10, wat(50, 0)),
			walledSquare("B", 1000, 50, 20, wat(1050, 0), wat(1050, 100)),
			walledSquare("C", 2000, 80, 30, wat(2050, 0)),
		},
		Facilities: []Facility{
			{ID: "k1", Kind: Kindergarten, Location: wat(50, 115)},
			{ID: "k2", Kind: Kindergarten, Location: wat(1050, 115)},
			{ID: "h1", Kind: Clinic, Location: wat(2050, 115)},
			{ID: "m1", Kind: Market, Location: wat(50, 505)},
		},
	}
	return d, g
}

var gateRadii = RadiusTable{
	{Kind: Kindergarten, Tier: Tier5Min, Metres: 300},
	{Kind: Clinic, Tier: Tier5Min, Metres: 300},
	{Kind: Market, Tier: Tier10Min, Metres: 500},
}

func TestWalkingGates(t *testing.T) {
	d, g := gateDistrict(t)
	rep, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Metric: Walking, Network: g, Radii: gateRadii})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID, Kind, Gate       string
		Walk, Straight       float64 // −1 for nil
		Covered, Unreachable bool
		Households           float64
	}
	val := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return math.Round(*p*1000) / 1000
	}
	var got []row
	for _, c := range rep.Compounds {
		for _, fr := range c.Reach {
			got = append(got, row{c.ID, string(fr.Kind), fr.Gate, val(fr.Nearest), val(fr.StraightLine), fr.Covered, fr.Unreachable, fr.HouseholdsCovered})
		}
	}
	// A: its only gate faces south, the kindergarten 15 m north of its wall is 10 + 550 + 120 +
	// 550 + 5 = 1,235 m away on foot, beyond the search (600 m): not covered, yet reachable.
	// B: the north gate, 10 + 5 m; its building 50 m inside. C's clinic likewise beyond.
	want := []row{
		{"A", "kindergarten", "", -1, 15, false, false, 0},
		{"A", "clinic", "", -1, 1950.058, false, false, 0},
		{"B", "kindergarten", "g2", 15, 15, true, false, 20},
		{"B", "clinic", "", -1, 950.118, false, false, 0},
		{"C", "kindergarten", "", -1, 950.118, false, false, 0},
		{"C", "clinic", "", -1, 15, false, false, 0},
	}
	// The market stands on a street joined to nothing: unreachable from every compound.
	var markets []row
	for _, r := range got {
		if r.Kind == "market" {
			if !r.Unreachable {
				t.Errorf("%s: market not unreachable", r.ID)
			}
		} else {
			markets = append(markets, r)
		}
	}
	got = markets
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walking reach (-want +got):\n%s", diff)
	}
	for _, c := range rep.Compounds {
		if c.Exit != ExitPlanner || !c.InteriorStraight {
			t.Errorf("%s: exit %q, interior straight %v", c.ID, c.Exit, c.InteriorStraight)
		}
	}
	if rep.Kinds[0].CompoundsCovered != 1 || rep.Kinds[0].HouseholdsCovered != 20 {
		t.Errorf("kindergarten summary: %+v", rep.Kinds[0])
	}
}

func TestGateScenarios(t *testing.T) {
	d, g := gateDistrict(t)
	scs := []GateScenario{
		{Name: "close B north", Close: []GateChange{{Compound: "B", Gate: Gate{ID: "g2"}}}},
		{Name: "open A north", Open: []GateChange{{Compound: "A", Gate: Gate{Point: wat(50, 100)}}}},
		{Name: "C wall down", RemoveWalls: []string{"C"}},
		{Name: "nothing"},
	}
	rep, err := NewAnalyzer(d).GateScenarios(context.Background(), &LifeCircleOptions{Network: g, Radii: gateRadii}, scs)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name         string
		Gained, Lost int
		Closed       []string
		Opened       []string
	}
	var got []row
	for _, s := range rep.Scenarios {
		r := row{Name: s.Name, Gained: s.HouseholdsGained, Lost: s.HouseholdsLost}
		for _, k := range s.Kinds {
			r.Closed = append(r.Closed, k.GapsClosed...)
			r.Opened = append(r.Opened, k.GapsOpened...)
		}
		got = append(got, r)
	}
	// C's building, 20 m from its north wall, walks 30 m to the north street once the wall is
	// gone and reaches the clinic: 30 households. A's new north gate: 10 households. Closing
	// B's north gate loses its 20.
	want := []row{
		{"C wall down", 30, 0, []string{"C"}, nil},
		{"open A north", 10, 0, []string{"A"}, nil},
		{"nothing", 0, 0, nil, nil},
		{"close B north", 0, 20, nil, []string{"B"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scenarios (-want +got):\n%s", diff)
	}
	if _, err := NewAnalyzer(d).GateScenarios(context.Background(), &LifeCircleOptions{Network: g, Radii: gateRadii},
		[]GateScenario{{Name: "x", Close: []GateChange{{Compound: "A", Gate: Gate{ID: "g9"}}}}}); err == nil {
		t.Error("closing a gate the compound lacks: no error")
	}
}

// TestWalkingNeverShorter: on random districts, every building's walk to the nearest facility
// of each kind is at least its straight-line distance, and the compound's at least the
// straight-line figure.
func TestWalkingNeverShorter(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	for trial := range 30 {
		var ways []network.Way
		// A grid of streets 200 m apart over 1 km², with random kinks.
		id := int64(1)
		for k := 0; k <= 5; k++ {
			y := float64(k)*200 + rng.Float64()*20
			var pts [][2]float64
			for x := -50.0; x <= 1050; x += 100 {
				pts = append(pts, [2]float64{x, y + rng.Float64()*10})
			}
			ways = append(ways, street(id, id*1000, pts...))
			id++
		}
		g, err := network.Build(ways, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := &District{}
		for c := range 6 {
			x0, y0 := rng.Float64()*800, rng.Float64()*800
			comp := walledSquare(fmt.Sprint("c", c), 0, 50, 3)
			// Move it: rebuild in place at (x0, y0).
			ring := orb.Ring{wat(x0, y0), wat(x0+100, y0), wat(x0+100, y0+100), wat(x0, y0+100), wat(x0, y0)}
			comp.Boundary = orb.Polygon{ring}
			bx, by := x0+10+rng.Float64()*80, y0+10+rng.Float64()*80
			comp.Buildings[0].Footprint = orb.Polygon{{wat(bx-3, by-3), wat(bx+3, by-3), wat(bx+3, by+3), wat(bx-3, by+3), wat(bx-3, by-3)}}
			if rng.IntN(2) == 0 {
				comp.Gates = []Gate{{ID: "g", Point: wat(x0+rng.Float64()*100, y0)}}
			}
			d.Compounds = append(d.Compounds, comp)
		}
		for f := range 8 {
			kind := Kindergarten
			if f%2 == 1 {
				kind = Clinic
			}
			d.Facilities = append(d.Facilities, Facility{ID: fmt.Sprint("f", f), Kind: kind, Location: wat(rng.Float64()*1000, rng.Float64()*1000)})
		}
		an := NewAnalyzer(d)
		rep, err := an.LifeCircle(context.Background(), &LifeCircleOptions{Metric: Walking, Network: g, Radii: gateRadii})
		if err != nil {
			t.Fatal(err)
		}
		m, _, err := an.walkingModel(context.Background(), LifeCircleOptions{Network: g, Radii: gateRadii})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range rep.Compounds {
			for e, fr := range c.Reach {
				if fr.Nearest != nil && fr.StraightLine != nil && *fr.Nearest < *fr.StraightLine {
					t.Errorf("trial %d %s %s: walk %v < straight %v", trial, c.ID, fr.Kind, *fr.Nearest, *fr.StraightLine)
				}
				wc := &m.cs[i]
				dists, _ := m.gateDist(wc.gates, e, nil, nil)
				w := m.buildingWalk(wc, 0, wc.gates, dists, e)
				straight := math.Inf(1)
				for _, f := range d.Facilities {
					if f.Kind == fr.Kind {
						straight = min(straight, geo.Distance(wc.pts[0], f.Location.(orb.Point)))
					}
				}
				if w < straight-1e-6 {
					t.Errorf("trial %d %s %s: building walks %v < straight %v", trial, c.ID, fr.Kind, w, straight)
				}
			}
		}
	}
}

func TestWalkingNeedsNetwork(t *testing.T) {
	d, _ := gateDistrict(t)
	if _, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Metric: Walking}); err == nil {
		t.Error("walking without a network: no error")
	}
}
