package roster_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/roster"
)

// A roster with Chinese headers, read and placed into a compound.
func ExampleReadCSV() {
	const csv = `户号,楼栋,单元,楼层,房号,建筑面积,业主,居住情况,人数
0101,3,1,1,101,56.30,O-1,人户合一,2
0102,3,1,1,102,48.75,O-2,出租,3
`
	r, err := roster.ReadCSV(strings.NewReader(csv), "roster.csv", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := renovation.District{Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村"}}}
	if err := r.Attach(&d, "c1"); err != nil {
		fmt.Println(err)
		return
	}
	n := renovation.CountHouseholds(&d.Compounds[0])
	fmt.Println(r.Encoding, n.Households, "households,", n.ExclusiveArea, "m²,", n.ByTenure[renovation.Rented], "rented")
	// Output: UTF-8 2 households, 105.05 m², 1 rented
}

// A roster with bad cells loads nothing and names every one.
func ExampleReadCSV_errors() {
	const csv = `户号,楼栋,单元,楼层,建筑面积
0101,3,1,一,56.30
0102,3,1,2,七十
`
	_, err := roster.ReadCSV(strings.NewReader(csv), "roster.csv", nil)
	var es roster.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Println(e)
		}
	}
	// Output:
	// roster.csv row 2 column 楼层: "一" is not a whole number
	// roster.csv row 3 column 建筑面积: invalid area: "七十" is not a number of square metres
}
