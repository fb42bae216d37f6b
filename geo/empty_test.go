package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestIsEmpty(t *testing.T) {
	tests := []struct {
		g    orb.Geometry
		want bool
	}{
		{nil, true}, {orb.Point{}, false}, {orb.Bound{}, false}, {orb.MultiPoint{}, true}, {orb.LineString{{1, 2}}, false},
		{orb.Polygon{{}, {}}, true}, {orb.MultiPolygon{{}, {{}}}, true}, {orb.MultiPolygon{{{{1, 2}}}}, false},
		{orb.Collection{orb.MultiPoint{}, orb.Collection{}}, true}, {orb.Collection{orb.LineString{}, orb.Point{}}, false},
		{orb.MultiLineString{{}, {{0, 0}}}, false}, {orb.Ring{}, true},
	}
	for _, tc := range tests {
		if got := IsEmpty(tc.g); got != tc.want {
			t.Errorf("IsEmpty(%#v) = %v, want %v", tc.g, got, tc.want)
		}
	}
}
