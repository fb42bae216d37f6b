package renovation_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// BenchmarkPlanElevatorsLujiazui plans every candidate stairwell of the Lujiazui sample (545
// stairwells, 6,528 households) with seeded synthetic ballots.
func BenchmarkPlanElevatorsLujiazui(b *testing.B) {
	d, o := samplePlanOptions(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renovation.PlanElevators(context.Background(), d, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanElevators10k plans a synthetic district of 10,000 stairwells of 12 households
// (100 compounds × 50 six-storey buildings × 2 units), with seeded synthetic ballots.
func BenchmarkPlanElevators10k(b *testing.B) {
	d := &renovation.District{ID: "synthetic"}
	for c := range 100 {
		comp := renovation.Compound{ID: fmt.Sprint("c", c), BuiltYear: 1990}
		for k := range 50 {
			bl := renovation.Building{ID: fmt.Sprint(k + 1), Storeys: 6}
			for u := range 2 {
				unit := stairwell12(fmt.Sprint(u + 1))
				for i := range unit.Households {
					unit.Households[i].OwnerID = fmt.Sprintf("%s-%d-%s", comp.ID, k, unit.Households[i].OwnerID)
				}
				bl.Units = append(bl.Units, unit)
			}
			comp.Buildings = append(comp.Buildings, bl)
		}
		d.Compounds = append(d.Compounds, comp)
	}
	o := renovation.ElevatorPlanOptions{Scheme: illustrativeScheme(), Stairwells: sampleBallots(d, 1)}
	if n := len(renovation.ElevatorCandidates(d)); n != 10000 {
		b.Fatalf("%d stairwells", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renovation.PlanElevators(context.Background(), d, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEstimateProgrammeLujiazui budgets the twelve eligible compounds of the Lujiazui
// sample with the illustrative catalogue and funding plan.
func BenchmarkEstimateProgrammeLujiazui(b *testing.B) {
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		b.Fatal(err)
	}
	o := renovation.ProgrammeOptions{Catalogue: illustrativeCatalogue(), Funding: illustrativeFunding()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renovation.EstimateProgramme(context.Background(), d, o); err != nil {
			b.Fatal(err)
		}
	}
}
