package renovation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strconv"

	"github.com/xiaoqu/xiaoqu/survey"
)

// StandardScope says what a facility standard is checked for.
type StandardScope string

// Scopes of a facility standard.
const (
	// PerCommunity checks each residents' committee area (Compound.Community) as a whole.
	PerCommunity StandardScope = "community"
	// PerCompound checks each compound.
	PerCompound StandardScope = "compound"
)

// FacilityStandard is one rule of a community facility standard (社区配套设施标准): for a facility
// kind or room type, a minimum floor area, an area per 100 households, or a count, with its
// source, date and trust mark. Exactly one of MinArea, AreaPer100, MinCount is positive.
// Areas are in 0.01 m² (survey.Area), so that 500 m² and 499.99 m² differ exactly; in JSON
// they are strings such as "500" or "30.5".
type FacilityStandard struct {
	// ID names the rule in reports, e.g. "liuzhou-service-rooms".
	ID    string        `json:"id"`
	Scope StandardScope `json:"scope"`
	// Kind is the facility kind or room type the rule counts, e.g. "community_service".
	Kind FacilityKind `json:"kind"`
	// MinArea is the least floor area, e.g. 500 m² of 社区办公及服务用房.
	MinArea survey.Area `json:"min_area_m2,omitempty"`
	// AreaPer100 is the least floor area per 100 households, e.g. 30 m².
	AreaPer100 survey.Area `json:"area_per_100_households_m2,omitempty"`
	// MinCount is the least number of rooms or facilities of Kind.
	MinCount int    `json:"min_count,omitempty"`
	Source   string `json:"source,omitempty"`
	Date     string `json:"date,omitempty"`
	Trust    Trust  `json:"trust,omitempty"`
}

// Room is a room or facility a community or compound has, with its floor area, from a rooms
// table (用房台账) or the facilities layer.
type Room struct {
	// Community is the residents' committee area; Compound the compound's ID or name. A rule
	// per community counts the rooms of its community and of its compounds.
	Community string       `json:"community,omitempty"`
	Compound  string       `json:"compound,omitempty"`
	Kind      FacilityKind `json:"kind"`
	Name      string       `json:"name,omitempty"`
	Area      survey.Area  `json:"area_m2"`
	// Synthetic says the room is illustrative, not surveyed.
	Synthetic bool `json:"synthetic,omitempty"`
}

// StandardCheck is a rule checked for one community or compound: what it needs, what it has
// and the shortfall. Areas are m² with two decimals ("500.00"); counts are whole numbers.
type StandardCheck struct {
	// Community is the community's name, or the compound's ID for a rule per compound.
	Community  string       `json:"community"`
	Rule       string       `json:"rule"`
	Kind       FacilityKind `json:"kind"`
	Households int          `json:"households"`
	// Unit is "m2" or "count".
	Unit string `json:"unit"`
	// Required is the exact requirement rounded up to the unit (0.01 m²): a per-100-household
	// rule needing 30 × 141 / 100 = 42.3 m² requires "42.30".
	Required  string `json:"required"`
	Actual    string `json:"actual"`
	Shortfall string `json:"shortfall"`
	// Passed is decided exactly: Actual ≥ the unrounded requirement.
	Passed bool   `json:"passed"`
	Source string `json:"source,omitempty"`
	Trust  Trust  `json:"trust,omitempty"`
}

// ErrStandard is wrapped by every error about a facility standard or rooms.
var ErrStandard = errors.New("invalid facility standard")

// StandardPresets are the figures the source reports quote, as parameters to check and
// override. None is in the project's sourced domain rules, so each is marked
// TrustUnverified: Liuzhou's 500 m² of community office and service rooms (a local rule as a
// 2024 news report gives it), the 2022 complete-community pilot's 30 m² of community service
// space per 100 households, and 20 m² of elderly-service space per 100 households in existing
// compounds. Pass them, or your own table, to CheckStandards.
func StandardPresets() []FacilityStandard {
	const quoted = "as quoted by the source reports; not confirmed against the official text"
	return []FacilityStandard{
		{ID: "liuzhou-service-rooms", Scope: PerCommunity, Kind: "community_service", MinArea: 500_00,
			Source: "柳州: 社区办公及服务用房 ≥ 500 m² (local rule, " + quoted + ")", Trust: TrustUnverified},
		{ID: "complete-community-service", Scope: PerCommunity, Kind: "community_service", AreaPer100: 30_00,
			Source: "完整社区建设试点 2022: 社区综合服务设施 ≥ 30 m² per 100 households (" + quoted + ")", Date: "2022", Trust: TrustUnverified},
		{ID: "elderly-service-existing", Scope: PerCommunity, Kind: ElderlyCare, AreaPer100: 20_00,
			Source: "老年服务 in existing compounds ≥ 20 m² per 100 households (" + quoted + ")", Trust: TrustUnverified},
	}
}

