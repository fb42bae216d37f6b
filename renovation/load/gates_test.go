package load_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// TestGatesLayer: a planner's gates layer puts each gate in the compound it names, or in the
// one whose wall it stands on, and marks those compounds' exits as the planner's.
func TestGatesLayer(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	compounds := write("compounds.geojson", `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"id":"c1","name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[116.35,39.99],[116.351,39.99],[116.351,39.991],[116.35,39.991],[116.35,39.99]]]}},
		{"type":"Feature","properties":{"id":"c2","name":"乙"},"geometry":{"type":"Polygon","coordinates":[[[116.36,39.99],[116.361,39.99],[116.361,39.991],[116.36,39.991],[116.36,39.99]]]}}]}`)
	gates := write("gates.geojson", `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"id":"south","所属小区":"乙"},"geometry":{"type":"Point","coordinates":[116.3605,39.99]}},
		{"type":"Feature","properties":{"id":"east","vehicle":"yes"},"geometry":{"type":"Point","coordinates":[116.35101,39.9905]}}]}`)
	d, _, err := load.District(context.Background(), load.Options{Compounds: compounds, Gates: gates})
	if err != nil {
		t.Fatal(err)
	}
	if g := d.Compounds[0].Gates; len(g) != 1 || g[0].ID != "east" || !g[0].Vehicle || d.Compounds[0].Exit != renovation.ExitPlanner {
		t.Errorf("c1 gates %+v exit %q", g, d.Compounds[0].Exit)
	}
	if g := d.Compounds[1].Gates; len(g) != 1 || g[0].ID != "south" || d.Compounds[1].Exit != renovation.ExitPlanner {
		t.Errorf("c2 gates %+v exit %q", g, d.Compounds[1].Exit)
	}
	far := write("far.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Point","coordinates":[116.4,39.99]}}]}`)
	if _, _, err := load.District(context.Background(), load.Options{Compounds: compounds, Gates: far}); err == nil {
		t.Error("a gate near no compound: no error")
	}
}
