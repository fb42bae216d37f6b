package renovation

import "github.com/paulmach/orb"

// Compound is a residential compound (小区): the unit a renovation programme selects, surveys
// and funds.
type Compound struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Boundary is the compound's site as an orb.Polygon or orb.MultiPolygon in WGS84 lon/lat
	// degrees; nil when not mapped.
	Boundary orb.Geometry `json:"-"`
	// BuiltYear is the year the compound was completed (建成年份); 0 when unknown. The national
	// programme selects compounds completed by the end of 2000.
	BuiltYear int `json:"built_year,omitempty"`
	// Community is the residents' committee area (社区).
	Community string `json:"community,omitempty"`
	// Street is the sub-district (街道) whose office runs the work.
	Street string `json:"street,omitempty"`
	// District is the administrative district (区).
	District string `json:"district,omitempty"`
	// FieldOffice is the street office's working area (片区) the compound is counted under.
	FieldOffice string `json:"field_office,omitempty"`
	// PropertyUnit is the work unit that owns or manages the housing (产权单位), e.g. a railway
	// bureau or a university; empty for commodity housing.
	PropertyUnit string `json:"property_unit,omitempty"`
	// SiteArea is the surveyed site area in m² when known, 0 otherwise. Analyses use it in
	// preference to the boundary's geodesic area when it is given.
	SiteArea  float64    `json:"site_area_m2,omitempty"`
	Buildings []Building `json:"buildings,omitempty"`
	// Gates are the compound's exits, nil when none is known; Exit says how they were found
	// (planner, OSM gate nodes, openings; see ExitRung and FindExits), "" when not said.
	Gates []Gate   `json:"gates,omitempty"`
	Exit  ExitRung `json:"exit,omitempty"`
	// Synthetic names the fields whose values were generated rather than observed; "*" means
	// the whole record was generated. Empty for surveyed data.
	Synthetic []string `json:"synthetic,omitempty"`
}

// Label returns the compound's name, or its ID when it has no name: the word that identifies
// it in messages and reports.
func (c *Compound) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// Building returns the building with the given ID, or nil.
func (c *Compound) Building(id string) *Building {
	for i := range c.Buildings {
		if c.Buildings[i].ID == id {
			return &c.Buildings[i]
		}
	}
	return nil
}

// Households calls fn for every household of the compound, in building, unit and roster
// order, and stops early when fn returns false.
func (c *Compound) Households(fn func(b *Building, u *Unit, h *Household) bool) {
	for i := range c.Buildings {
		b := &c.Buildings[i]
		for j := range b.Units {
			u := &b.Units[j]
			for k := range u.Households {
				if !fn(b, u, &u.Households[k]) {
					return
				}
			}
		}
	}
}

// isSynthetic reports whether field, or the whole record ("*"), is listed as generated.
func isSynthetic(synthetic []string, field string) bool {
	for _, s := range synthetic {
		if s == "*" || s == field {
			return true
		}
	}
	return false
}

// IsSynthetic reports whether the named field of the compound, or the whole compound, was
// generated rather than observed.
func (c *Compound) IsSynthetic(field string) bool { return isSynthetic(c.Synthetic, field) }

// AddHousehold appends h to unit unitID of building buildingID, creating the building and the
// unit when the compound does not have them yet (a roster may arrive before the map). It
// returns the building, so callers can fill in what the roster knows of it.
func (c *Compound) AddHousehold(buildingID, unitID string, h Household) *Building {
	b := c.Building(buildingID)
	if b == nil {
		c.Buildings = append(c.Buildings, Building{ID: buildingID})
		b = &c.Buildings[len(c.Buildings)-1]
	}
	u := b.Unit(unitID)
	if u == nil {
		b.Units = append(b.Units, Unit{ID: unitID})
		u = &b.Units[len(b.Units)-1]
	}
	u.Households = append(u.Households, h)
	return b
}
