package network

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/xiaoqu/xiaoqu/geo/osm"
)

// TestFromOSMExtracts builds the graphs of the Haidian extracts from their XML and PBF copies:
// the two must be the same graph.
func TestFromOSMExtracts(t *testing.T) {
	for _, name := range []string{"beijing-qinghuadonglu-osm", "beijing-tsinghua-wudaokou-osm"} {
		t.Run(name, func(t *testing.T) {
			dir := sharedData(t, name)
			var stats []Stats
			for _, f := range []string{"map.osm", "map.osm.pbf"} {
				d, err := osm.ReadFile(filepath.Join(dir, f), nil)
				if err != nil {
					t.Fatal(err)
				}
				g, err := FromOSM(d, nil)
				if err != nil {
					t.Fatal(err)
				}
				stats = append(stats, g.Stats())
				t.Logf("%s: %+v", f, g.Stats())
			}
			if d := cmp.Diff(stats[0], stats[1], cmpopts.EquateApprox(0, 1e-9)); d != "" {
				t.Errorf("XML and PBF graphs differ (-xml +pbf):\n%s", d)
			}
		})
	}
}
