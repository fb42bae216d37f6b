package geojson

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

func TestRewind(t *testing.T) {
	ccw := orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}
	cw := orb.Ring{{0, 0}, {0, 4}, {4, 4}, {4, 0}, {0, 0}}
	holeCW := orb.Ring{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}
	holeCCW := orb.Ring{{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}}
	flat := orb.Ring{{0, 0}, {1, 1}, {2, 2}, {0, 0}}
	// Gauss-Krüger metres: precision must survive large offsets.
	gk := orb.Ring{{39500000, 4400000}, {39500000, 4400000.01}, {39500000.01, 4400000.01}, {39500000, 4400000}}
	tests := []struct {
		name string
		in   orb.Geometry
		want orb.Geometry
	}{
		{"ccw shell kept", orb.Polygon{ccw}, orb.Polygon{ccw}},
		{"cw shell reversed", orb.Polygon{cw}, orb.Polygon{ccw}},
		{"hole reversed to cw", orb.Polygon{ccw, holeCCW}, orb.Polygon{ccw, holeCW}},
		{"both wrong", orb.Polygon{cw, holeCCW}, orb.Polygon{ccw, holeCW}},
		{"zero-area ring kept", orb.Polygon{flat}, orb.Polygon{flat}},
		{"multipolygon", orb.MultiPolygon{{cw}, {ccw, holeCCW}}, orb.MultiPolygon{{ccw}, {ccw, holeCW}}},
		{"collection", orb.Collection{orb.Point{1, 2}, orb.Polygon{cw}}, orb.Collection{orb.Point{1, 2}, orb.Polygon{ccw}}},
		{"bare ring as shell", cw, ccw},
		{"projected clockwise", orb.Polygon{gk}, orb.Polygon{{{39500000, 4400000}, {39500000.01, 4400000.01}, {39500000, 4400000.01}, {39500000, 4400000}}}},
		{"line unchanged", orb.LineString{{0, 0}, {1, 1}}, orb.LineString{{0, 0}, {1, 1}}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, Rewind(tc.in)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	if diff := cmp.Diff(orb.Ring{{0, 0}, {0, 4}, {4, 4}, {4, 0}, {0, 0}}, cw); diff != "" {
		t.Errorf("Rewind modified its input:\n%s", diff)
	}
}
