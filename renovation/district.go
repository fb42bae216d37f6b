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

// CompoundRefs indexes the compounds by the references layers and rosters use: a compound's ID,
// else its name. An ID beats another compound's name; among equal references the first
// compound wins. Build it once and look up many.
type CompoundRefs map[string]int

// CompoundRefs returns the index of d's compounds by ID and name.
func (d *District) CompoundRefs() CompoundRefs {
	refs := CompoundRefs{}
	for i := len(d.Compounds) - 1; i >= 0; i-- { // later first, so that earlier ones overwrite
		if n := d.Compounds[i].Name; n != "" {
			refs[n] = i
		}
	}
	for i := len(d.Compounds) - 1; i >= 0; i-- {
		refs[d.Compounds[i].ID] = i
	}
	return refs
}

// Find returns the index in District.Compounds of the compound ref names, and whether there
// is one; the empty reference names none.
func (r CompoundRefs) Find(ref string) (int, bool) {
	if ref == "" {
		return -1, false
	}
	i, ok := r[ref]
	return i, ok
}
