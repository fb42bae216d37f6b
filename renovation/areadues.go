package renovation

import (
	"fmt"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/survey"
)

// HouseholdRef is the key a compound-wide fee collection uses for a household: building,
// unit and household ID joined by "-", e.g. "1-2-0502".
func HouseholdRef(b *Building, u *Unit, h *Household) string {
	return b.ID + "-" + u.ID + "-" + h.ID
}

// AreaDues shares a fee over every household of compound c by exclusive floor area (larger
// flats paying more), as a connection fee such as 康华小区's 70万元 for piped gas is shared:
// budget.Apportion's largest remainder, so the dues sum to total exactly to the fen, each is
// within one fen of total × area / Σ area, and a larger flat never pays less. The dues are in
// roster order, keyed by HouseholdRef, ready for a survey.Collection.
//
// Errors: a negative total, no household or every area zero (budget's errors, naming the
// compound), a repeated household key.
func AreaDues(c *Compound, total budget.Money) ([]survey.Due, error) {
	var refs []string
	var weights []budget.Weight
	seen := map[string]bool{}
	var stop error
	c.Households(func(b *Building, u *Unit, h *Household) bool {
		ref := HouseholdRef(b, u, h)
		if seen[ref] {
			stop = fmt.Errorf("compound %s: household %s listed twice", c.Label(), ref)
			return false
		}
		if h.Area < 0 {
			stop = fmt.Errorf("compound %s: household %s has a negative area %s m²", c.Label(), ref, h.Area)
			return false
		}
		seen[ref] = true
		refs = append(refs, ref)
		weights = append(weights, areaWeight(h.Area))
		return true
	})
	if stop != nil {
		return nil, stop
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("compound %s: no household to share %s yuan over", c.Label(), total)
	}
	shares, err := budget.Apportion(total, weights)
	if err != nil {
		return nil, fmt.Errorf("compound %s: sharing %s yuan by floor area: %w", c.Label(), total, err)
	}
	dues := make([]survey.Due, len(refs))
	for i, ref := range refs {
		dues[i] = survey.Due{Household: ref, AmountFen: int64(shares[i])}
	}
	return dues, nil
}
