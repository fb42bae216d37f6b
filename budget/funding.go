package budget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
	"strconv"
)

// SourceKind is a kind of funding source of the renovation programme (domain-rules §5:
// "政府与居民、社会力量合理共担").
type SourceKind string

// Funding source kinds.
const (
	CentralSubsidy  SourceKind = "central_subsidy"  // 中央预算内投资 and 中央财政补助
	LocalBudget     SourceKind = "local_budget"     // 地方财政 (province, city, district)
	SpecialBonds    SourceKind = "special_bonds"    // 地方政府专项债券
	Residents       SourceKind = "residents"        // 居民出资 (direct payment)
	Utilities       SourceKind = "utilities"        // 管线单位 (water, power, gas, telecom companies)
	SocialCapital   SourceKind = "social_capital"   // 社会资本 and financial institutions
	MaintenanceFund SourceKind = "maintenance_fund" // 住宅专项维修资金
	PropertyUnit    SourceKind = "property_unit"    // 原产权单位 (a work unit paying for its staff housing)
)

func (k SourceKind) valid() bool {
	switch k {
	case CentralSubsidy, LocalBudget, SpecialBonds, Residents, Utilities, SocialCapital, MaintenanceFund, PropertyUnit:
		return true
	}
	return false
}

// Source is one funding source and its rule: a percentage of the costs it may fund, or a fixed
// amount, limited by caps. Example (Anqing 2025, [W] quality, illustrative): residents 10%,
// at most 2,000 yuan per household.
type Source struct {
	Kind SourceKind
	Name string
	// Categories are the costs the source may fund; empty means all.
	Categories []Category
	// Percent is the source's share of the cost of its categories, 0–100; or
	Percent Weight
	// Amount is a fixed amount the source offers.
	Amount Money
	// Cap limits the source to at most this, in fen (0 = no cap).
	Cap Money
	// CapPerHousehold limits the source to at most this × Funding.Households (0 = no cap).
	CapPerHousehold Money
}

// Funding is a programme's funding plan: its sources in the order they are drawn on, and the
// number of households (for per-household caps).
//
// Its JSON form is {"households": 1200, "sources": [{"kind": "central_subsidy", "name": …,
// "categories": ["basic"], "percent": "40", "cap_yuan": "…", "cap_per_household_yuan": "…"} or
// {…, "amount_yuan": "…"}]}.
type Funding struct {
	Households int
	Sources    []Source
}

// Allocation is what one source pays.
type Allocation struct {
	Source Source
	// Offered is what the source's rule gives (percent or amount, after its caps), fen.
	Offered Money
	// Amount is what it pays: Offered, limited to the cost still unfunded in its categories.
	Amount Money
	// ByCategory splits Amount over the categories, in the order of Categories.
	ByCategory [3]Money
	// Limit names what set Amount: "percent", "amount", "cap", "cap per household" or
	// "remaining cost".
	Limit string
}

// FundingResult is an estimate's funding: what each source pays, and the gap.
type FundingResult struct {
	Total         Money // the estimate's total cost
	Allocations   []Allocation
	Funded        Money    // Σ Amount
	Gap           Money    // Total − Funded: the funding gap (资金缺口)
	GapByCategory [3]Money // the gap per category, in the order of Categories
}

// ErrFunding is wrapped by the errors of Funding.Allocate and DecodeFunding.
var ErrFunding = errors.New("invalid funding plan")

// FundingError says which source and which field is wrong.
type FundingError struct {
	Index int    // source position from 0, or −1 for the plan
	Field string // JSON field name
	Err   error
}

// Error names the source, the field and what is wrong.
func (e *FundingError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("funding %s: %v", e.Field, e.Err)
	}
	return fmt.Sprintf("funding source %d %s: %v", e.Index+1, e.Field, e.Err)
}

// Unwrap returns ErrFunding and the underlying error.
func (e *FundingError) Unwrap() []error { return []error{ErrFunding, e.Err} }

