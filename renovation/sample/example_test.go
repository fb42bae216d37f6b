package sample_test

import (
	"fmt"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

func ExampleLoad() {
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := d.Compounds[3]
	n := renovation.CountHouseholds(&c)
	fmt.Printf("%s: %d buildings, %d households (synthetic roster: %v)\n", c.Name, n.Buildings, n.Households, n.Synthetic == n.Households)
	// Output: 乳山二村: 4 buildings, 180 households (synthetic roster: true)
}
