package synthetic

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
)

func smallSizes() Sizes {
	s := Benchmark()
	s.Compounds, s.Facilities, s.Rosters = 400, 800, 40
	s.PolygonFacilities = 0.1
	return s
}

// TestCityValid: every geometry of the city is valid, the district validates, and the
// counts and shares are as asked.
func TestCityValid(t *testing.T) {
	s := smallSizes()
	d, err := City(7, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	check := func(name string, g orb.Geometry) {
		if err := geo.Validate(name, g, nil); err != nil {
			t.Errorf("%v", err)
		}
	}
	holes, buildings, households := 0, 0, 0
	for _, c := range d.Compounds {
		check(c.ID, c.Boundary)
		holes += len(c.Boundary.(orb.Polygon)) - 1
		area := geo.Area(c.Boundary)
		if area < 0.75e4 || area > 10.5e4 {
			t.Errorf("compound %s: %.0f m² is not 1–10 ha", c.ID, area)
		}
		for _, b := range c.Buildings {
			check(b.ID, b.Footprint)
			if b.Storeys < 4 || b.Storeys > 18 {
				t.Errorf("building %s: %d storeys", b.ID, b.Storeys)
			}
			buildings++
			for _, u := range b.Units {
				households += len(u.Households)
			}
		}
	}
	for _, g := range d.GreenSpaces {
		check(g.ID, g.Area)
	}
	polys := 0
	byKind := map[renovation.FacilityKind]int{}
	for _, f := range d.Facilities {
		byKind[f.Kind]++
		if _, ok := f.Location.(orb.Polygon); ok {
			polys++
			check(f.ID, f.Location)
		}
	}
	for _, z := range d.Zones {
		check(z.ID, z.Boundary)
	}
	if buildings != 4000 || len(d.Facilities) != 800 || len(byKind) != 8 || byKind[renovation.Kindergarten] != 100 {
		t.Errorf("%d buildings, %d facilities, by kind %v", buildings, len(d.Facilities), byKind)
	}
	if holes < 8 || holes > 35 || polys < 50 || polys > 120 || households == 0 || len(d.Zones) != 4 {
		t.Errorf("%d holes, %d polygon facilities, %d households, %d zones", holes, polys, households, len(d.Zones))
	}
	// Compounds are apart, and each footprint meets its own compound only.
	var cs, fps []orb.Geometry
	var owner []int
	for i, c := range d.Compounds {
		cs = append(cs, c.Boundary)
		for _, b := range c.Buildings {
			fps = append(fps, b.Footprint)
			owner = append(owner, i)
		}
	}
	pairs, err := geo.Join(context.Background(), cs, cs, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if p.A != p.B {
			t.Errorf("compounds %s and %s meet", d.Compounds[p.A].ID, d.Compounds[p.B].ID)
		}
	}
	pairs, err = geo.Join(context.Background(), cs, fps, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if owner[p.B] != p.A {
			t.Errorf("a building of %s meets %s", d.Compounds[owner[p.B]].ID, d.Compounds[p.A].ID)
		}
	}
	ind, err := renovation.Indicators(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tot := ind.Totals; tot.BuildingCoverage < 0.15 || tot.BuildingCoverage > 0.3 || tot.FAR < 1 || tot.FAR > 2.2 || tot.BuildingsCrossing < 80 || tot.GreenRatio < 0.03 {
		t.Errorf("city indicators: coverage %.3f, FAR %.2f, %d buildings crossing, green %.3f", tot.BuildingCoverage, tot.FAR, tot.BuildingsCrossing, tot.GreenRatio)
	}

	// The two scope zones meet along one line: their union is one polygon with no gap.
	u, err := geo.Union(d.Zones[0].Boundary, d.Zones[1].Boundary)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := u.(orb.Polygon); !ok || len(p) != 1 {
		t.Errorf("scope zones leave a gap or overlap: %T with %d rings", u, len(p))
	}
	sum := geo.Area(d.Zones[0].Boundary) + geo.Area(d.Zones[1].Boundary)
	if a := geo.Area(u); math.Abs(a-sum) > 1e-6*sum {
		t.Errorf("union %.0f m², sum %.0f m²", a, sum)
	}
}

// TestCityDeterministic: the same seed gives the same city, value for value; another seed
// another city.
func TestCityDeterministic(t *testing.T) {
	enc := func(seed uint64) string {
		d, err := City(seed, smallSizes())
		if err != nil {
			t.Fatal(err)
		}
		fc := geojson.NewFeatureCollection()
		for _, c := range d.Compounds {
			fc.Append(geojson.NewFeature(c.Boundary))
			for _, b := range c.Buildings {
				fc.Append(geojson.NewFeature(b.Footprint))
			}
		}
		for _, f := range d.Facilities {
			fc.Append(geojson.NewFeature(f.Location))
		}
		geom, _ := json.Marshal(fc)
		model, _ := json.Marshal(d)
		return string(geom) + string(model)
	}
	a, b, c := enc(1), enc(1), enc(2)
	if a != b {
		t.Error("the same seed gave two cities")
	}
	if a == c {
		t.Error("two seeds gave one city")
	}
}

func TestCitySizes(t *testing.T) {
	for _, s := range []Sizes{
		{Compounds: -1},
		{Compounds: MaxCompounds + 1},
		{Compounds: 1, BuildingsPerCompound: 11},
		{Compounds: 1, Rosters: 2},
		{Compounds: 1, Holes: 1.5},
		{Compounds: 1, Facilities: 3, Kinds: []renovation.FacilityKind{}},
	} {
		if _, err := City(1, s); err == nil {
			t.Errorf("sizes %+v accepted", s)
		}
	}
	d, err := City(1, Sizes{})
	if err != nil || len(d.Compounds) != 0 {
		t.Errorf("empty city: %v", err)
	}
}