// Validate checks the plan. Errors are *FundingError.
func (f *Funding) Validate() error {
	if f.Households < 0 {
		return &FundingError{Index: -1, Field: "households", Err: fmt.Errorf("%d is negative", f.Households)}
	}
	for i, s := range f.Sources {
		bad := func(field, format string, args ...any) error {
			return &FundingError{Index: i, Field: field, Err: fmt.Errorf(format, args...)}
		}
		switch {
		case !s.Kind.valid():
			return bad("kind", "%q is not one of [central_subsidy local_budget special_bonds residents utilities social_capital maintenance_fund property_unit]", string(s.Kind))
		case !s.Percent.IsZero() && s.Amount != 0:
			return bad("percent", "give percent or amount_yuan, not both")
		case s.Percent.IsZero() && s.Amount == 0:
			return bad("percent", "give percent or amount_yuan")
		case s.Percent.Cmp(IntWeight(100)) > 0:
			return bad("percent", "%s is more than 100", s.Percent)
		case s.Amount < 0:
			return bad("amount_yuan", "%s is negative", s.Amount)
		case s.Cap < 0:
			return bad("cap_yuan", "%s is negative", s.Cap)
		case s.CapPerHousehold < 0:
			return bad("cap_per_household_yuan", "%s is negative", s.CapPerHousehold)
		}
		for k, c := range s.Categories {
			if c.index() < 0 {
				return bad("categories["+strconv.Itoa(k)+"]", "%q is not one of %v", string(c), Categories())
			}
		}
	}
	return nil
}

// Allocate draws on the sources in order to fund the estimate, exactly to the fen:
//
//  1. a source offers Percent of the (original) cost of its categories, rounded down to the
//     fen, or its Amount;
//  2. the offer is limited by Cap and by CapPerHousehold × Households;
//  3. it pays at most what is still unfunded in its categories, and its payment is split over
//     those categories in proportion to what is unfunded in each (largest remainder, the
//     earlier category first on ties);
//  4. what no source covers is the gap, per category and in total.
//
// So list the sources in the order the programme draws on them (for instance government
// subsidies before residents). Errors are *FundingError, ErrOverflow.
func (f *Funding) Allocate(est *Estimate) (*FundingResult, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var sum Money
	for k, c := range est.ByCategory {
		if c < 0 {
			return nil, &FundingError{Index: -1, Field: "estimate", Err: fmt.Errorf("%s costs %s yuan: %w", Categories()[k], c, ErrNegativeAmount)}
		}
		var err error
		if sum, err = sum.Add(c); err != nil {
			return nil, &FundingError{Index: -1, Field: "estimate", Err: fmt.Errorf("categories: %w", err)}
		}
	}
	if sum != est.Total {
		return nil, &FundingError{Index: -1, Field: "estimate", Err: fmt.Errorf("categories sum to %s yuan, total is %s yuan", sum, est.Total)}
	}
	res := &FundingResult{Total: est.Total, Allocations: make([]Allocation, len(f.Sources))}
	remaining := est.ByCategory
	var a Apportioner
	var split []Money
	w := make([]Weight, 3)
	for i, s := range f.Sources {
		mask := [3]bool{}
		if len(s.Categories) == 0 {
			mask = [3]bool{true, true, true}
		}
		for _, c := range s.Categories {
			mask[c.index()] = true
		}
		var base, room Money
		for k := range 3 {
			if mask[k] {
				base += est.ByCategory[k] // each ≤ Total, which fits
				room += remaining[k]
			}
		}
		al := Allocation{Source: s}
		if s.Amount != 0 {
			al.Offered, al.Limit = s.Amount, "amount"
		} else {
			al.Offered, al.Limit = percentOf(base, s.Percent), "percent"
		}
		if s.Cap != 0 && al.Offered > s.Cap {
			al.Offered, al.Limit = s.Cap, "cap"
		}
		if s.CapPerHousehold != 0 {
			hc, err := s.CapPerHousehold.Mul(int64(f.Households))
			if err != nil {
				return nil, &FundingError{Index: i, Field: "cap_per_household_yuan", Err: err}
			}
			if al.Offered > hc {
				al.Offered, al.Limit = hc, "cap per household"
			}
		}
		al.Amount = al.Offered
		if al.Amount > room {
			al.Amount, al.Limit = room, "remaining cost"
		}
		if al.Amount > 0 {
			for k := range 3 {
				w[k] = Weight{}
				if mask[k] {
					w[k] = IntWeight(uint64(remaining[k]))
				}
			}
			var err error
			if split, err = a.Apportion(split, al.Amount, w, nil, RoundFen); err != nil {
				return nil, fmt.Errorf("funding source %d: %w", i+1, err)
			}
			for k := range 3 {
				al.ByCategory[k] = split[k]
				remaining[k] -= split[k]
			}
		}
		res.Funded += al.Amount // Σ ≤ Total
		res.Allocations[i] = al
	}
	res.GapByCategory = remaining
	res.Gap = est.Total - res.Funded
	return res, nil
}