// Validate checks the rule: an ID, a known scope, a kind, exactly one positive requirement,
// a date YYYY or YYYY-MM-DD when given.
func (s *FacilityStandard) Validate() error {
	n := 0
	for _, pos := range []bool{s.MinArea > 0, s.AreaPer100 > 0, s.MinCount > 0} {
		if pos {
			n++
		}
	}
	switch {
	case s.ID == "":
		return fmt.Errorf("%w: a rule has no id", ErrStandard)
	case s.Scope != PerCommunity && s.Scope != PerCompound:
		return fmt.Errorf("%w: rule %s: scope %q is not community or compound", ErrStandard, s.ID, s.Scope)
	case s.Kind == "":
		return fmt.Errorf("%w: rule %s: no facility kind", ErrStandard, s.ID)
	case s.MinArea < 0 || s.AreaPer100 < 0 || s.MinCount < 0:
		return fmt.Errorf("%w: rule %s: a requirement is negative", ErrStandard, s.ID)
	case n != 1:
		return fmt.Errorf("%w: rule %s: give exactly one of min_area_m2, area_per_100_households_m2, min_count", ErrStandard, s.ID)
	case s.Date != "" && !ValidDate(s.Date) && !validYear(s.Date):
		return fmt.Errorf("%w: rule %s: date %q is not YYYY or YYYY-MM-DD", ErrStandard, s.ID, s.Date)
	}
	return nil
}

func validYear(s string) bool {
	y, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && y > 0
}

// MaxStandardsBytes bounds what DecodeStandards reads.
const MaxStandardsBytes = 1 << 20

// DecodeStandards reads a JSON array of FacilityStandard from r (at most MaxStandardsBytes),
// areas as exact decimal strings, and validates every rule; IDs must be unique. Errors wrap
// ErrStandard and name the rule by position.
func DecodeStandards(r io.Reader) ([]FacilityStandard, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxStandardsBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStandard, err)
	}
	if len(b) > MaxStandardsBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrStandard, MaxStandardsBytes)
	}
	var rules []FacilityStandard
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rules); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStandard, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the rules", ErrStandard)
	}
	seen := map[string]bool{}
	for i := range rules {
		if err := rules[i].Validate(); err != nil {
			return nil, fmt.Errorf("rule %d: %w", i+1, err)
		}
		if seen[rules[i].ID] {
			return nil, fmt.Errorf("%w: rule %d: id %q listed twice", ErrStandard, i+1, rules[i].ID)
		}
		seen[rules[i].ID] = true
	}
	return rules, nil
}

