package renovation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"github.com/xiaoqu/xiaoqu/table"
	"math"
	"sort"
	"strings"
)

// Tier is a level of the life circles (生活圈) of GB 50180-2018 城市居住区规划设计标准 (in force
// 2018-12-01). Tiers are not inclusive: a facility of a larger tier does not stand in for one a
// smaller tier requires, so coverage is checked tier by tier.
type Tier string

// The four tiers, with the walking distance that bounds each.
const (
	Tier15Min Tier = "15min" // 十五分钟生活圈居住区: 800–1,000 m
	Tier10Min Tier = "10min" // 十分钟生活圈居住区: about 500 m
	Tier5Min  Tier = "5min"  // 五分钟生活圈居住区: about 300 m
	TierBlock Tier = "block" // 居住街坊: the block itself
)

// Trust marks how far a default value can be relied on, as in the project's domain notes:
// "N" a mainstream report of the standard, "W" a weak copy, "UNVERIFIED" commonly cited but not
// confirmed against the 2018 text.
type Trust string

const (
	TrustNews       Trust = "N"
	TrustWeak       Trust = "W"
	TrustUnverified Trust = "UNVERIFIED"
)

// ServiceRadius says how far a compound may be from a facility of Kind for the facility to
// serve it at Tier, in straight-line metres.
type ServiceRadius struct {
	Kind   FacilityKind `json:"kind"`
	Tier   Tier         `json:"tier"`
	Metres float64      `json:"metres"`
	Source string       `json:"source,omitempty"`
	Trust  Trust        `json:"trust,omitempty"`
}

// RadiusTable lists service radii; each (kind, tier) appears at most once.
type RadiusTable []ServiceRadius

// Sources of the default radii.
const (
	sourceTiers = "GB 50180-2018 life-circle walking distances: 15-min 800–1,000 m (CCPR glossary), 10-min about 500 m (中国大百科全书)"
	sourceTier5 = "GB 50180-2018 5-min life circle about 300 m: only a weak source found"
	source93    = "GB 50180-93 (superseded) Appendix A service radii, as reproduced by weak copies; the 2018 wording is not confirmed"
	sourceCited = "commonly cited for GB 50180-2018 Appendix B/C; not confirmed against the standard's text"
)

// DefaultRadii returns the service radii used when a planner gives none. Every value is a
// default to override, and carries its source and trust mark: the 2018 standard's facility
// tables could not be read, so facility radii rest on the superseded 1993 standard and on
// commonly cited values (trust UNVERIFIED), and radii for kinds with no cited value are the
// tier's walking distance.
func DefaultRadii() RadiusTable {
	return RadiusTable{
		{Nursery, Tier5Min, 300, source93, TrustWeak},
		{Kindergarten, Tier5Min, 300, source93 + "; copies disagree (300 or 500 m)", TrustUnverified},
		{Clinic, Tier5Min, 300, sourceCited + " (社区卫生服务站 ≤ 300 m)", TrustUnverified},
		{ElderlyCare, Tier5Min, 300, sourceCited + " (老年人日间照料中心 ≤ 300 m)", TrustUnverified},
		{PrimarySchool, Tier10Min, 500, source93, TrustWeak},
		{Market, Tier10Min, 500, sourceCited + " (菜市场 ≤ 500 m)", TrustUnverified},
		{Park, Tier10Min, 500, sourceTiers + "; the 10-min tier's distance", TrustNews},
		{MiddleSchool, Tier15Min, 1000, source93, TrustWeak},
	}
}

// TierDistance returns the walking distance in metres that bounds tier: 1,000 m for 15 min
// (the upper end of 800–1,000 m), 500 m for 10 min, 300 m for 5 min; 0 for the block tier.
func TierDistance(t Tier) float64 {
	switch t {
	case Tier15Min:
		return 1000
	case Tier10Min:
		return 500
	case Tier5Min:
		return 300
	}
	return 0
}

// Lookup returns the radius for kind at tier.
func (t RadiusTable) Lookup(kind FacilityKind, tier Tier) (ServiceRadius, bool) {
	for _, r := range t {
		if r.Kind == kind && r.Tier == tier {
			return r, true
		}
	}
	return ServiceRadius{}, false
}

