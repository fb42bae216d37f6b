package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/geo"
)

// withLayer returns args with the value of flag replaced by the one in from.
func withLayer(t *testing.T, args, from []string, flag string) []string {
	t.Helper()
	out := append([]string(nil), args...)
	for i := range out {
		if out[i] == flag {
			for j := range from {
				if from[j] == flag {
					out[i+1] = from[j+1]
					return out
				}
			}
		}
	}
	t.Fatalf("no %s in %q or %q", flag, args, from)
	return nil
}

// TestLayerCRS: compounds, buildings and green in GCJ-02 beside facilities in WGS84 (issue
// 12's case) read with -crs gcj02 -layer-crs facilities=wgs84 give the all-WGS84 numbers;
// with -crs gcj02 alone the facilities are hundreds of metres off and the numbers differ.
func TestLayerCRS(t *testing.T) {
	var want, got, wrong output
	if err := json.Unmarshal(runOK(t, append(fixture(t, geo.WGS84), "-json")...), &want); err != nil {
		t.Fatal(err)
	}
	mixed := withLayer(t, fixture(t, geo.GCJ02), fixture(t, geo.WGS84), "-facilities")
	if err := json.Unmarshal(runOK(t, append(mixed, "-crs", "gcj02", "-layer-crs", "facilities=wgs84", "-json")...), &got); err != nil {
		t.Fatal(err)
	}
	opt := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Abs(b)+1e-9 })
	if diff := cmp.Diff(want, got, opt); diff != "" {
		t.Errorf("-layer-crs facilities=wgs84 (-wgs84 +mixed):\n%s", diff)
	}
	if err := json.Unmarshal(runOK(t, append(mixed, "-crs", "gcj02", "-json")...), &wrong); err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(want, wrong, opt) {
		t.Error("the mixed fixture read with one -crs gives the right numbers: the test proves nothing")
	}
}

// TestLayerCRSFlag: a bad -layer-crs is a bad flag (errUsage) with a message naming the
// problem.
func TestLayerCRSFlag(t *testing.T) {
	args := fixture(t, geo.WGS84)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{append(args, "-layer-crs", "facility=wgs84"), `"facility" is not a layer role`},
		{append(args, "-layer-crs", "facilities=mars"), `"facilities=mars"`},
		{append(args, "-layer-crs", "facilities"), `"facilities" is not ROLE=CRS`},
		{append(args, "-layer-crs", "zones=wgs84"), "reads no zones layer"},
		{[]string{"-compounds", args[1], "-layer-crs", "buildings=gcj02"}, "names the buildings layer, but no -buildings file is given"},
	} {
		var out, errOut bytes.Buffer
		err := run(c.args, &out, &errOut)
		if !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "-layer-crs: ") || !strings.Contains(errOut.String(), c.msg) {
			t.Errorf("%q: %v, stderr %q, want a usage error with %q", c.args[len(c.args)-1], err, errOut.String(), c.msg)
		}
	}
}