// CheckStandards checks every rule for every community (or compound) of the district, in
// rule order, then communities sorted by name (compounds in model order). A community's
// households are its compounds' (CountHouseholds); what it has is the sum of the area, or the
// number, of its rooms of the rule's kind — rooms naming the community, or one of its
// compounds. Compounds with no Community are checked under their own ID. The comparison is
// exact: a per-100-household rule passes when 100 × actual ≥ per100 × households in whole
// 0.01 m², with no rounding; Required is that requirement rounded up to 0.01 m².
//
// Errors wrap ErrStandard: a rule that does not validate, a room with a negative area or
// naming neither a community nor a compound, a room naming an unknown compound.
func CheckStandards(d *District, rules []FacilityStandard, rooms []Room) ([]StandardCheck, error) {
	for i := range rules {
		if err := rules[i].Validate(); err != nil {
			return nil, err
		}
	}
	type place struct {
		name       string
		households int
		area       map[FacilityKind]survey.Area
		count      map[FacilityKind]int
	}
	newPlace := func(name string) *place {
		return &place{name: name, area: map[FacilityKind]survey.Area{}, count: map[FacilityKind]int{}}
	}
	communityOf := func(c *Compound) string {
		if c.Community != "" {
			return c.Community
		}
		return c.ID
	}
	communities := map[string]*place{}
	var communityNames []string
	compounds := make([]*place, len(d.Compounds))
	for i := range d.Compounds {
		c := &d.Compounds[i]
		h := CountHouseholds(c).Households
		compounds[i] = newPlace(c.ID)
		compounds[i].households = h
		name := communityOf(c)
		p := communities[name]
		if p == nil {
			p = newPlace(name)
			communities[name] = p
			communityNames = append(communityNames, name)
		}
		p.households += h
	}
	refs := d.CompoundRefs()
	for i, r := range rooms {
		if r.Area < 0 {
			return nil, fmt.Errorf("%w: room %d (%s): negative area %s m²", ErrStandard, i+1, r.Name, r.Area)
		}
		var targets []*place
		switch ci, ok := refs.Find(r.Compound); {
		case ok:
			targets = []*place{compounds[ci], communities[communityOf(&d.Compounds[ci])]}
		case r.Compound != "":
			return nil, fmt.Errorf("%w: room %d (%s): no compound %q in the district", ErrStandard, i+1, r.Name, r.Compound)
		case r.Community != "":
			p := communities[r.Community]
			if p == nil {
				p = newPlace(r.Community)
				communities[r.Community] = p
				communityNames = append(communityNames, r.Community)
			}
			targets = []*place{p}
		default:
			return nil, fmt.Errorf("%w: room %d (%s): names neither a community nor a compound", ErrStandard, i+1, r.Name)
		}
		for _, p := range targets {
			if p.area[r.Kind] > survey.Area(1<<62)-r.Area {
				return nil, fmt.Errorf("%w: room %d (%s): areas overflow", ErrStandard, i+1, r.Name)
			}
			p.area[r.Kind] += r.Area
			p.count[r.Kind]++
		}
	}
	slices.Sort(communityNames)
	var out []StandardCheck
	for _, s := range rules {
		var places []*place
		if s.Scope == PerCompound {
			places = compounds
		} else {
			for _, n := range communityNames {
				places = append(places, communities[n])
			}
		}
		for _, p := range places {
			out = append(out, checkRule(&s, p.name, p.households, p.area[s.Kind], p.count[s.Kind]))
		}
	}
	if out == nil {
		out = []StandardCheck{}
	}
	return out, nil
}

func checkRule(s *FacilityStandard, name string, households int, area survey.Area, count int) StandardCheck {
	c := StandardCheck{Community: name, Rule: s.ID, Kind: s.Kind, Households: households, Source: s.Source, Trust: s.Trust}
	if s.MinCount > 0 {
		c.Unit = "count"
		c.Required, c.Actual = strconv.Itoa(s.MinCount), strconv.Itoa(count)
		c.Passed = count >= s.MinCount
		c.Shortfall = strconv.Itoa(max(0, s.MinCount-count))
		return c
	}
	c.Unit = "m2"
	c.Actual = area.String()
	// need = requirement × 100 in 0.01 m² units, exactly (big: per100 × households may exceed
	// int64).
	var need *big.Int
	if s.MinArea > 0 {
		need = new(big.Int).Mul(big.NewInt(int64(s.MinArea)), big.NewInt(100))
	} else {
		need = new(big.Int).Mul(big.NewInt(int64(s.AreaPer100)), big.NewInt(int64(households)))
	}
	have := new(big.Int).Mul(big.NewInt(int64(area)), big.NewInt(100))
	c.Passed = have.Cmp(need) >= 0
	// Required rounded up to 0.01 m²: ⌈need / 100⌉.
	req := new(big.Int).Add(need, big.NewInt(99))
	req.Quo(req, big.NewInt(100))
	c.Required = formatArea(req)
	short := new(big.Int).Sub(req, big.NewInt(int64(area)))
	if short.Sign() < 0 {
		short.SetInt64(0)
	}
	c.Shortfall = formatArea(short)
	return c
}

// formatArea writes n × 0.01 m² with two decimals, as survey.Area.String does.
func formatArea(n *big.Int) string {
	if n.IsInt64() {
		return survey.Area(n.Int64()).String()
	}
	return new(big.Rat).SetFrac(n, big.NewInt(100)).FloatString(2)
}
