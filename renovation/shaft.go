package renovation

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
)

// ShaftOptions say how AssessShafts places each candidate stairwell's elevator shaft, which
// clearances it must keep, and how the sunlight it takes is counted. Zero fields take the
// defaults given; every default is a parameter, with its source and trust mark in
// ShaftReport.Parameters. Maps and slices are only read.
type ShaftOptions struct {
	// ShaftWidth (along the façade) and ShaftDepth of the shaft, and LandingDepth of the
	// landing (连廊) between the façade and the shaft, in metres: 2.6, 2.4 and 1.5 by default,
	// the sizes the issue names as typical (UNVERIFIED). The footprint is ShaftWidth wide and
	// LandingDepth + ShaftDepth deep, out from the façade.
	ShaftWidth, ShaftDepth, LandingDepth float64
	// StoreyHeight is the height of a storey in metres, 2.9 by default (UNVERIFIED: old
	// walk-ups are commonly 2.8–3.0 m); buildings and shafts are extruded to storeys ×
	// StoreyHeight.
	StoreyHeight float64
	// Overrun is how far the shaft rises above the roof, metres; 1.5 by default (UNVERIFIED).
	Overrun float64
	// SillHeight is the height of a window sill above its floor, metres; 0.9 by default
	// (UNVERIFIED). Sunlight is counted on the sill (底层窗台面 for the lowest floor).
	SillHeight float64
	// StairSide is the azimuth (degrees clockwise from north) the stair side of every
	// building faces, unless StairSides names the building: the long façade whose outward
	// normal is nearest it carries the stairwells and their shafts. 0 (north) by default, as
	// walk-ups with south-facing living rooms have their stairs on the north (UNVERIFIED).
	StairSide float64
	// StairSides gives the stair side's azimuth per building ID.
	StairSides map[string]float64
	// UnitsFromEast numbers the units from the east (or north) end of a building's long axis;
	// by default unit 1 (the first in the roster) is at the west (or south) end (UNVERIFIED
	// convention). Each unit takes an equal share of the length, in roster order.
	UnitsFromEast bool
	// Footprints are planner-given shaft footprints (lon/lat polygons) by stairwell; they
	// replace the default rectangle.
	Footprints map[StairwellKey]orb.Polygon
	// Clearances are the distances the shaft must keep; nil means DefaultClearances().
	Clearances *ClearanceRules
	// Roads are the roads (and fire lanes) near the compounds, which the model does not hold.
	Roads []Road
	// Standard is the sunlight standard; the zero value means DefaultSunlight().
	Standard SunlightStandard
	// Year is the year whose standard day is computed; 0 means 2026.
	Year int
	// Step is the sampling step in minutes; 0 means 1. Changes of sun and shade between
	// samples are found to Step/4096.
	Step float64
	// Compensation is paid to each neighbouring household whose sunlight the shaft takes
	// below the standard (or, with CompensateAnyLoss, which loses any), in fen; 0 means the
	// cost-sharing scheme's Compensation.PerHousehold (which may be 0: no compensation). It
	// is added to the stairwell's elevator cost, so the households share it.
	Compensation      budget.Money
	CompensateAnyLoss bool
	// Workers is how many stairwells are assessed at once; 0 means GOMAXPROCS. Results do
	// not depend on it.
	Workers int
}

// Road is a road near a compound: its centre line (lon/lat), its carriageway width in
// metres, and whether it is a fire lane (消防车道), whose clear width the shaft must leave.
type Road struct {
	ID       string         `json:"id"`
	Line     orb.LineString `json:"-"`
	Width    float64        `json:"width_m"`
	FireLane bool           `json:"fire_lane,omitempty"`
}

// Clearance is one clearance rule: a distance in metres (an area in m² for green space),
// with its source and trust mark.
type Clearance struct {
	Value  float64 `json:"value"`
	Source string  `json:"source"`
	Trust  Trust   `json:"trust"`
}

// ClearanceRules are the distances a shaft must keep. Distances are between footprints, in
// metres, planar in the district's frame.
type ClearanceRules struct {
	// Building is the least distance to another building.
	Building Clearance `json:"building"`
	// Boundary is the least distance inside the compound's boundary (0: inside it).
	Boundary Clearance `json:"boundary"`
	// Road is the least distance from a road's carriageway edge.
	Road Clearance `json:"road"`
	// FireLane is the clear width a fire lane must keep beside the shaft.
	FireLane Clearance `json:"fire_lane"`
	// Shaft is the least distance to another candidate's shaft (0: they must not overlap).
	Shaft Clearance `json:"shaft"`
	// Green is the most green space the shaft may take, m²; negative means no limit (the
	// area taken is reported).
	Green Clearance `json:"green"`
}