// Validate checks that every entry has a kind, a known tier and a positive finite radius, and
// that no (kind, tier) repeats; it returns every problem at once.
func (t RadiusTable) Validate() error {
	var ps problems
	seen := map[[2]string]int{}
	for i, r := range t {
		path := []string{fmt.Sprintf("radius %d (%s, %s)", i+1, r.Kind, r.Tier)}
		if r.Kind == "" {
			ps.add(path, "kind", "kind is empty")
		}
		switch r.Tier {
		case Tier15Min, Tier10Min, Tier5Min, TierBlock:
		default:
			ps.add(path, "tier", "tier %q is not 15min, 10min, 5min or block", r.Tier)
		}
		if !(r.Metres > 0) || math.IsInf(r.Metres, 0) {
			ps.add(path, "metres", "radius %v m is not a positive number", r.Metres)
		}
		k := [2]string{string(r.Kind), string(r.Tier)}
		if j, dup := seen[k]; dup {
			ps.add(path, "", "repeats radius %d", j)
		} else {
			seen[k] = i + 1
		}
	}
	return ps.err()
}

// ParseRadii reads a radius table from JSON, in either of two forms: an array of entries
// [{"kind": "kindergarten", "tier": "5min", "metres": 300}, ...], or an object of kind to
// metres {"kindergarten": 500, "elderly_care": 300} that overrides the defaults (a known kind
// the defaults lack is added at the 15-min tier; a kind that is not one of FacilityKinds is an
// error, for it is most likely misspelt). Kinds may be given in Chinese (幼儿园). A member named
// twice is an error. The table is validated.
func ParseRadii(data []byte) (RadiusTable, error) {
	data = bytes.TrimSpace(data)
	if err := jsondup.Check(data); err != nil {
		return nil, fmt.Errorf("radius table: %w", err)
	}
	var t RadiusTable
	switch {
	case len(data) > 0 && data[0] == '[':
		var raw []ServiceRadius
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("radius table: %w", err)
		}
		for i, r := range raw {
			k, err := ParseFacilityKind(string(r.Kind))
			if err != nil {
				return nil, fmt.Errorf("radius table: %w", err)
			}
			// A kind of the planner's own is allowed here, but one that is a slip away from a
			// known kind ("kindergarden") is a typo whose facilities would go unmeasured.
			if _, known := facilityKindChinese[k]; !known {
				if near := nearestKind(string(r.Kind)); near != "" {
					return nil, fmt.Errorf("radius table: radius %d: %q is not a known facility kind — did you mean %q? (a kind of your own must not be a slip away from a known one)", i+1, r.Kind, near)
				}
			}
			r.Kind = k
			t = append(t, r)
		}
	case len(data) > 0 && data[0] == '{':
		var byKind map[string]float64
		if err := json.Unmarshal(data, &byKind); err != nil {
			return nil, fmt.Errorf("radius table: %w", err)
		}
		t = DefaultRadii()
		kinds := make([]string, 0, len(byKind))
		for k := range byKind {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, name := range kinds {
			k, err := ParseFacilityKind(name)
			if err != nil {
				return nil, fmt.Errorf("radius table: %w", err)
			}
			if _, known := facilityKindChinese[k]; !known {
				// A misspelt "kindergarden" would otherwise be a new kind no facility has,
				// and the kindergartens would keep the default radius in silence.
				hint := ""
				if near := nearestKind(name); near != "" {
					hint = fmt.Sprintf(" — did you mean %q?", near)
				}
				return nil, fmt.Errorf("radius table: %q is not a known facility kind%s (%s); give a kind of your own in the array form, with its tier", name, hint, knownKinds())
			}
			found := false
			for i := range t {
				if t[i].Kind == k {
					t[i].Metres, t[i].Source, t[i].Trust, found = byKind[name], "set by the planner", "", true
				}
			}
			if !found {
				t = append(t, ServiceRadius{Kind: k, Tier: Tier15Min, Metres: byKind[name], Source: "set by the planner"})
			}
		}
	default:
		return nil, fmt.Errorf("radius table: want a JSON array of {kind, tier, metres} or an object of kind to metres")
	}
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("radius table: %w", err)
	}
	return t, nil
}

// knownKinds lists FacilityKinds for error messages.
// nearestKind is the known facility kind a name is a slip away from (table.Nearest), by its
// English or its Chinese name, or "" when none is close.
func nearestKind(name string) FacilityKind {
	var names []string
	var kinds []FacilityKind
	for _, k := range FacilityKinds() {
		names, kinds = append(names, string(k)), append(kinds, k)
		if zh := facilityKindChinese[k]; zh != "" {
			names, kinds = append(names, zh), append(kinds, k)
		}
	}
	near := table.Nearest(name, names)
	for i, n := range names {
		if n == near && near != "" {
			return kinds[i]
		}
	}
	return ""
}

func knownKinds() string {
	var sb strings.Builder
	for i, k := range FacilityKinds() {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(string(k))
	}
	return sb.String()
}