type sourceJSON struct {
	Kind                string       `json:"kind"`
	Name                string       `json:"name,omitempty"`
	Categories          []Category   `json:"categories,omitempty"`
	Percent             *jsonDecimal `json:"percent,omitempty"`
	AmountYuan          *jsonDecimal `json:"amount_yuan,omitempty"`
	CapYuan             *jsonDecimal `json:"cap_yuan,omitempty"`
	CapPerHouseholdYuan *jsonDecimal `json:"cap_per_household_yuan,omitempty"`
}

type fundingJSON struct {
	Households int          `json:"households"`
	Sources    []sourceJSON `json:"sources"`
}

// DecodeFunding reads a funding plan in its JSON form from r (at most MaxSchemeBytes) and
// validates it. Errors are *FundingError.
func DecodeFunding(r io.Reader) (*Funding, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSchemeBytes+1))
	if err != nil {
		return nil, &FundingError{Index: -1, Field: "(file)", Err: err}
	}
	if len(b) > MaxSchemeBytes {
		return nil, &FundingError{Index: -1, Field: "(file)", Err: fmt.Errorf("larger than %d bytes", MaxSchemeBytes)}
	}
	var j fundingJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := errors.Join(jsondup.Check(b), dec.Decode(&j)); err != nil {
		field, e := jsonFieldError(err)
		return nil, &FundingError{Index: -1, Field: field, Err: e}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &FundingError{Index: -1, Field: "(file)", Err: fmt.Errorf("data after the plan at byte %d", dec.InputOffset())}
	}
	f := &Funding{Households: j.Households, Sources: make([]Source, len(j.Sources))}
	for i, sj := range j.Sources {
		s := Source{Kind: SourceKind(sj.Kind), Name: sj.Name}
		if len(sj.Categories) > 0 {
			s.Categories = sj.Categories
		}
		money := func(field string, d *jsonDecimal, m *Money) error {
			if d == nil {
				return nil
			}
			v, err := ParseMoney(string(*d))
			if err != nil {
				return &FundingError{Index: i, Field: field, Err: err}
			}
			*m = v
			return nil
		}
		if err := money("amount_yuan", sj.AmountYuan, &s.Amount); err != nil {
			return nil, err
		}
		if err := money("cap_yuan", sj.CapYuan, &s.Cap); err != nil {
			return nil, err
		}
		if err := money("cap_per_household_yuan", sj.CapPerHouseholdYuan, &s.CapPerHousehold); err != nil {
			return nil, err
		}
		if sj.Percent != nil {
			p, err := ParseWeight(string(*sj.Percent))
			if err != nil {
				return nil, &FundingError{Index: i, Field: "percent", Err: err}
			}
			s.Percent = p
		}
		f.Sources[i] = s
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}

// MarshalJSON writes the plan in the form DecodeFunding reads.
func (f Funding) MarshalJSON() ([]byte, error) {
	j := fundingJSON{Households: f.Households, Sources: make([]sourceJSON, len(f.Sources))}
	dec := func(s string) *jsonDecimal { d := jsonDecimal(s); return &d }
	for i, s := range f.Sources {
		sj := sourceJSON{Kind: string(s.Kind), Name: s.Name, Categories: s.Categories}
		if !s.Percent.IsZero() {
			sj.Percent = dec(s.Percent.String())
		}
		if s.Amount != 0 {
			sj.AmountYuan = dec(s.Amount.Yuan())
		}
		if s.Cap != 0 {
			sj.CapYuan = dec(s.Cap.Yuan())
		}
		if s.CapPerHousehold != 0 {
			sj.CapPerHouseholdYuan = dec(s.CapPerHousehold.Yuan())
		}
		j.Sources[i] = sj
	}
	return json.Marshal(j)
}
