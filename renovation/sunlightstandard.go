package renovation

import (
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/geo/sun"
)

// ClimateZone is a building climate zone (建筑气候区划) of GB 50178, I to VII, as GB 50180-2018
// Table 4.0.9 groups them.
type ClimateZone string

// The seven building climate zones.
const (
	ZoneI   ClimateZone = "I"
	ZoneII  ClimateZone = "II"
	ZoneIII ClimateZone = "III"
	ZoneIV  ClimateZone = "IV"
	ZoneV   ClimateZone = "V"
	ZoneVI  ClimateZone = "VI"
	ZoneVII ClimateZone = "VII"
)

// SunlightStandard is a sunlight standard for dwellings (住宅建筑日照标准): on the standard day,
// within a window of apparent solar time (有效日照时间带, 真太阳时), the lowest window sill
// (底层窗台面) must receive at least Minutes of direct sun.
type SunlightStandard struct {
	Name string `json:"name"`
	// Term is the standard day's solar term: sun.GreatCold (大寒日) or sun.WinterSolstice (冬至日).
	Term float64 `json:"term_longitude"`
	// TermZh names it: 大寒日 or 冬至日.
	TermZh string `json:"term_zh"`
	// From and To bound the window in minutes of apparent solar time: 480–960 (8–16 h) on
	// 大寒日, 540–900 (9–15 h) on 冬至日.
	From int `json:"from_minutes"`
	To   int `json:"to_minutes"`
	// Minutes is the least direct sun the standard asks for.
	Minutes int `json:"minutes"`
	// MinSpell is the shortest spell of sun that counts, minutes; 0 counts every spell
	// (cumulative). Local rules set it (some count only spells of 5 min or more): UNVERIFIED.
	MinSpell int `json:"min_spell_minutes,omitempty"`
	// ElevatorExempt reports the clause that adding an elevator to existing housing for
	// accessibility is exempt from the rule that no addition may lower a neighbouring
	// dwelling's sunlight below its original standard. Local rules may still ask for the
	// loss to be measured and compensated: see ShaftOptions.Compensation.
	ElevatorExempt bool   `json:"elevator_exempt"`
	Source         string `json:"source"`
	Trust          Trust  `json:"trust"`
}

// sourceSunlight is where the presets' values come from. The project's domain notes hold no
// copy of GB 50180-2018 §4.0.9, so every value is commonly cited and not confirmed against the
// text.
const sourceSunlight = "GB 50180-2018 城市居住区规划设计标准 Table 4.0.9 and clause 4.0.9, as commonly cited; not in the project's domain notes, not confirmed against the standard's text"

// GB50180Sunlight returns the sunlight standard of GB 50180-2018 Table 4.0.9 for a city in
// climate zone z with an urban resident population of population people (城区常住人口), as
// the table is commonly cited (trust UNVERIFIED):
//
//	zones I, II, III, VII: 500,000 people or more 大寒日 ≥ 2 h; fewer 大寒日 ≥ 3 h
//	zone IV:               500,000 people or more 大寒日 ≥ 3 h; fewer 冬至日 ≥ 1 h
//	zones V, VI:           冬至日 ≥ 1 h
//
// counted on the lowest window sill within 8–16 h (大寒日) or 9–15 h (冬至日) apparent solar
// time, cumulatively, with the elevator-retrofit exemption of clause 4.0.9. Beijing (II) and
// Shanghai (III) are 大寒日 2 h. An unknown zone or a negative population is an error.
func GB50180Sunlight(z ClimateZone, population int) (SunlightStandard, error) {
	if population < 0 {
		return SunlightStandard{}, fmt.Errorf("sunlight standard: population %d is negative", population)
	}
	large := population >= 500000
	var term float64
	var hours int
	switch z {
	case ZoneI, ZoneII, ZoneIII, ZoneVII:
		term, hours = sun.GreatCold, 3
		if large {
			hours = 2
		}
	case ZoneIV:
		term, hours = sun.WinterSolstice, 1
		if large {
			term, hours = sun.GreatCold, 3
		}
	case ZoneV, ZoneVI:
		term, hours = sun.WinterSolstice, 1
	default:
		return SunlightStandard{}, fmt.Errorf("sunlight standard: climate zone %q is not one of I–VII", string(z))
	}
	s := SunlightStandard{Term: term, Minutes: hours * 60, ElevatorExempt: true, Source: sourceSunlight, Trust: TrustUnverified}
	if term == sun.GreatCold {
		s.TermZh, s.From, s.To = "大寒日", 480, 960
	} else {
		s.TermZh, s.From, s.To = "冬至日", 540, 900
	}
	size := "under 500,000"
	if large {
		size = "500,000 or more"
	}
	if z == ZoneV || z == ZoneVI {
		size = "any size"
	}
	s.Name = fmt.Sprintf("GB 50180-2018 zone %s, city %s: %s ≥ %d h (%02d–%02d h)", z, size, s.TermZh, hours, s.From/60, s.To/60)
	return s, nil
}

// DefaultSunlight is the standard used when ShaftOptions gives none: GB 50180-2018 for zones
// I–III and VII in a city of 500,000 or more (Beijing, Shanghai): 大寒日 ≥ 2 h, 8–16 h.
func DefaultSunlight() SunlightStandard {
	s, _ := GB50180Sunlight(ZoneIII, 500000)
	s.Name = strings.Replace(s.Name, "zone III", "zones I–III, VII", 1)
	return s
}

func (s SunlightStandard) validate() error {
	switch {
	case s.Term < 0 || s.Term >= 360:
		return fmt.Errorf("sunlight standard %q: term longitude %v is not in [0, 360)", s.Name, s.Term)
	case s.From < 0 || s.To > 1440 || s.From >= s.To:
		return fmt.Errorf("sunlight standard %q: window %d–%d minutes is not within a day", s.Name, s.From, s.To)
	case s.Minutes < 0 || s.Minutes > s.To-s.From:
		return fmt.Errorf("sunlight standard %q: %d minutes do not fit the %d-minute window", s.Name, s.Minutes, s.To-s.From)
	case s.MinSpell < 0:
		return fmt.Errorf("sunlight standard %q: shortest spell %d minutes is negative", s.Name, s.MinSpell)
	}
	return nil
}
