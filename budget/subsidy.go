package budget

import (
	"fmt"
	"math/big"
	"math/bits"
)

// Subsidy is a government subsidy per elevator (加装电梯补贴), taken off the total before the
// residents' amount is split. It is one of:
//
//   - nothing (the zero value);
//   - a fixed amount, Fixed: the subsidy is min(Fixed, total), e.g. Beijing "up to 24万";
//   - a percentage of the total, Percent (0–100), optionally capped at Cap (0 = no cap), e.g.
//     Shanghai 2020 "40%, at most 28万".
//
// Amount rounds the subsidy down to the fen (to the rounding unit of the scheme, if coarser, so
// that the residents' amount stays a whole number of units) and never returns more than the
// total.
type Subsidy struct {
	Fixed   Money  // fixed amount per elevator, in fen
	Percent Weight // percentage of the total, 0–100
	Cap     Money  // with Percent: the most it pays, in fen; 0 means no cap
	Preset  string // name of the SubsidyPreset it came from, if any (informational)
}

// IsZero reports whether s gives no subsidy.
func (s Subsidy) IsZero() bool { return s.Fixed == 0 && s.Percent.IsZero() }

// validate checks the subsidy; field names are the scheme's JSON names.
func (s Subsidy) validate() error {
	if s.Fixed < 0 {
		return schemeErr("subsidy.fixed_yuan", "%s is negative", s.Fixed)
	}
	if s.Fixed != 0 && !s.Percent.IsZero() {
		return schemeErr("subsidy", "give fixed_yuan or percent, not both")
	}
	if s.Percent.Cmp(IntWeight(100)) > 0 {
		return schemeErr("subsidy.percent", "%s is more than 100", s.Percent)
	}
	if s.Cap < 0 {
		return schemeErr("subsidy.cap_yuan", "%s is negative", s.Cap)
	}
	if s.Cap != 0 && s.Percent.IsZero() {
		return schemeErr("subsidy.cap_yuan", "a cap goes with percent; with fixed_yuan the amount is the cap")
	}
	return nil
}

// Amount returns the subsidy on total (fen), rounded down to the unit of r, never above total.
// Errors: ErrNegativeAmount for a negative total.
func (s Subsidy) Amount(total Money, r Rounding) (Money, error) {
	if total < 0 {
		return 0, fmt.Errorf("subsidy on %s yuan: %w", total, ErrNegativeAmount)
	}
	if err := s.validate(); err != nil {
		return 0, err
	}
	unit := r.Unit()
	if unit == 0 {
		return 0, fmt.Errorf("subsidy: %w: %d", ErrInvalidRounding, uint8(r))
	}
	var a Money
	switch {
	case s.Fixed != 0:
		a = min(s.Fixed, total)
	case !s.Percent.IsZero():
		a = percentOf(total, s.Percent)
		if s.Cap != 0 {
			a = min(a, s.Cap)
		}
	}
	return a - a%unit, nil
}

// percentOf returns ⌊m × p / 100⌋ for m ≥ 0 and 0 ≤ p ≤ 100, exactly.
func percentOf(m Money, p Weight) Money {
	hi, lo := bits.Mul64(uint64(m), p.Num())
	dh, dl := bits.Mul64(p.Den(), 100)
	if dh == 0 && hi < dl {
		q, _ := bits.Div64(hi, lo, dl)
		return Money(q)
	}
	q := new(big.Int).Mul(big.NewInt(int64(m)), new(big.Int).SetUint64(p.Num()))
	q.Quo(q, new(big.Int).Mul(new(big.Int).SetUint64(p.Den()), big.NewInt(100)))
	return Money(q.Int64()) // ≤ m since p ≤ 100
}

// describe says in words how the subsidy is computed.
func (s Subsidy) describe() string {
	var d string
	switch {
	case s.Fixed != 0:
		d = "fixed " + s.Fixed.Yuan() + " yuan, at most the total"
	case !s.Percent.IsZero():
		d = s.Percent.String() + "% of the total"
		if s.Cap != 0 {
			d += ", at most " + s.Cap.Yuan() + " yuan"
		}
	default:
		return "none"
	}
	if s.Preset != "" {
		d = "preset " + s.Preset + ": " + d
	}
	return d
}

