package survey

import (
	"errors"
	"fmt"
	"slices"
)

// DeveloperBloc is the owner ID under which all of the developer's unsold and sold-but-
// undelivered parts are counted: SPC interpretation Art. 9 counts them together as one person.
// Ballots for the developer use this ID (or name one of its parts).
const DeveloperBloc = "建设单位"

// Part is an exclusive part (专有部分): a flat, a shop, a registrable parking space.
//
// Area is the exclusive area in 0.01 m² chosen by SPC interpretation Art. 8 (see
// AreaRecords.Choose) and AreaSource says which record it came from. Owner identifies the
// buyer; parts with the same Owner are counted as one person (Art. 9). Parts whose Status is
// Unsold or Undelivered count under DeveloperBloc whatever Owner says (for an undelivered
// part Owner names the buyer, kept for reference). Occupied marks a part that the works
// being decided occupy (for example an elevator shaft taking part of its balcony): its owner
// must agree whatever the majorities. Building and Unit are free scope labels; survey does
// not interpret them.
type Part struct {
	ID         string     `json:"id"`
	Owner      string     `json:"owner,omitempty"`
	Area       Area       `json:"area_m2"`
	AreaSource AreaSource `json:"area_source,omitempty"`
	Status     Status     `json:"status,omitempty"`
	Occupied   bool       `json:"occupied,omitempty"`
	Building   string     `json:"building,omitempty"`
	Unit       string     `json:"unit,omitempty"`
}

// CountedOwner returns the owner the part counts under for headcount (SPC interpretation
// Art. 9): DeveloperBloc for unsold and undelivered parts, otherwise Owner.
func (p Part) CountedOwner() string { return countedOwner(&p) }

func countedOwner(p *Part) string {
	if p.Status == Unsold || p.Status == Undelivered {
		return DeveloperBloc
	}
	return p.Owner
}

// ErrInvalidPart is wrapped by every PartError.
var ErrInvalidPart = errors.New("invalid part")

// PartError says what is wrong with one part of a roster: Index is its position (0-based) in
// the slice given, ID its identifier.
type PartError struct {
	Index  int
	ID     string
	Reason string
}

// Error returns `part N ("ID"): REASON`, N counting from 1.
func (e *PartError) Error() string {
	return fmt.Sprintf("part %d (%q): %s", e.Index+1, e.ID, e.Reason)
}

// Unwrap returns ErrInvalidPart.
func (e *PartError) Unwrap() error { return ErrInvalidPart }

// checkPart returns the reason the part cannot be counted, or "".
func checkPart(p *Part) string {
	switch {
	case p.ID == "":
		return "id is empty"
	case p.Area <= 0:
		return fmt.Sprintf("area %s m² is not positive", p.Area)
	case p.Status < Sold || p.Status > Undelivered:
		return fmt.Sprintf("status %d is not sold, unsold or undelivered", int(p.Status))
	case p.AreaSource < SourceUnknown || p.AreaSource > SourceContract:
		return fmt.Sprintf("area source %d is not register, survey or contract", int(p.AreaSource))
	case p.Status == Sold && p.Owner == "":
		return "owner is empty for a sold part"
	}
	return ""
}

// AreaRecords are the areas recorded for one part, 0 where there is no record. SPC
// interpretation Art. 8 ranks them: the real-estate register (不动产登记簿), else the
// surveying agency's measured area (实测面积), else the sale contract (房屋买卖合同).
type AreaRecords struct {
	Register Area `json:"register_m2,omitempty"`
	Survey   Area `json:"survey_m2,omitempty"`
	Contract Area `json:"contract_m2,omitempty"`
}

// ErrNoArea is returned by AreaRecords.Choose when no area is recorded.
var ErrNoArea = errors.New("no area recorded (register, survey or contract)")

// Choose returns the area SPC interpretation Art. 8 counts and where it came from: the
// register area if recorded, else the survey area, else the contract area. A negative record
// is an error wrapping ErrInvalidArea; no record at all is ErrNoArea.
func (r AreaRecords) Choose() (Area, AreaSource, error) {
	for _, c := range []struct {
		a   Area
		src AreaSource
	}{{r.Register, SourceRegister}, {r.Survey, SourceSurvey}, {r.Contract, SourceContract}} {
		if c.a < 0 {
			return 0, SourceUnknown, fmt.Errorf("%w: %s area %s m² is negative", ErrInvalidArea, c.src, c.a)
		}
		if c.a > 0 {
			return c.a, c.src, nil
		}
	}
	return 0, SourceUnknown, ErrNoArea
}

// InScope returns the parts whose Building and Unit labels match; an empty building or unit
// matches any. Use it to pass one unit's parts to Tally when the unit's owners decide alone
// (Shanghai Residential Property Management Provisions Art. 69: a part shared by some owners
// only, such as one stairwell, is decided by those owners). The parts keep their order.
func InScope(parts []Part, building, unit string) []Part {
	out := make([]Part, 0, len(parts))
	for _, p := range parts {
		if (building == "" || p.Building == building) && (unit == "" || p.Unit == unit) {
			out = append(out, p)
		}
	}
	return out
}

// OwnerTally is one owner as counted: the merged owner ID (DeveloperBloc for the developer's
// bloc), how many parts and how much area they hold in scope, their vote (NoVote if none or if
// their ballots were invalid), and whether the works occupy one of their parts.
type OwnerTally struct {
	ID       string `json:"id"`
	Parts    int    `json:"parts"`
	Area     Area   `json:"area_m2"`
	Vote     Vote   `json:"vote"`
	Occupied bool   `json:"occupied,omitempty"`
}

// sortOwners orders owners by ID.
func sortOwners(o []OwnerTally) {
	slices.SortFunc(o, func(a, b OwnerTally) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
}
