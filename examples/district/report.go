package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xiaoqu/xiaoqu/examples/internal/texttable"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// report is what the example prints.
type report struct {
	District    string                     `json:"district"`
	Attribution string                     `json:"attribution,omitempty"`
	Compounds   []compoundLine             `json:"compounds"`
	Total       renovation.HouseholdCounts `json:"total"`
}

type compoundLine struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	BuiltYear          int    `json:"built_year,omitempty"`
	BuiltYearSynthetic bool   `json:"built_year_synthetic,omitempty"`
	renovation.HouseholdCounts
}

func summarise(d *renovation.District) report {
	r := report{District: d.Name, Attribution: d.Attribution}
	for i := range d.Compounds {
		c := &d.Compounds[i]
		n := renovation.CountHouseholds(c)
		r.Compounds = append(r.Compounds, compoundLine{ID: c.ID, Name: c.Label(), BuiltYear: c.BuiltYear,
			BuiltYearSynthetic: c.BuiltYear != 0 && c.IsSynthetic("built_year"), HouseholdCounts: n})
		r.Total.Add(n)
	}
	return r
}

func (r report) write(w io.Writer) error {
	fmt.Fprintf(w, "%s — %d compounds\n\n", r.District, len(r.Compounds))
	tenures := []renovation.Tenure{renovation.OwnerOccupied, renovation.Rented, renovation.RegisteredElsewhere, renovation.NoRegisteredResident, renovation.Vacant}
	t := texttable.Table{
		Header: []string{"小区 compound", "建成 built", "楼栋 bldgs", "单元 units", "户 households", "人 residents", "住宅面积 m²"},
		Right:  map[int]bool{},
	}
	for _, tn := range tenures {
		t.Header = append(t.Header, tn.Chinese())
	}
	for i := 1; i < len(t.Header); i++ {
		t.Right[i] = true
	}
	row := func(name, built string, n renovation.HouseholdCounts) {
		cells := []string{name, built, strconv.Itoa(n.Buildings), strconv.Itoa(n.Units), strconv.Itoa(n.Households),
			strconv.Itoa(n.Residents), n.ExclusiveArea.String()}
		for _, tn := range tenures {
			cells = append(cells, strconv.Itoa(n.ByTenure[tn]))
		}
		t.Add(cells...)
	}
	synthetic := false
	for _, c := range r.Compounds {
		built := "—"
		if c.BuiltYear != 0 {
			built = strconv.Itoa(c.BuiltYear)
			if c.BuiltYearSynthetic {
				built += "*"
				synthetic = true
			}
		}
		row(c.Name, built, c.HouseholdCounts)
	}
	row("合计 total", "", r.Total)
	if err := t.Write(w); err != nil {
		return err
	}
	if synthetic {
		fmt.Fprintln(w, "\n* generated value, not survey data (模拟数据)")
	}
	if r.Total.Synthetic > 0 {
		fmt.Fprintf(w, "%d of %d households come from a generated roster and are not real people.\n", r.Total.Synthetic, r.Total.Households)
	}
	if r.Attribution != "" {
		fmt.Fprintf(w, "Data: %s\n", r.Attribution)
	}
	return nil
}
