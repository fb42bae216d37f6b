package renovation

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/geo/osm"
)

// haidian reads one of the Haidian extracts of the shared data folder (© OpenStreetMap
// contributors, ODbL 1.0) into a district of its residential areas and kindergartens, clinics
// and markets, and its walking network; the test skips when the file is not there (set
// XIAOQU_SHARED_DATA to the data folder).
func haidian(t *testing.T, name string) (*District, *osm.Data, *network.Graph) {
	t.Helper()
	var path string
	for _, dir := range []string{os.Getenv("XIAOQU_SHARED_DATA"), "../../shared/data", "../../../shared/data"} {
		if p := filepath.Join(dir, name, "map.osm"); dir != "" {
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	data, err := osm.ReadFile(path, nil)
	if err != nil {
		t.Skipf("extract %s not available: %v", name, err)
	}
	g, err := network.FromOSM(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	feats := data.Features()
	d := &District{}
	for _, r := range feats.Residential {
		d.Compounds = append(d.Compounds, Compound{ID: strconv.FormatInt(r.ID, 10), Name: r.Name, Boundary: r.Geometry})
	}
	kinds := map[string]FacilityKind{"kindergarten": Kindergarten, "hospital": Clinic, "clinic": Clinic, "doctors": Clinic, "marketplace": Market}
	for _, a := range feats.Amenities {
		if k, ok := kinds[a.Tags["amenity"]]; ok {
			d.Facilities = append(d.Facilities, Facility{ID: string(a.Element) + strconv.FormatInt(a.ID, 10), Kind: k, Location: a.Geometry})
		}
	}
	return d, data, g
}

// TestFindExitsHaidian climbs the exit ladder on the 清华东路 extract: few boundary crossings
// carry a gate node, so most compounds rest on the weak rungs — and walking is never shorter
// than the straight line.
func TestFindExitsHaidian(t *testing.T) {
	d, data, g := haidian(t, "beijing-qinghuadonglu-osm")
	counts, err := FindExits(d, data, g, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []ExitCount{{ExitPlanner, 0}, {ExitOSMGate, 2}, {ExitOpening, 4}, {ExitNearest, 4}}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("exit rungs (-want +got):\n%s", diff)
	}
	rep, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Metric: Walking, Network: g})
	if err != nil {
		t.Fatal(err)
	}
	longer := 0
	for _, c := range rep.Compounds {
		for _, fr := range c.Reach {
			if fr.Nearest != nil && fr.StraightLine != nil {
				if *fr.Nearest < *fr.StraightLine {
					t.Errorf("%s %s: walk %v < straight %v", c.ID, fr.Kind, *fr.Nearest, *fr.StraightLine)
				}
				if *fr.Nearest > *fr.StraightLine*1.5 {
					longer++
				}
			}
		}
	}
	if longer == 0 {
		t.Error("no compound walks more than 1.5× the straight line: the gates play no part")
	}
}
