package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// extract returns a file of a shared OSM extract, or skips.
func extract(t *testing.T, dir, file string) string {
	t.Helper()
	for _, base := range []string{os.Getenv("XIAOQU_SHARED_DATA"), "../../../shared/data", "../../../../shared/data"} {
		if base == "" {
			continue
		}
		p := filepath.Join(base, dir, file)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("%s/%s not found (set XIAOQU_SHARED_DATA)", dir, file)
	return ""
}

func runOK(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(args, &out, &errOut); err != nil {
		t.Fatalf("walk %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// TestXMLAndPBFAgree: the XML and PBF copies of each extract give byte-identical output.
func TestXMLAndPBFAgree(t *testing.T) {
	for _, tc := range []struct{ dir, from, to string }{
		{"beijing-qinghuadonglu-osm", "5671538345,1360087400,10703743401", "1785650238,5770340687,10703769510,10703743401"},
		{"beijing-tsinghua-wudaokou-osm", "371156344,380418396,529544520", "494772207,937447504,937450951"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			xml := extract(t, tc.dir, "map.osm")
			pbf := extract(t, tc.dir, "map.osm.pbf")
			from := tc.from
			for _, q := range [][]string{{"-within", "1500"}, {"-within", "100000"}} {
				a, _ := runOK(t, append([]string{"-osm", xml, "-from", from, "-json"}, q...)...)
				b, _ := runOK(t, append([]string{"-osm", pbf, "-from", from, "-json"}, q...)...)
				if a != b {
					t.Errorf("%v: XML and PBF outputs differ:\n%s", q, cmp.Diff(a, b))
				}
				if len(a) < 100 {
					t.Errorf("%v: suspiciously short output %q", q, a)
				}
			}
			if tc.to != "" {
				a, _ := runOK(t, "-osm", xml, "-from", from, "-to", tc.to, "-json")
				b, _ := runOK(t, "-osm", pbf, "-from", from, "-to", tc.to, "-json")
				if a != b {
					t.Errorf("-to: XML and PBF outputs differ:\n%s", cmp.Diff(a, b))
				}
			}
		})
	}
}

// TestContract checks the JSON contract of the issue: keys, order, null for the unreachable.
func TestContract(t *testing.T) {
	xml := extract(t, "beijing-qinghuadonglu-osm", "map.osm")
	// 10703743401 is a lift gate in another component than 石科院北门.
	out, _ := runOK(t, "-osm", xml, "-from", "5671538345", "-to", "10703743401,1360087400,5671538345", "-json")
	var got struct {
		Nodes []map[string]any `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Nodes) != 3 {
		t.Fatalf("%d nodes, want 3:\n%s", len(got.Nodes), out)
	}
	ids := []float64{got.Nodes[0]["node"].(float64), got.Nodes[1]["node"].(float64), got.Nodes[2]["node"].(float64)}
	if d := cmp.Diff([]float64{1360087400, 5671538345, 10703743401}, ids); d != "" {
		t.Errorf("nodes not sorted by id (-want +got):\n%s", d)
	}
	if got.Nodes[1]["metres"] != 0.0 || got.Nodes[1]["source"] != 5671538345.0 {
		t.Errorf("the source itself: %v, want 0 m from itself", got.Nodes[1])
	}
	if m, ok := got.Nodes[2]["metres"]; !ok || m != nil {
		t.Errorf("unreachable node: metres %v (present %v), want null", m, ok)
	}
	if _, ok := got.Nodes[2]["source"]; ok {
		t.Errorf("unreachable node has a source: %v", got.Nodes[2])
	}
	if m, _ := got.Nodes[0]["metres"].(float64); m <= 0 {
		t.Errorf("node 1360087400: %v m", got.Nodes[0]["metres"])
	}
}

func TestCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-h"}, &out, &errOut); err != nil {
		t.Errorf("-h: %v, want exit 0", err)
	}
	out.Reset()
	if err := run(nil, &out, &errOut); err != nil {
		t.Fatalf("no flags: %v", err)
	}
	if !strings.Contains(out.String(), "embedded sample") || !strings.Contains(out.String(), "© OpenStreetMap contributors") {
		t.Errorf("no flags: the output does not say it runs on the embedded sample:\n%s", out.String())
	}
	xml := extract(t, "beijing-qinghuadonglu-osm", "map.osm")
	for _, tc := range []struct {
		args []string
		want string // in the error or on stderr
	}{
		{[]string{"-osm", xml, "-from", "1", "-within", "10"}, "node 1 is not on a walkable way"},
		{[]string{"-osm", xml, "-from", "5671538345", "-to", "2"}, "node 2 is not on a walkable way"},
		{[]string{"-osm", xml, "-from", "5671538345"}, "-to"},
		{[]string{"-osm", xml, "-from", "5671538345", "-to", "1", "-within", "3"}, "not both"},
		{[]string{"-osm", xml, "-from", "x"}, "not an OSM node id"},
		{[]string{"-osm", xml, "-from", "5671538345", "-within", "-3"}, "at least 0"},
		{[]string{"-osm", "does-not-exist.osm", "-from", "1", "-within", "3"}, "does-not-exist.osm"},
	} {
		var out, errOut bytes.Buffer
		err := run(tc.args, &out, &errOut)
		if err == nil {
			t.Errorf("%v: no error", tc.args)
			continue
		}
		msg := errOut.String()
		if !errors.Is(err, errUsage) {
			msg += err.Error()
		}
		if !strings.Contains(msg, tc.want) {
			t.Errorf("%v: %q does not say %q", tc.args, msg, tc.want)
		}
	}
}

// TestCompounds: -osm without -from answers the walking life circles of the extract's
// residential areas, exactly the keys of the contract, the same from XML and PBF, and never
// shorter on foot than in a straight line.
func TestCompounds(t *testing.T) {
	rungs := map[string]bool{"planner": true, "osm_gate": true, "opening": true, "nearest_street": true, "none": true}
	for _, dir := range []string{"beijing-qinghuadonglu-osm", "beijing-tsinghua-wudaokou-osm"} {
		t.Run(dir, func(t *testing.T) {
			a, _ := runOK(t, "-osm", extract(t, dir, "map.osm"))
			b, _ := runOK(t, "-osm", extract(t, dir, "map.osm.pbf"))
			if a != b {
				t.Errorf("XML and PBF outputs differ:\n%s", cmp.Diff(a, b))
			}
			var top map[string][]map[string]json.RawMessage
			if err := json.Unmarshal([]byte(a), &top); err != nil {
				t.Fatal(err)
			}
			if len(top) != 1 || len(top["compounds"]) < 3 {
				t.Fatalf("want {\"compounds\": [...]} with several compounds, got %d keys, %d compounds", len(top), len(top["compounds"]))
			}
			withGates, walked := 0, 0
			for _, c := range top["compounds"] {
				var keys []string
				for k := range c {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				if d := cmp.Diff([]string{"exit", "facilities", "gates", "id", "name"}, keys); d != "" {
					t.Fatalf("compound keys (-want +got):\n%s", d)
				}
				var exit string
				var gates []map[string]any
				var fac map[string]map[string]json.RawMessage
				if err := errors.Join(json.Unmarshal(c["exit"], &exit), json.Unmarshal(c["gates"], &gates), json.Unmarshal(c["facilities"], &fac)); err != nil {
					t.Fatal(err)
				}
				if !rungs[exit] {
					t.Errorf("%s: exit %q is not a rung of the ladder", c["id"], exit)
				}
				if len(gates) > 0 {
					withGates++
				}
				if len(fac) != 8 {
					t.Errorf("%s: %d facility kinds, want the 8 of the default radius table", c["id"], len(fac))
				}
				for kind, f := range fac {
					var fk []string
					for k := range f {
						fk = append(fk, k)
					}
					slices.Sort(fk)
					if d := cmp.Diff([]string{"covered", "straight_m", "walk_m"}, fk); d != "" {
						t.Fatalf("%s %s keys (-want +got):\n%s", c["id"], kind, d)
					}
					var walk, straight *float64
					var covered bool
					if err := errors.Join(json.Unmarshal(f["walk_m"], &walk), json.Unmarshal(f["straight_m"], &straight), json.Unmarshal(f["covered"], &covered)); err != nil {
						t.Fatal(err)
					}
					if walk != nil {
						walked++
						if straight == nil || *walk < *straight-1e-6 {
							t.Errorf("%s %s: walk %v m shorter than the straight line %v m", c["id"], kind, *walk, straight)
						}
					}
					if covered && walk == nil {
						t.Errorf("%s %s: covered with no walking distance", c["id"], kind)
					}
				}
			}
			if withGates == 0 || walked == 0 {
				t.Errorf("%d compounds with gates, %d walking distances: the answer says little", withGates, walked)
			}
		})
	}
}