// DefaultClearances returns the clearances used when ShaftOptions gives none.
func DefaultClearances() ClearanceRules {
	return ClearanceRules{
		Building: Clearance{6, "GB 50016-2014 Table 5.2.2 fire separation of multi-storey residential buildings (fire resistance I–II), as commonly cited; not in the project's domain notes", TrustUnverified},
		Boundary: Clearance{0, "Shenzhen 2018 regulation: the elevator must stay inside the site red line (domain notes §2)", TrustNews},
		Road:     Clearance{0, "the shaft may not stand on a carriageway; no source found for a setback", TrustUnverified},
		FireLane: Clearance{4, "GB 50016-2014 §7.1.8 fire lane clear width ≥ 4 m, as commonly cited; not in the project's domain notes", TrustUnverified},
		Shaft:    Clearance{0, "two shafts cannot stand in the same place (geometry)", TrustNews},
		Green:    Clearance{-1, "no national limit found on green space taken by an added elevator; local rules decide", TrustUnverified},
	}
}

// ShaftFit is whether a stairwell's shaft fits, and why: one line per check, with the
// numbers.
type ShaftFit struct {
	Fits    bool     `json:"fits"`
	Reasons []string `json:"reasons"`
}

// ClearanceCheck is one clearance measured: the rule's name (building, boundary, road,
// fire_lane, shaft, green), the feature measured to, the distance in metres (area in m² for
// green), the rule, and whether it holds. An empty Feature says there was nothing to measure:
// no building within Measured metres, or no boundary mapped (not checked).
type ClearanceCheck struct {
	Rule     string    `json:"rule"`
	Feature  string    `json:"feature"`
	Measured float64   `json:"measured"`
	Limit    Clearance `json:"limit"`
	OK       bool      `json:"ok"`
}

// SunlightLoss is what a stairwell's shaft does to one neighbouring household's sunlight: the
// whole minutes of direct sun on its sill within the standard's window before and after the
// shaft, and the standard's minutes. Households of the stairwell's own building are
// included when the shaft shades them.
type SunlightLoss struct {
	Household       string `json:"household"`
	Building        string `json:"building"`
	MinutesBefore   int    `json:"minutes_before"`
	MinutesAfter    int    `json:"minutes_after"`
	StandardMinutes int    `json:"standard_minutes"`
	// CompoundID, Unit and Floor place the household; BelowStandard reports MinutesAfter <
	// StandardMinutes; Compensation is what it is owed under ShaftOptions.Compensation, fen.
	// The -json contract of examples/district keeps to the five keys above.
	CompoundID    string       `json:"-"`
	Unit          string       `json:"-"`
	Floor         int          `json:"-"`
	Owner         string       `json:"-"`
	BelowStandard bool         `json:"-"`
	Compensation  budget.Money `json:"-"`
}

// Lost returns the minutes lost.
func (l SunlightLoss) Lost() int { return l.MinutesBefore - l.MinutesAfter }

// ShaftAssessment is one candidate stairwell's shaft: where it stands, how tall, whether it
// fits, and whose sunlight it takes.
type ShaftAssessment struct {
	Stairwell StairwellKey `json:"stairwell"`
	// Footprint is the shaft's footprint, lon/lat; nil when it could not be placed.
	Footprint orb.Polygon `json:"-"`
	// Height is the shaft's height in metres.
	Height     float64          `json:"height_m"`
	Planned    bool             `json:"planner_given,omitempty"`
	Fit        ShaftFit         `json:"fit"`
	Clearances []ClearanceCheck `json:"clearances"`
	Sunlight   []SunlightLoss   `json:"sunlight"`
}

// Parameter is one parameter of an assessment with its value, source and trust mark.
type Parameter struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Trust  Trust  `json:"trust"`
}

// ShaftReport is the result of AssessShafts: the standard and day used, the parameters, and
// one assessment per candidate stairwell in ElevatorCandidates order.
type ShaftReport struct {
	Standard   SunlightStandard  `json:"standard"`
	Day        string            `json:"day"`
	Parameters []Parameter       `json:"parameters"`
	Shafts     []ShaftAssessment `json:"shafts"`
}

