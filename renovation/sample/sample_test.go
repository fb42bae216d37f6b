package sample

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name                           string
		compounds, buildings, mapped   int // mapped: buildings whose footprint is real
		facilities, green, zones       int
		households                     int
		wantCompound, wantFacilityKind string
	}{
		{Lujiazui, 18, 156, 53, 113, 127, 2, 7072, "乳山二村", "kindergarten"},
		{BUPT, 3, 29, 29, 10, 0, 0, 1460, "北邮家属区（一）", "clinic"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Load(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Attribution, "© OpenStreetMap contributors") {
				t.Errorf("Attribution = %q", d.Attribution)
			}
			buildings, mapped, households, synthetic := 0, 0, 0, 0
			names := map[string]bool{}
			for _, c := range d.Compounds {
				names[c.Name] = true
				for _, b := range c.Buildings {
					buildings++
					if !b.IsSynthetic("footprint") {
						mapped++
					}
				}
				c.Households(func(_ *renovation.Building, _ *renovation.Unit, h *renovation.Household) bool {
					households++
					if h.Synthetic {
						synthetic++
					}
					return true
				})
			}
			got := []int{len(d.Compounds), buildings, mapped, len(d.Facilities), len(d.GreenSpaces), len(d.Zones), households}
			want := []int{tc.compounds, tc.buildings, tc.mapped, tc.facilities, tc.green, tc.zones, tc.households}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("counts (compounds, buildings, mapped, facilities, green, zones, households) = %v, want %v", got, want)
					break
				}
			}
			if synthetic != households {
				t.Errorf("%d of %d households are marked synthetic; every generated roster row must be", synthetic, households)
			}
			if !names[tc.wantCompound] {
				t.Errorf("no compound named %s", tc.wantCompound)
			}
			kinds := map[renovation.FacilityKind]bool{}
			for _, f := range d.Facilities {
				kinds[f.Kind] = true
			}
			if !kinds[renovation.FacilityKind(tc.wantFacilityKind)] {
				t.Errorf("no facility of kind %s", tc.wantFacilityKind)
			}
		})
	}
}

func TestUnknownSample(t *testing.T) {
	if _, err := Load("hangzhou"); err == nil || !strings.Contains(err.Error(), `no sample district "hangzhou"`) {
		t.Errorf("Load(hangzhou) = %v", err)
	}
}

// TestGenerated checks that the embedded files are what the generator makes now, so that a
// change to the generator cannot land without its data.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the samples")
	}
	out := t.TempDir()
	cmd := goRun(t, "./internal/gen", "-osm", "internal/gen/osm", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, b)
	}
	for _, name := range Names() {
		entries, err := os.ReadDir(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			want, err := os.ReadFile(filepath.Join(out, name, e.Name()))
			if err != nil {
				t.Fatalf("generator did not write %s/%s: %v", name, e.Name(), err)
			}
			got, _ := os.ReadFile(filepath.Join("data", name, e.Name()))
			if !bytes.Equal(got, want) {
				t.Errorf("data/%s/%s differs from the generator's output; run go generate", name, e.Name())
			}
		}
	}
}
