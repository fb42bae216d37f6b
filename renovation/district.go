package renovation

// District is the area a programme covers: an administrative district (区) or any set of
// compounds a planner works on together. It holds the compounds and, beside them, the
// facilities, green spaces and zones that analyses relate them to.
type District struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Attribution names the sources of the data and their licences, e.g.
	// "© OpenStreetMap contributors, ODbL". Outputs made from the district repeat it.
	Attribution string       `json:"attribution,omitempty"`
	Compounds   []Compound   `json:"compounds"`
	Facilities  []Facility   `json:"facilities,omitempty"`
	GreenSpaces []GreenSpace `json:"green_spaces,omitempty"`
	Zones       []Zone       `json:"zones,omitempty"`
}

// Compound returns the compound with the given ID, or nil.
func (d *District) Compound(id string) *Compound {
	for i := range d.Compounds {
		if d.Compounds[i].ID == id {
			return &d.Compounds[i]
		}
	}
	return nil
}