// ErrShaftOptions is returned for options that cannot be used (a negative size, a bad
// standard, a road with no line).
var ErrShaftOptions = errors.New("shaft options")

// resolved are ShaftOptions with the defaults filled in.
type resolved struct {
	ShaftOptions
	clear ClearanceRules
	year  int
}

func (o ShaftOptions) resolve() (resolved, error) {
	r := resolved{ShaftOptions: o}
	def := func(v *float64, d float64, name string) error {
		switch {
		case *v == 0:
			*v = d
		case !(*v > 0) || math.IsInf(*v, 1):
			return fmt.Errorf("%w: %s %v m is not a positive size", ErrShaftOptions, name, *v)
		}
		return nil
	}
	for _, c := range []struct {
		v    *float64
		d    float64
		name string
	}{{&r.ShaftWidth, 2.6, "shaft width"}, {&r.ShaftDepth, 2.4, "shaft depth"}, {&r.LandingDepth, 1.5, "landing depth"},
		{&r.StoreyHeight, 2.9, "storey height"}, {&r.Overrun, 1.5, "overrun"}, {&r.SillHeight, 0.9, "sill height"}, {&r.Step, 1, "step"}} {
		if err := def(c.v, c.d, c.name); err != nil {
			return r, err
		}
	}
	if r.Standard == (SunlightStandard{}) {
		r.Standard = DefaultSunlight()
	}
	if err := r.Standard.validate(); err != nil {
		return r, fmt.Errorf("%w: %v", ErrShaftOptions, err)
	}
	r.year = o.Year
	if r.year == 0 {
		r.year = 2026
	}
	if r.year < 1800 || r.year > 2100 {
		return r, fmt.Errorf("%w: year %d is outside 1800–2100, where the solar algorithm holds", ErrShaftOptions, r.year)
	}
	r.clear = DefaultClearances()
	if o.Clearances != nil {
		r.clear = *o.Clearances
	}
	for i, rd := range o.Roads {
		if len(rd.Line) < 2 || !(rd.Width >= 0) {
			return r, fmt.Errorf("%w: road %d (%q): needs a line of two or more points and a width ≥ 0", ErrShaftOptions, i+1, rd.ID)
		}
	}
	if o.Compensation < 0 {
		return r, fmt.Errorf("%w: compensation %s yuan is negative", ErrShaftOptions, o.Compensation)
	}
	return r, nil
}

// parameters lists the resolved parameters with their sources.
func (r *resolved) parameters() []Parameter {
	m := func(v float64) string { return fmt.Sprintf("%.2f m", v) }
	issue := "typical sizes named by the project's issue 18; no standard found"
	return []Parameter{
		{"shaft_width", m(r.ShaftWidth), issue, TrustUnverified},
		{"shaft_depth", m(r.ShaftDepth), issue, TrustUnverified},
		{"landing_depth", m(r.LandingDepth), issue, TrustUnverified},
		{"storey_height", m(r.StoreyHeight), "old walk-ups commonly 2.8–3.0 m; no source in the domain notes", TrustUnverified},
		{"overrun", m(r.Overrun), "shaft above the roof; no source found", TrustUnverified},
		{"sill_height", m(r.SillHeight), "window sill above the floor; no source found", TrustUnverified},
		{"stair_side", fmt.Sprintf("%.0f°", r.StairSide), "stairs on the north of south-facing walk-ups; convention, no source", TrustUnverified},
		{"step", fmt.Sprintf("%g min", r.Step), "sampling step; changes found to step/4096", ""},
		{"standard", r.Standard.Name, r.Standard.Source, r.Standard.Trust},
		{"clearance_building", m(r.clear.Building.Value), r.clear.Building.Source, r.clear.Building.Trust},
		{"clearance_boundary", m(r.clear.Boundary.Value), r.clear.Boundary.Source, r.clear.Boundary.Trust},
		{"clearance_road", m(r.clear.Road.Value), r.clear.Road.Source, r.clear.Road.Trust},
		{"fire_lane_width", m(r.clear.FireLane.Value), r.clear.FireLane.Source, r.clear.FireLane.Trust},
		{"clearance_shaft", m(r.clear.Shaft.Value), r.clear.Shaft.Source, r.clear.Shaft.Trust},
		{"green_max", fmt.Sprintf("%.2f m²", r.clear.Green.Value), r.clear.Green.Source, r.clear.Green.Trust},
	}
}
