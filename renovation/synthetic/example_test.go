package synthetic_test

import (
	"fmt"

	"github.com/xiaoqu/xiaoqu/renovation/synthetic"
)

// A small city; synthetic.Benchmark() gives the issue's 10,000 compounds.
func ExampleCity() {
	s := synthetic.Benchmark()
	s.Compounds, s.Facilities, s.Rosters = 100, 200, 10
	d, err := synthetic.City(1, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	buildings, households := 0, 0
	for _, c := range d.Compounds {
		buildings += len(c.Buildings)
		for _, b := range c.Buildings {
			for _, u := range b.Units {
				households += len(u.Households)
			}
		}
	}
	fmt.Println(d.ID, len(d.Compounds), "compounds,", buildings, "buildings,", len(d.Facilities), "facilities,", len(d.Zones), "zones")
	fmt.Println(households > 0, d.Compounds[0].ID, d.Compounds[0].IsSynthetic("storeys"))
	// Output:
	// synthetic-1 100 compounds, 1000 buildings, 200 facilities, 4 zones
	// true C00001 true
}