// SubsidyPreset is a published subsidy rule, with its source.
type SubsidyPreset struct {
	Name        string  // key used in scheme files: {"preset": Name}
	City        string  // city, in Chinese and English
	Subsidy     Subsidy // the rule
	Rule        string  // the rule and its conditions in words
	Source      string  // where it was published (URL)
	Reliability string  // [N]: mainstream news (see domain-rules §0 for the grades)
	Date        string  // date of the source, as precise as known
}

// SubsidyPresets returns the published per-elevator subsidy rules that domain-rules §3.2 marks
// as sourced from mainstream news [N]. Rules found only on weak sources [W] are left out on
// purpose: Wuxi (up to 20万), Tianjin (20万, digits garbled), Huzhou and Nanchong (15万), Heyuan
// (15万 by storeys), Anqing (15万). Write those as {"fixed_yuan": ...} after checking the local
// notice. Guangzhou, Nanjing and Xiamen amounts were not found.
func SubsidyPresets() []SubsidyPreset {
	return []SubsidyPreset{
		{
			Name: "beijing-2018", City: "北京 Beijing",
			Subsidy: Subsidy{Fixed: 24 * Wan, Preset: "beijing-2018"},
			Rule: "up to 24万 yuan per elevator, paid after completion; residents pay the rest " +
				"(260,000–460,000 reported). Pipeline relocation (up to 40万 in the 2017 Daxing pilot) is separate.",
			Source:      "http://www.chinadaily.com.cn/a/201809/22/WS5ba60537a310c4cc775e7ae2_3.html",
			Reliability: "[N] China Daily",
			Date:        "2018-09-22",
		},
		{
			Name: "shanghai-2020", City: "上海 Shanghai",
			Subsidy: Subsidy{Percent: IntWeight(40), Cap: 28 * Wan, Preset: "shanghai-2020"},
			Rule: "40% of the construction cost, at most 28万 yuan per elevator (raised from 24万 in 2019); " +
				"the city/district split is UNVERIFIED.",
			Source:      "http://news.dichan.sina.com.cn/2020/04/16/1272439.html",
			Reliability: "[N] Sina, notice of the Finance Bureau and Housing Administration",
			Date:        "2020-04-16",
		},
		{
			Name: "hangzhou-2018", City: "杭州 Hangzhou",
			Subsidy: Subsidy{Fixed: 20 * Wan, Preset: "hangzhou-2018"},
			Rule: "20万 yuan per elevator from the district and municipal governments together " +
				"(2018 pilot, Jianggan District); pipeline relocation (15万) is paid separately by the government.",
			Source:      "https://www.shine.cn/news/nation/1801169085/",
			Reliability: "[N] Shine (Shanghai Daily)",
			Date:        "2018-01",
		},
		{
			Name: "chengdu-2018", City: "成都 Chengdu",
			Subsidy: Subsidy{Fixed: 20 * Wan, Preset: "chengdu-2018"},
			Rule: "20万 yuan per elevator, for non-single-ownership existing residential buildings of " +
				"6 or more storeys whose construction and operation are mainly owner-funded.",
			Source:      "https://3g.china.com/act/news/10000159/20180821/33644475.html",
			Reliability: "[N] Xinhua",
			Date:        "2018-08-21",
		},
		{
			Name: "wuhan-2024", City: "武汉 Wuhan",
			Subsidy:     Subsidy{Fixed: 20 * Wan, Preset: "wuhan-2024"},
			Rule:        "subsidy raised to 20万 yuan per elevator.",
			Source:      "https://information.bz/english/news/view/2024/07/26/5996.html",
			Reliability: "[N]",
			Date:        "2024-07-26",
		},
	}
}

// LookupSubsidyPreset returns the preset called name, and whether there is one.
func LookupSubsidyPreset(name string) (SubsidyPreset, bool) {
	for _, p := range SubsidyPresets() {
		if p.Name == name {
			return p, true
		}
	}
	return SubsidyPreset{}, false
}
