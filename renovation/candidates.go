package renovation

// MinElevatorStoreys is the fewest storeys above ground that qualify a building for an added
// elevator: 4, the common threshold of the local rules (Jinan Art. 2, Shenzhen 2018, Guizhou,
// Lu'an), basements excluded.
const MinElevatorStoreys = 4

// ElevatorCandidate reports whether the building could take an added elevator: it has
// MinElevatorStoreys or more storeys and no elevator. Which of its stairwells could is
// ElevatorCandidates' business (a stairwell may have one already).
func (b *Building) ElevatorCandidate() bool {
	return b.Storeys >= MinElevatorStoreys && !b.HasElevator
}

// StairwellCandidate is a stairwell that could take an added elevator (加装电梯): in a building
// of MinElevatorStoreys or more storeys, with no elevator in the building or the stairwell.
type StairwellCandidate struct {
	CompoundID string `json:"compound_id"`
	Compound   string `json:"compound"`
	BuildingID string `json:"building_id"`
	Building   string `json:"building"`
	// Unit is the stairwell's ID; empty when the building has no roster, so its stairwells are
	// not known.
	Unit    string `json:"unit,omitempty"`
	Storeys int    `json:"storeys"`
	// StoreysSynthetic reports that the building's storeys were generated, not surveyed.
	StoreysSynthetic bool `json:"storeys_synthetic,omitempty"`
	Households       int  `json:"households"`
	// AboveSecond counts households on the third floor and up, who gain most from an elevator.
	AboveSecond int `json:"above_second"`
	// WithElderly counts households whose oldest resident is ElderlyAge or older.
	WithElderly int `json:"with_elderly"`
}

// ElevatorCandidates lists every stairwell of the district that could take an added elevator,
// in model order. A building without units yields one candidate with an empty Unit.
func ElevatorCandidates(d *District) []StairwellCandidate {
	var out []StairwellCandidate
	for i := range d.Compounds {
		c := &d.Compounds[i]
		for j := range c.Buildings {
			b := &c.Buildings[j]
			if !b.ElevatorCandidate() {
				continue
			}
			base := StairwellCandidate{CompoundID: c.ID, Compound: c.Label(), BuildingID: b.ID, Building: b.Label(),
				Storeys: b.Storeys, StoreysSynthetic: b.IsSynthetic("storeys")}
			if len(b.Units) == 0 {
				out = append(out, base)
				continue
			}
			for k := range b.Units {
				u := &b.Units[k]
				if u.HasElevator {
					continue
				}
				s := base
				s.Unit = u.ID
				for _, h := range u.Households {
					s.Households++
					if h.Floor >= 3 {
						s.AboveSecond++
					}
					if h.OldestAge >= ElderlyAge {
						s.WithElderly++
					}
				}
				out = append(out, s)
			}
		}
	}
	return out
}
