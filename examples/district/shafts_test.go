package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestShaftsJSON: on both samples every elevator plan carries shaft {fits, reasons} and
// sunlight [{household, building, minutes_before, minutes_after, standard_minutes}], exactly
// those keys, and two runs print the same bytes.
func TestShaftsJSON(t *testing.T) {
	for _, name := range []string{"lujiazui", "bupt"} {
		var outs [2]bytes.Buffer
		for k := range outs {
			if err := run(context.Background(), []string{"-sample", name, "-json", "-out", t.TempDir()}, &outs[k], io.Discard); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
			t.Errorf("%s: -json differs between two runs", name)
		}
		var v struct {
			Elevators struct {
				Plans []map[string]json.RawMessage `json:"plans"`
			} `json:"elevator_plans"`
		}
		if err := json.Unmarshal(outs[0].Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if len(v.Elevators.Plans) == 0 {
			t.Fatalf("%s: no plans", name)
		}
		losses := 0
		for i, p := range v.Elevators.Plans {
			var shaft map[string]json.RawMessage
			if err := json.Unmarshal(p["shaft"], &shaft); err != nil {
				t.Fatalf("%s plan %d: shaft %s: %v", name, i, p["shaft"], err)
			}
			if got := sortedKeys(shaft); !slices.Equal(got, []string{"fits", "reasons"}) {
				t.Fatalf("%s plan %d: shaft keys %v", name, i, got)
			}
			var reasons []string
			if err := json.Unmarshal(shaft["reasons"], &reasons); err != nil || len(reasons) == 0 {
				t.Errorf("%s plan %d: reasons %s", name, i, shaft["reasons"])
			}
			var sl []map[string]json.RawMessage
			if err := json.Unmarshal(p["sunlight"], &sl); err != nil || sl == nil {
				t.Fatalf("%s plan %d: sunlight %s: %v", name, i, p["sunlight"], err)
			}
			for _, l := range sl {
				losses++
				if got := sortedKeys(l); !slices.Equal(got, []string{"building", "household", "minutes_after", "minutes_before", "standard_minutes"}) {
					t.Fatalf("%s plan %d: sunlight keys %v", name, i, got)
				}
			}
		}
		if losses == 0 {
			t.Errorf("%s: no shaft takes anyone's sunlight", name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestShaftsReport: the report has the shaft table and the shaft map.
func TestShaftsReport(t *testing.T) {
	dir := sampleOutputs(t)
	raw, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	b := string(raw)
	for _, want := range []string{`data-sheet="井道与日照"`, `data-layer="shafts"`, `data-layer="shadows"`, `class="shaft"`, `class="shaft-shadow"`, "10:00 apparent solar time"} {
		if !strings.Contains(b, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}
