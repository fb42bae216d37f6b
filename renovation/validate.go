package renovation

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Problem is one thing wrong with a model, found by Validate.
type Problem struct {
	// Path locates the record, outermost first, e.g.
	// ["compound 乳山二村", "building 3", "unit 2", "household 0502"].
	Path []string `json:"path"`
	// Field is the field at fault, e.g. "floor"; empty when the record as a whole is.
	Field string `json:"field,omitempty"`
	// Message says what is wrong, with the numbers, e.g. "floor 7 exceeds 6 storeys".
	Message string `json:"message"`
}

// String formats the problem as "compound 乳山二村 / building 3 / unit 2 / household 0502:
// floor 7 exceeds 6 storeys".
func (p Problem) String() string {
	if len(p.Path) == 0 {
		return p.Message
	}
	return strings.Join(p.Path, " / ") + ": " + p.Message
}

// ValidationError lists every problem Validate found, in the order of the model.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems, one per line after a count, the first 20 in full.
func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "1 problem: " + e.Problems[0].String()
	}
	return listErrors("problems", e.Problems)
}

// Error formats the problem as String does, so that a Problem can stand in a list of errors.
func (p Problem) Error() string { return p.String() }

// Limits of plausible values, used by Validate.
const (
	minBuiltYear = 1800
	maxBuiltYear = 2100
	maxStoreys   = 200
	maxAge       = 130
)

// problems collects problems under a path.
type problems struct {
	list []Problem
}

