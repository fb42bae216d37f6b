package synthetic

import (
	"fmt"
	"math"
	"strconv"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
)

// householdIDs holds the door numbers "0101" … "1802" (floor, then 01 or 02), made once.
var householdIDs = func() [19][3]string {
	var ids [19][3]string
	for f := 1; f <= 18; f++ {
		for k := 1; k <= 2; k++ {
			ids[f][k] = fmt.Sprintf("%02d%02d", f, k)
		}
	}
	return ids
}()

var unitIDs = [...]string{"1", "2", "3", "4", "5", "6", "7", "8"}

// units makes the stairwells of a slab block length metres long: one per 15 m, two
// households a floor, each with an exclusive area of 45–95 m², 1–4 residents and, mostly,
// owners living in.
func (g *gen) units(length float64, storeys int) []renovation.Unit {
	n := min(len(unitIDs), max(1, int(math.Round(length/15))))
	us := make([]renovation.Unit, n)
	for u := range us {
		hs := make([]renovation.Household, 0, 2*storeys)
		for f := 1; f <= storeys; f++ {
			for k := 1; k <= 2; k++ {
				residents := 1 + g.rng.IntN(4)
				tenure := renovation.OwnerOccupied
				switch g.rng.IntN(10) {
				case 0:
					tenure = renovation.Rented
				case 1:
					tenure = renovation.Vacant
					residents = 0
				}
				h := renovation.Household{
					ID:         householdIDs[f][k],
					Floor:      f,
					Room:       strconv.Itoa(f*100 + k),
					Area:       survey.Area(4500 + g.rng.IntN(5001)),
					AreaSource: survey.SourceRegister,
					Status:     survey.Sold,
					Tenure:     tenure,
					Residents:  residents,
					Synthetic:  true,
				}
				if residents > 0 {
					h.OldestAge = 25 + g.rng.IntN(66)
				}
				hs = append(hs, h)
			}
		}
		us[u] = renovation.Unit{ID: unitIDs[u], Households: hs}
	}
	return us
}
