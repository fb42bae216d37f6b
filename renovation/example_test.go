package renovation_test

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// Validate reports every problem of a model at once, each with its path.
func ExampleDistrict_Validate() {
	site := orb.Polygon{{{121.5, 31.2}, {121.502, 31.2}, {121.502, 31.202}, {121.5, 31.202}, {121.5, 31.2}}}
	d := renovation.District{Name: "浦东", Compounds: []renovation.Compound{{
		ID: "c1", Name: "乳山二村", Boundary: site, BuiltYear: 1986,
		Buildings: []renovation.Building{{ID: "3", Storeys: 6, Units: []renovation.Unit{{
			ID: "2", Households: []renovation.Household{
				{ID: "0502", Floor: 7, Area: 5630, Residents: 2},
				{ID: "0601", Floor: 6, Area: 0, Tenure: renovation.Vacant, Residents: 1},
			},
		}}}},
	}}}
	err := d.Validate()
	var ve *renovation.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// district 浦东 / compound 乳山二村 / building 3 / unit 2 / household 0502: floor 7 exceeds 6 storeys
	// district 浦东 / compound 乳山二村 / building 3 / unit 2 / household 0601: exclusive area 0.00 m² is not positive
	// district 浦东 / compound 乳山二村 / building 3 / unit 2 / household 0601: vacant (空置) but 1 residents
}
