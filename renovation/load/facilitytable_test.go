package load_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

func TestDefaultFacilityTable(t *testing.T) {
	tab, err := load.DefaultFacilityTable()
	if err != nil {
		t.Fatal(err)
	}
	known := renovation.FacilityKinds()
	for i, r := range tab.Rules {
		if !slices.Contains(known, r.Kind) {
			t.Errorf("rule %d: kind %q is not one of renovation's", i, r.Kind)
		}
	}
	for _, c := range []struct {
		tags map[string]string
		want renovation.FacilityKind
	}{
		{map[string]string{"amenity": "kindergarten"}, renovation.Kindergarten},
		{map[string]string{"amenity": "kindergarten", "name": "机关托儿所"}, renovation.Nursery},
		{map[string]string{"amenity": "school", "isced:level": "1"}, renovation.PrimarySchool},
		{map[string]string{"amenity": "school", "name": "清华附中"}, ""},
		{map[string]string{"amenity": "school", "name": "八一中学"}, renovation.MiddleSchool},
		{map[string]string{"amenity": "doctors"}, renovation.Clinic},
		{map[string]string{"amenity": "clinic"}, renovation.Clinic},
		{map[string]string{"healthcare": "hospital"}, renovation.Hospital},
		{map[string]string{"amenity": "social_facility", "social_facility:for": "senior"}, renovation.ElderlyCare},
		{map[string]string{"amenity": "social_facility", "social_facility:for": "homeless"}, ""},
		{map[string]string{"amenity": "marketplace"}, renovation.Market},
		{map[string]string{"shop": "supermarket"}, renovation.Supermarket},
		{map[string]string{"shop": "convenience;hairdresser"}, renovation.Convenience},
		{map[string]string{"leisure": "park"}, renovation.Park},
		{map[string]string{"highway": "bus_stop"}, renovation.BusStop},
		{map[string]string{"public_transport": "platform", "bus": "yes"}, renovation.BusStop},
		{map[string]string{"public_transport": "platform", "train": "yes"}, ""},
		{map[string]string{"railway": "station", "station": "subway"}, renovation.MetroStation},
		{map[string]string{"amenity": "parking"}, ""},
	} {
		got, rule, ok := tab.Kind(c.tags)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Kind(%v) = %q, %v; want %q", c.tags, got, ok, c.want)
		}
		if ok && !strings.HasPrefix(rule.Wiki, "https://wiki.openstreetmap.org/wiki/") {
			t.Errorf("Kind(%v): rule cites %q", c.tags, rule.Wiki)
		}
	}
}

func TestReadFacilityTable(t *testing.T) {
	tab, err := load.ReadFacilityTable(strings.NewReader("kind,match,wiki\n幼儿园,amenity=kindergarten;name~幼,https://wiki.openstreetmap.org/wiki/Tag:amenity%3Dkindergarten\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := &load.FacilityTable{Rules: []load.FacilityRule{{Kind: renovation.Kindergarten,
		Match: []load.TagCondition{{Key: "amenity", Op: '=', Value: "kindergarten"}, {Key: "name", Op: '~', Value: "幼"}},
		Wiki:  "https://wiki.openstreetmap.org/wiki/Tag:amenity%3Dkindergarten"}}}
	if diff := cmp.Diff(want, tab); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	for _, c := range []struct{ doc, want string }{
		{"kind,tags,wiki\n", "t.csv row 1: header"},
		{"kind,match,wiki\npark,leisure,https://wiki.openstreetmap.org/wiki/Key:leisure\n", "t.csv row 2 column match"},
		{"kind,match,wiki\npark,leisure=park,https://example.com/\n", "t.csv row 2 column wiki"},
		{"kind,match,wiki\n,leisure=park,https://wiki.openstreetmap.org/wiki/Key:leisure\n", "t.csv row 2 column kind"},
		{"kind,match,wiki\n", "t.csv: no rules"},
	} {
		if _, err := load.ReadFacilityTable(strings.NewReader(c.doc), "t.csv"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.doc, err, c.want)
		}
	}
}
