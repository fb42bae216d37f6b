package renovation

import "github.com/xiaoqu/xiaoqu/survey"

// ElderlyAge is the age from which a resident counts as elderly (老年人) in HouseholdCounts:
// 60, as the Law on the Protection of the Rights and Interests of the Elderly (老年人权益保障法,
// Art. 2) defines it.
const ElderlyAge = 60

// HouseholdCounts is what a roster says of a compound: how many buildings, stairwells,
// dwellings and people, and how the dwellings are lived in.
type HouseholdCounts struct {
	Buildings  int `json:"buildings"`
	Units      int `json:"units"`
	Households int `json:"households"`
	Residents  int `json:"residents"`
	// ExclusiveArea is the sum of the households' exclusive areas, exact in 0.01 m².
	ExclusiveArea survey.Area `json:"exclusive_area_m2"`
	// ByTenure counts households by tenure; tenures with no household are absent.
	ByTenure map[Tenure]int `json:"by_tenure"`
	// WithElderly counts households whose oldest resident is ElderlyAge or older.
	WithElderly int `json:"with_elderly"`
	// Synthetic counts households whose record was generated rather than surveyed.
	Synthetic int `json:"synthetic"`
}

// CountHouseholds counts the buildings, units, households and residents of compound c.
func CountHouseholds(c *Compound) HouseholdCounts {
	n := HouseholdCounts{Buildings: len(c.Buildings), ByTenure: map[Tenure]int{}}
	for i := range c.Buildings {
		n.Units += len(c.Buildings[i].Units)
	}
	c.Households(func(_ *Building, _ *Unit, h *Household) bool {
		n.Households++
		n.Residents += h.Residents
		n.ExclusiveArea += h.Area
		n.ByTenure[h.Tenure]++
		if h.OldestAge >= ElderlyAge {
			n.WithElderly++
		}
		if h.Synthetic {
			n.Synthetic++
		}
		return true
	})
	return n
}

// Add adds the counts of o to n, for district totals.
func (n *HouseholdCounts) Add(o HouseholdCounts) {
	n.Buildings += o.Buildings
	n.Units += o.Units
	n.Households += o.Households
	n.Residents += o.Residents
	n.ExclusiveArea += o.ExclusiveArea
	n.WithElderly += o.WithElderly
	n.Synthetic += o.Synthetic
	if n.ByTenure == nil {
		n.ByTenure = map[Tenure]int{}
	}
	for t, k := range o.ByTenure {
		n.ByTenure[t] += k
	}
}
