package renovation

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// square returns a closed counter-clockwise square of side d degrees at (lon, lat).
func square(lon, lat, d float64) orb.Polygon {
	return orb.Polygon{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}
}

// goodDistrict returns a small valid district: one compound, one 6-storey building with two
// units of two households each, a facility, a green space and a zone.
func goodDistrict() District {
	hh := func(id string, floor int) Household {
		return Household{ID: id, Floor: floor, Room: id, Area: 6050, OwnerID: "o" + id, Tenure: OwnerOccupied, Residents: 2, OldestAge: 70}
	}
	return District{
		ID: "d", Name: "浦东",
		Compounds: []Compound{{
			ID: "c1", Name: "乳山二村", Boundary: square(121.5, 31.2, 0.002), BuiltYear: 1986,
			Buildings: []Building{{
				ID: "3", Footprint: square(121.5005, 31.2005, 0.0003), Storeys: 6, Structure: StructureBrickConcrete,
				Units: []Unit{
					{ID: "1", Households: []Household{hh("0101", 1), hh("0601", 6)}},
					{ID: "2", Households: []Household{hh("0101", 1), hh("0502", 5)}},
				},
			}},
		}},
		Facilities:  []Facility{{ID: "f1", Name: "东昌幼儿园", Kind: Kindergarten, Location: orb.Point{121.509, 31.238}}},
		GreenSpaces: []GreenSpace{{ID: "g1", Area: square(121.501, 31.201, 0.0002)}},
		Zones:       []Zone{{ID: "z1", Kind: ZoneScope, Boundary: square(121.49, 31.19, 0.05)}},
	}
}

func TestValidateGood(t *testing.T) {
	d := goodDistrict()
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *District)
		want   []string
	}{
		{
			name:   "floor above storeys",
			mutate: func(d *District) { d.Compounds[0].Buildings[0].Units[1].Households[1].Floor = 7 },
			want:   []string{"district 浦东 / compound 乳山二村 / building 3 / unit 2 / household 0502: floor 7 exceeds 6 storeys"},
		},
		{
			name: "several problems at once",
			mutate: func(d *District) {
				u := &d.Compounds[0].Buildings[0].Units[0]
				u.Households[0].Floor = 0
				u.Households[1].Area = -5
				u.Households[1].ID = "0101"
				d.Compounds[0].BuiltYear = 19860
			},
			want: []string{
				"district 浦东 / compound 乳山二村: built year 19860 is out of range 1800–2100",
				"district 浦东 / compound 乳山二村 / building 3 / unit 1 / household 0101: floor 0 is below the ground floor (1)",
				`district 浦东 / compound 乳山二村 / building 3 / unit 1 / household 0101: duplicate household ID "0101" in unit 1`,
				"district 浦东 / compound 乳山二村 / building 3 / unit 1 / household 0101: exclusive area -0.05 m² is not positive",
			},
		},
		{
			name: "duplicate IDs at every level",
			mutate: func(d *District) {
				d.Compounds = append(d.Compounds, Compound{ID: "c1", Name: "崂山三村"})
				b := d.Compounds[0].Buildings[0]
				b.Units = nil
				d.Compounds[0].Buildings = append(d.Compounds[0].Buildings, b)
				d.Compounds[0].Buildings[0].Units = append(d.Compounds[0].Buildings[0].Units, Unit{ID: "1"})
				d.Facilities = append(d.Facilities, Facility{ID: "f1", Kind: Clinic, Location: orb.Point{121.5, 31.2}})
			},
			want: []string{
				`district 浦东 / compound 乳山二村 / building 3 / unit 1: duplicate unit ID "1"`,
				`district 浦东 / compound 乳山二村 / building 3: duplicate building ID "3"`,
				`district 浦东 / compound 崂山三村: duplicate compound ID "c1" (also compound 1)`,
				`district 浦东 / facility f1: duplicate facility ID "f1"`,
			},
		},
		{
			name: "household fields out of range",
			mutate: func(d *District) {
				h := &d.Compounds[0].Buildings[0].Units[0].Households[1]
				h.Tenure = Vacant
				h.Residents = 3
				h.OldestAge = 140
				h.Status = 9
			},
			want: []string{
				"district 浦东 / compound 乳山二村 / building 3 / unit 1 / household 0601: status 9 is not known",
				"district 浦东 / compound 乳山二村 / building 3 / unit 1 / household 0601: vacant (空置) but 3 residents",
				"district 浦东 / compound 乳山二村 / building 3 / unit 1 / household 0601: oldest age 140 is out of range 0–130",
			},
		},
		{
			name: "geometry",
			mutate: func(d *District) {
				d.Compounds[0].Boundary = orb.LineString{{121, 31}, {122, 31}}
				d.Compounds[0].Buildings[0].Footprint = orb.Polygon{{{121.5, 31.2}, {121.6, 31.2}, {121.6, 31.3}, {121.5, 31.3}}}
				d.Facilities[0].Location = nil
				d.GreenSpaces[0].Area = square(math.NaN(), 31.2, 0.001)
				d.Zones[0].Boundary = square(200, 31, 1)
				d.Zones[0].Kind = "buffer"
			},
			want: []string{
				"district 浦东 / compound 乳山二村: boundary is a LineString; want a polygon or multipolygon",
				"district 浦东 / compound 乳山二村 / building 3: footprint polygon 0 ring 0 is not closed: it starts at [121.5 31.2] and ends at [121.5 31.3]",
				"district 浦东 / facility 东昌幼儿园: location is missing",
				"district 浦东 / green space g1: area has a non-finite coordinate [NaN 31.2]",
				`district 浦东 / zone z1: zone kind "buffer" is neither "scope" nor "exclusion"`,
				"district 浦东 / zone z1: boundary coordinate [200 31] is outside lon −180…180, lat −90…90",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := goodDistrict()
			tc.mutate(&d)
			err := d.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("%d problem", len(tc.want))) {
				t.Errorf("Error() = %q does not start with the count %d", err.Error(), len(tc.want))
			}
		})
	}
}

func TestValidationErrorMessage(t *testing.T) {
	one := &ValidationError{Problems: []Problem{{Path: []string{"compound a"}, Message: "x"}}}
	if got, want := one.Error(), "1 problem: compound a: x"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	two := &ValidationError{Problems: []Problem{{Path: []string{"compound a"}, Message: "x"}, {Message: "y"}}}
	if got, want := two.Error(), "2 problems:\n  compound a: x\n  y"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestCompoundValidate(t *testing.T) {
	d := goodDistrict()
	c := d.Compounds[0]
	c.Buildings[0].Units[0].Households[0].Floor = 9
	err := c.Validate()
	if err == nil || err.Error() != "1 problem: compound 乳山二村 / building 3 / unit 1 / household 0101: floor 9 exceeds 6 storeys" {
		t.Errorf("Compound.Validate() = %v", err)
	}
}

// A long list prints the first 20 problems and counts the rest.
func TestValidationErrorCapped(t *testing.T) {
	var ve ValidationError
	for i := range 25 {
		ve.Problems = append(ve.Problems, Problem{Path: []string{fmt.Sprintf("household %d", i)}, Message: "x"})
	}
	msg := ve.Error()
	if !strings.HasPrefix(msg, "25 problems:\n  household 0: x") || !strings.HasSuffix(msg, "household 19: x\n  … and 5 more") {
		t.Errorf("Error() = %q", msg)
	}
}
