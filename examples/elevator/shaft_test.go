package main

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
)

// TestShaftJSON: with the building geometry, -json keeps every key of the cost result and
// adds shaft {fits, reasons}, sunlight and neighbour_compensation; the result's own values
// are those of the run without geometry when no compensation is due.
func TestShaftJSON(t *testing.T) {
	geo := []string{"-buildings", "testdata/buildings.geojson", "-building", "A", "-unit", "2", "-units", "3"}
	plain, plainBytes := runJSON(t)
	with, withBytes := runJSON(t, geo...)
	if with.TotalFen != plain.TotalFen || len(with.Households) != len(plain.Households) {
		t.Errorf("with geometry: total %d, %d households; without %d, %d", with.TotalFen, len(with.Households), plain.TotalFen, len(plain.Households))
	}
	var a, b map[string]json.RawMessage
	if err := json.Unmarshal(plainBytes, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(withBytes, &b); err != nil {
		t.Fatal(err)
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			t.Errorf("key %q changed with geometry", k)
		}
	}
	var shaft struct {
		Fits    *bool    `json:"fits"`
		Reasons []string `json:"reasons"`
	}
	if err := json.Unmarshal(b["shaft"], &shaft); err != nil || shaft.Fits == nil || !*shaft.Fits || len(shaft.Reasons) == 0 {
		t.Errorf("shaft %s: %v", b["shaft"], err)
	}
	var sl []map[string]any
	if err := json.Unmarshal(b["sunlight"], &sl); err != nil || len(sl) == 0 {
		t.Fatalf("sunlight %s: %v", b["sunlight"], err)
	}
	var keys []string
	for k := range sl[0] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"building", "household", "minutes_after", "minutes_before", "standard_minutes"}; !slices.Equal(keys, want) {
		t.Errorf("sunlight keys %v, want %v", keys, want)
	}
	for _, l := range sl {
		if l["building"] != "B" || l["minutes_after"].(float64) >= l["minutes_before"].(float64) {
			t.Errorf("loss %v", l)
		}
	}
	// The table names the shaft and the losses.
	var out bytes.Buffer
	if code := run(geo, &out, io.Discard); code != 0 || !strings.Contains(out.String(), "shaft (18.9 m high): fits") || !strings.Contains(out.String(), "building B unit") {
		t.Errorf("table: exit %d\n%s", code, out.String())
	}
}

func TestShaftErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-buildings", "testdata/buildings.geojson"}, 2, "-buildings and -building go together"},
		{[]string{"-buildings", "testdata/buildings.geojson", "-building", "Z"}, 1, `no building with id "Z"`},
		{[]string{"-buildings", "testdata/buildings.geojson", "-building", "A", "-unit", "4", "-units", "3"}, 1, "-unit 4 of -units 3"},
		{[]string{"-buildings", "testdata/missing.geojson", "-building", "A"}, 1, "missing.geojson"},
	} {
		var errb bytes.Buffer
		if code := run(c.args, io.Discard, &errb); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errb.String(), c.code, c.want)
		}
	}
}
