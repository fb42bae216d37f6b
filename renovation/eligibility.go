package renovation

import (
	"fmt"
	"sort"
	"strings"
)

// EligibilityRule is the age test of a renovation programme: compounds completed by the end of
// CutoffYear qualify.
type EligibilityRule struct {
	// CutoffYear is the last year of completion that qualifies.
	CutoffYear int `json:"cutoff_year"`
	// Source cites the rule.
	Source string `json:"source"`
}

// NationalEligibility is the national programme's rule: "重点改造2000年底前建成的老旧小区"
// (国办发〔2020〕23号, July 2020).
func NationalEligibility() EligibilityRule {
	return EligibilityRule{CutoffYear: 2000, Source: "国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见 (国办发〔2020〕23号), 2020-07"}
}

// ChengduEligibility is Chengdu's wider rule: compounds completed by the end of 2004 (as
// reported by Chengdu's programme, 2022).
func ChengduEligibility() EligibilityRule {
	return EligibilityRule{CutoffYear: 2004, Source: "Chengdu old-compound renovation targets compounds built before the end of 2004, news report 2022-02-28, https://www.cititic.com/news/mm/1694462-20220228.htm"}
}

// EligibilityStatus is the outcome of the age test for one compound.
type EligibilityStatus string

const (
	// Eligible: completed by the end of the cutoff year.
	Eligible EligibilityStatus = "eligible"
	// Ineligible: completed after the cutoff year.
	Ineligible EligibilityStatus = "ineligible"
	// PartlyEligible: the compound has no year of its own and some of its buildings were
	// completed after the cutoff, some by it.
	PartlyEligible EligibilityStatus = "partly_eligible"
	// EligibilityUnknown: no built year for the compound or any of its buildings.
	EligibilityUnknown EligibilityStatus = "unknown"
)

// Eligibility is the age test's result for one compound, with the reason in English and
// Chinese.
type Eligibility struct {
	CompoundID string            `json:"compound_id"`
	Name       string            `json:"name"`
	Status     EligibilityStatus `json:"status"`
	// BuiltYear is the year the decision rests on: the compound's, else its latest building's.
	BuiltYear int `json:"built_year,omitempty"`
	// Synthetic reports that the year was generated rather than surveyed.
	Synthetic bool   `json:"synthetic,omitempty"`
	Reason    string `json:"reason"`
	ReasonZH  string `json:"reason_zh"`
}

// CheckEligibility applies rule to every compound of d, in the district's order. A compound's
// own BuiltYear decides; without it, its buildings' years do (the latest completion counts, and
// a compound whose buildings straddle the cutoff is PartlyEligible with the late buildings
// named); with neither, the result is EligibilityUnknown.
func CheckEligibility(d *District, rule EligibilityRule) []Eligibility {
	out := make([]Eligibility, 0, len(d.Compounds))
	for i := range d.Compounds {
		out = append(out, checkCompound(&d.Compounds[i], rule))
	}
	return out
}

func checkCompound(c *Compound, rule EligibilityRule) Eligibility {
	e := Eligibility{CompoundID: c.ID, Name: c.Label()}
	cut := rule.CutoffYear
	if c.BuiltYear != 0 {
		e.BuiltYear, e.Synthetic = c.BuiltYear, c.IsSynthetic("built_year")
		if c.BuiltYear <= cut {
			e.Status = Eligible
			e.Reason = fmt.Sprintf("completed %d, by the end of %d", c.BuiltYear, cut)
			e.ReasonZH = fmt.Sprintf("%d年建成，属于%d年底前建成", c.BuiltYear, cut)
		} else {
			e.Status = Ineligible
			e.Reason = fmt.Sprintf("completed %d, after %d", c.BuiltYear, cut)
			e.ReasonZH = fmt.Sprintf("%d年建成，晚于%d年底", c.BuiltYear, cut)
		}
		return e
	}
	var early, late []string
	unknown := 0
	for j := range c.Buildings {
		b := &c.Buildings[j]
		switch {
		case b.BuiltYear == 0:
			unknown++
		case b.BuiltYear <= cut:
			early = append(early, b.Label())
		default:
			late = append(late, fmt.Sprintf("%s (%d)", b.Label(), b.BuiltYear))
		}
		if b.BuiltYear > e.BuiltYear {
			e.BuiltYear = b.BuiltYear
		}
		if b.BuiltYear != 0 && b.IsSynthetic("built_year") {
			e.Synthetic = true
		}
	}
	sort.Strings(late)
	switch {
	case len(early) == 0 && len(late) == 0:
		e.Status = EligibilityUnknown
		e.Reason = fmt.Sprintf("built year unknown: none recorded for the compound or its %d buildings", len(c.Buildings))
		e.ReasonZH = fmt.Sprintf("建成年份缺失：小区及其%d栋楼均无记录", len(c.Buildings))
	case len(late) == 0:
		e.Status = Eligible
		e.Reason = fmt.Sprintf("all %d buildings with a year completed by the end of %d (latest %d)", len(early), cut, e.BuiltYear)
		e.ReasonZH = fmt.Sprintf("有年份记录的%d栋楼均于%d年底前建成（最晚%d年）", len(early), cut, e.BuiltYear)
	case len(early) == 0:
		e.Status = Ineligible
		e.Reason = fmt.Sprintf("all %d buildings with a year completed after %d", len(late), cut)
		e.ReasonZH = fmt.Sprintf("有年份记录的%d栋楼均晚于%d年底建成", len(late), cut)
	default:
		e.Status = PartlyEligible
		e.Reason = fmt.Sprintf("%d buildings completed by the end of %d, %d after: %s", len(early), cut, len(late), strings.Join(late, ", "))
		e.ReasonZH = fmt.Sprintf("%d栋楼于%d年底前建成，%d栋晚于该年：%s", len(early), cut, len(late), strings.Join(late, "、"))
	}
	if unknown > 0 && e.Status != EligibilityUnknown {
		e.Reason += fmt.Sprintf("; %d buildings have no year", unknown)
		e.ReasonZH += fmt.Sprintf("；另有%d栋楼无年份记录", unknown)
	}
	return e
}
