package load

import "fmt"

// Notes says in words, one line each, what looks incomplete (Warnings) and what reading
// changed or left out: every property, column or value not read (Unread), every geometry
// repaired, every building the location join left out (overlapping two compounds about equally, or lying in none), and for
// OpenStreetMap the problems, features left out and tags the facility table does not map. A
// report to planners should carry them.
func (r *Report) Notes() []string {
	var notes []string
	notes = append(notes, r.Warnings...)
	for _, u := range r.Unread {
		notes = append(notes, u.String())
	}
	for _, l := range r.Layers {
		for _, rp := range l.Repairs {
			notes = append(notes, fmt.Sprintf("%s feature %d (id %q): repaired: %v", l.File, rp.Index, rp.ID, rp.Fixed))
		}
	}
	if j := r.Join; j != nil {
		for _, p := range j.Ambiguous {
			notes = append(notes, fmt.Sprintf("%s building %q (feature %d) overlaps %s and %s about equally (%.1f and %.1f m²): left out; give it a compound property",
				j.File, p.ID, p.Index, p.Candidates[0].CompoundID, p.Candidates[1].CompoundID, p.Candidates[0].Overlap, p.Candidates[1].Overlap))
		}
		for _, p := range j.Unassigned {
			notes = append(notes, fmt.Sprintf("%s building %q (feature %d) lies in no compound: left out", j.File, p.ID, p.Index))
		}
	}
	if o := r.OSM; o != nil {
		for _, p := range o.Problems {
			notes = append(notes, fmt.Sprintf("%s %s", o.File, p))
		}
		for _, l := range o.LeftOut {
			notes = append(notes, fmt.Sprintf("%s %s", o.File, l))
		}
		for _, u := range o.Unmapped {
			noun, verb := "features", "map"
			if u.Count == 1 {
				noun, verb = "feature", "maps"
			}
			notes = append(notes, fmt.Sprintf("OSM: %d %s tagged %s %s to no facility kind: left out", u.Count, noun, u.Tag, verb))
		}
	}
	return notes
}