func (ps *problems) add(path []string, field, format string, args ...any) {
	ps.list = append(ps.list, Problem{Path: append([]string(nil), path...), Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps.list}
}

// Validate checks the district and everything in it and returns a *ValidationError listing
// every problem found, or nil. It checks that IDs are present and unique where they must be
// (compounds, facilities, green spaces and zones in the district; buildings in a compound;
// units in a building; households in a unit), that numbers are in range (built years, storeys,
// floors within the building's storeys, areas, residents, ages), that enumerations hold known
// values, and that geometries are of the right type with finite lon/lat in range.
func (d *District) Validate() error {
	var ps problems
	d.validate(&ps)
	return ps.err()
}

// Validate checks one compound as District.Validate does.
func (c *Compound) Validate() error {
	var ps problems
	c.validate(&ps, nil)
	return ps.err()
}

func (d *District) validate(ps *problems) {
	root := []string{"district " + labelOr(d.Name, d.ID)}
	if d.Name == "" && d.ID == "" {
		root = nil
	}
	seen := map[string]int{}
	for i := range d.Compounds {
		c := &d.Compounds[i]
		if c.ID != "" {
			if j, dup := seen[c.ID]; dup {
				ps.add(append(root, "compound "+c.Label()), "id", "duplicate compound ID %q (also compound %d)", c.ID, j+1)
			} else {
				seen[c.ID] = i
			}
		}
		c.validate(ps, root)
	}
	checkIDs(ps, root, "facility", len(d.Facilities), func(i int) (string, string) { return d.Facilities[i].ID, d.Facilities[i].Name })
	for i := range d.Facilities {
		f := &d.Facilities[i]
		path := append(root, "facility "+labelOr(f.Name, f.ID, fmt.Sprint(i+1)))
		if f.Kind == "" {
			ps.add(path, "kind", "facility kind is empty")
		}
		checkGeometry(ps, path, "location", f.Location, true, true)
	}
	checkIDs(ps, root, "green space", len(d.GreenSpaces), func(i int) (string, string) { return d.GreenSpaces[i].ID, d.GreenSpaces[i].Name })
	for i := range d.GreenSpaces {
		g := &d.GreenSpaces[i]
		checkGeometry(ps, append(root, "green space "+labelOr(g.Name, g.ID, fmt.Sprint(i+1))), "area", g.Area, false, true)
	}
	checkIDs(ps, root, "zone", len(d.Zones), func(i int) (string, string) { return d.Zones[i].ID, d.Zones[i].Name })
	for i := range d.Zones {
		z := &d.Zones[i]
		path := append(root, "zone "+labelOr(z.Name, z.ID, fmt.Sprint(i+1)))
		if z.Kind != ZoneScope && z.Kind != ZoneExclusion {
			ps.add(path, "kind", "zone kind %q is neither %q nor %q", z.Kind, ZoneScope, ZoneExclusion)
		}
		checkGeometry(ps, path, "boundary", z.Boundary, false, true)
	}
}

func (c *Compound) validate(ps *problems, parent []string) {
	path := append(append([]string(nil), parent...), "compound "+c.Label())
	if c.ID == "" {
		ps.add(path, "id", "compound has no ID")
	}
	checkYear(ps, path, c.BuiltYear)
	if c.SiteArea < 0 || math.IsNaN(c.SiteArea) || math.IsInf(c.SiteArea, 0) {
		ps.add(path, "site_area_m2", "site area %v m² is not a non-negative number", c.SiteArea)
	}
	checkGeometry(ps, path, "boundary", c.Boundary, false, false)
	seen := map[string]bool{}
	for i := range c.Buildings {
		b := &c.Buildings[i]
		bpath := append(path[:len(path):len(path)], "building "+labelOr(b.ID, fmt.Sprint(i+1)))
		switch {
		case b.ID == "":
			ps.add(bpath, "id", "building has no ID")
		case seen[b.ID]:
			ps.add(bpath, "id", "duplicate building ID %q", b.ID)
		}
		seen[b.ID] = true
		b.validate(ps, bpath)
	}
}

func (b *Building) validate(ps *problems, path []string) {
	if b.Storeys < 0 || b.Storeys > maxStoreys {
		ps.add(path, "storeys", "%d storeys is out of range 0–%d", b.Storeys, maxStoreys)
	}
	checkYear(ps, path, b.BuiltYear)
	if !b.Structure.known() {
		ps.add(path, "structure", "structure %q is not known", b.Structure)
	}
	if b.FloorArea < 0 || math.IsNaN(b.FloorArea) || math.IsInf(b.FloorArea, 0) {
		ps.add(path, "floor_area_m2", "floor area %v m² is not a non-negative number", b.FloorArea)
	}
	checkGeometry(ps, path, "footprint", b.Footprint, false, false)
	seenUnit := map[string]bool{}
	for i := range b.Units {
		u := &b.Units[i]
		upath := append(path[:len(path):len(path)], "unit "+labelOr(u.ID, fmt.Sprint(i+1)))
		switch {
		case u.ID == "":
			ps.add(upath, "id", "unit has no ID")
		case seenUnit[u.ID]:
			ps.add(upath, "id", "duplicate unit ID %q", u.ID)
		}
		seenUnit[u.ID] = true
		seenHH := map[string]bool{}
		for j := range u.Households {
			h := &u.Households[j]
			hpath := append(upath[:len(upath):len(upath)], "household "+labelOr(h.ID, fmt.Sprint(j+1)))
			switch {
			case h.ID == "":
				ps.add(hpath, "id", "household has no ID")
			case seenHH[h.ID]:
				ps.add(hpath, "id", "duplicate household ID %q in unit %s", h.ID, u.ID)
			}
			seenHH[h.ID] = true
			h.validate(ps, hpath, b.Storeys)
		}
	}
}

func (h *Household) validate(ps *problems, path []string, storeys int) {
	switch {
	case h.Floor < 1:
		ps.add(path, "floor", "floor %d is below the ground floor (1)", h.Floor)
	case storeys > 0 && h.Floor > storeys:
		ps.add(path, "floor", "floor %d exceeds %d storeys", h.Floor, storeys)
	}
	if h.Area <= 0 {
		ps.add(path, "area_m2", "exclusive area %s m² is not positive", h.Area)
	}
	if _, err := h.AreaSource.MarshalText(); err != nil {
		ps.add(path, "area_source", "area source %d is not known", int(h.AreaSource))
	}
	if _, err := h.Status.MarshalText(); err != nil {
		ps.add(path, "status", "status %d is not known", int(h.Status))
	}
	if !h.Tenure.valid() {
		ps.add(path, "tenure", "tenure %d is not known", int(h.Tenure))
	}
	if h.Residents < 0 {
		ps.add(path, "residents", "%d residents is negative", h.Residents)
	}
	if h.Tenure == Vacant && h.Residents > 0 {
		ps.add(path, "residents", "vacant (空置) but %d residents", h.Residents)
	}
	if h.OldestAge < 0 || h.OldestAge > maxAge {
		ps.add(path, "oldest_age", "oldest age %d is out of range 0–%d", h.OldestAge, maxAge)
	}
	if h.OldestAge > 0 && h.Residents == 0 {
		ps.add(path, "oldest_age", "oldest age %d given but no residents", h.OldestAge)
	}
}

func checkYear(ps *problems, path []string, year int) {
	if year != 0 && (year < minBuiltYear || year > maxBuiltYear) {
		ps.add(path, "built_year", "built year %d is out of range %d–%d", year, minBuiltYear, maxBuiltYear)
	}
}

// checkIDs reports empty and duplicate IDs among n records.
func checkIDs(ps *problems, path []string, what string, n int, at func(int) (id, name string)) {
	seen := map[string]bool{}
	for i := range n {
		id, name := at(i)
		p := append(path[:len(path):len(path)], what+" "+labelOr(name, id, fmt.Sprint(i+1)))
		switch {
		case id == "":
			ps.add(p, "id", "%s has no ID", what)
		case seen[id]:
			ps.add(p, "id", "duplicate %s ID %q", what, id)
		}
		seen[id] = true
	}
}

// checkGeometry checks that g is a polygon or multipolygon (or, when pointOK, a point) with
// finite lon/lat in range and closed rings of at least four positions. A nil geometry is a
// problem only when required. Finer checks (self-intersection, winding) are geo's.
func checkGeometry(ps *problems, path []string, field string, g orb.Geometry, pointOK, required bool) {
	if g == nil {
		if required {
			ps.add(path, field, "%s is missing", field)
		}
		return
	}
	var polys []orb.Polygon
	switch v := g.(type) {
	case orb.Point:
		if !pointOK {
			ps.add(path, field, "%s is a point; want a polygon or multipolygon", field)
			return
		}
		checkPosition(ps, path, field, v)
		return
	case orb.Polygon:
		polys = []orb.Polygon{v}
	case orb.MultiPolygon:
		polys = v
	default:
		want := "a polygon or multipolygon"
		if pointOK {
			want = "a point, polygon or multipolygon"
		}
		ps.add(path, field, "%s is a %s; want %s", field, g.GeoJSONType(), want)
		return
	}
	if len(polys) == 0 {
		ps.add(path, field, "%s is empty", field)
	}
	for pi, poly := range polys {
		if len(poly) == 0 {
			ps.add(path, field, "%s polygon %d has no rings", field, pi)
		}
		for ri, ring := range poly {
			if len(ring) < 4 {
				ps.add(path, field, "%s polygon %d ring %d has %d positions; a closed ring needs at least 4", field, pi, ri, len(ring))
				continue
			}
			finite := true
			for _, p := range ring {
				if !checkPosition(ps, path, field, p) {
					finite = false
					break // one report per ring is enough
				}
			}
			if finite && ring[0] != ring[len(ring)-1] {
				ps.add(path, field, "%s polygon %d ring %d is not closed: it starts at %v and ends at %v", field, pi, ri, ring[0], ring[len(ring)-1])
			}
		}
	}
}

func checkPosition(ps *problems, path []string, field string, p orb.Point) bool {
	lon, lat := p[0], p[1]
	switch {
	case math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0):
		ps.add(path, field, "%s has a non-finite coordinate %v", field, p)
	case lon < -180 || lon > 180 || lat < -90 || lat > 90:
		ps.add(path, field, "%s coordinate %v is outside lon −180…180, lat −90…90", field, p)
	default:
		return true
	}
	return false
}

func labelOr(choices ...string) string {
	for _, s := range choices {
		if s != "" {
			return s
		}
	}
	return "?"
}
