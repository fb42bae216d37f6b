package osm

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestFeaturesAgainstCounts checks the features of each extract against the counts its
// SOURCE.md and counts.json state (made independently, with osmium and a script).
func TestFeaturesAgainstCounts(t *testing.T) {
	for _, name := range extracts {
		d, err := ReadFile(extract(t, name, "map.osm.pbf"), nil)
		if err != nil {
			t.Fatal(err)
		}
		var counts struct {
			NodeBarrier   map[string]int `json:"node_barrier"`
			NodeEntrance  map[string]int `json:"node_entrance"`
			Residential   int            `json:"landuse_residential_ways"`
			ResidentialNm []string       `json:"landuse_residential_named"`
			Buildings     int            `json:"buildings"`
			Relations     map[string]int `json:"relations"`
		}
		b, err := os.ReadFile(extract(t, name, "counts.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &counts); err != nil {
			t.Fatal(err)
		}
		f := d.Features()
		landuse, named := 0, []string{}
		for _, r := range f.Residential {
			if r.Element == TypeWay && r.Tags["landuse"] == "residential" {
				landuse++
				if r.Name != "" {
					named = append(named, r.Name)
				}
			}
		}
		if landuse != counts.Residential {
			t.Errorf("%s: %d landuse=residential ways, counts.json says %d", name, landuse, counts.Residential)
		}
		slices.Sort(named)
		slices.Sort(counts.ResidentialNm)
		if !slices.Equal(named, counts.ResidentialNm) {
			t.Errorf("%s: named residential %v, counts.json %v", name, named, counts.ResidentialNm)
		}
		buildingWays := 0
		for _, b := range f.Buildings {
			if b.Element == TypeWay {
				buildingWays++
			}
		}
		if buildingWays != counts.Buildings {
			t.Errorf("%s: %d building ways, counts.json says %d", name, buildingWays, counts.Buildings)
		}
		wantGates := counts.NodeBarrier["gate"] + counts.NodeBarrier["lift_gate"] + counts.NodeBarrier["entrance"]
		both := 0
		for _, g := range f.Gates {
			if _, e := g.Tags["entrance"]; e && isGate(map[string]string{"barrier": g.Tags["barrier"]}) {
				both++
			}
		}
		for _, n := range counts.NodeEntrance {
			wantGates += n
		}
		if len(f.Gates) != wantGates-both {
			t.Errorf("%s: %d gates, counts say %d (%d with both tags)", name, len(f.Gates), wantGates, both)
		}
		t.Logf("%s: %d residential, %d buildings, %d amenities, %d gates, %d problems", name, len(f.Residential), len(f.Buildings), len(f.Amenities), len(f.Gates), len(f.Problems))
		for _, p := range f.Problems {
			t.Log(p)
		}
	}
}
