package renovation

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb/geojson"
)

func TestGatesFromFeaturesAndPlace(t *testing.T) {
	d, _ := gateDistrict(t)
	for i := range d.Compounds {
		d.Compounds[i].Gates, d.Compounds[i].Exit = nil, ""
	}
	fc, err := geojson.UnmarshalFeatureCollection([]byte(`{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"id":"s","所属小区":"A","车辆":"是"},"geometry":{"type":"Point","coordinates":[` + coords(wat(50, 0)) + `]}},
		{"type":"Feature","properties":{"id":"n","hours":"06:00-22:00"},"geometry":{"type":"Point","coordinates":[` + coords(wat(1050, 102)) + `]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	gs, err := GatesFromFeatures("gates.geojson", fc.Features)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.PlaceGates("gates.geojson", gs, 0); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Compound, Gate, Hours string
		Vehicle               bool
		Exit                  ExitRung
	}
	var got []row
	for _, c := range d.Compounds {
		for _, g := range c.Gates {
			got = append(got, row{c.ID, g.ID, g.Hours, g.Vehicle, c.Exit})
		}
	}
	want := []row{{"A", "s", "", true, ExitPlanner}, {"B", "n", "06:00-22:00", false, ExitPlanner}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("placed gates (-want +got):\n%s", diff)
	}
	// A gate far from every compound, and one naming a compound the district lacks.
	bad := []GateFeature{{Gate: Gate{ID: "x", Point: wat(500, 500)}}, {Compound: "Z", Gate: Gate{ID: "y", Point: wat(0, 0)}}}
	err = d.PlaceGates("gates.geojson", bad, 0)
	var fe FeatureErrors
	if !errors.As(err, &fe) || len(fe) != 2 || fe[0].ID != "x" || fe[1].ID != "y" {
		t.Errorf("bad gates: %v", err)
	}
}

func coords(p [2]float64) string {
	b, _ := json.Marshal([]float64{p[0], p[1]})
	s := string(b)
	return s[1 : len(s)-1]
}

// FuzzGatesFromFeatures: any GeoJSON layer is read or refused, never a panic.
func FuzzGatesFromFeatures(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"s","compound":"A"},"geometry":{"type":"Point","coordinates":[116.3,39.9]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[null,{"type":"Feature","properties":{"pedestrian":7},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			return
		}
		gs, err := GatesFromFeatures("f", fc.Features)
		if err != nil {
			return
		}
		d := &District{Compounds: []Compound{walledSquare("A", 0, 50, 1)}}
		_ = d.PlaceGates("f", gs, 0)
	})
}
