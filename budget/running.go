package budget

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
)

// RunningCosts are the yearly costs of running one elevator (运行维护、电费) and how the
// households share them. Published practice: the Hangzhou pilot shares 5,000 yuan a year of
// maintenance; the Shanghai 2012 pilot charged 40–120 yuan a month by floor; floor 1 is often
// exempt (domain-rules §3.5). No official sharing table exists, so the weighting is a parameter.
//
// Its JSON form is {"method": …, the Weighting tables, "exempt_floors": …,
// "maintenance_yuan": "5000", "electricity_yuan": "1800", "renewal_yuan": "3000"}.
type RunningCosts struct {
	Weighting
	Maintenance Money // maintenance contract and inspections (维保), fen a year
	Electricity Money // electricity (电费), fen a year
	Renewal     Money // contribution to a renewal and overhaul fund (更新大修), fen a year
}

// RunningShare is one household's part of the running costs. Amounts are in fen.
type RunningShare struct {
	ID     string
	Floor  int
	Weight Weight
	// Maintenance, Electricity and Renewal are the household's yearly parts of each cost; Year
	// is their sum.
	Maintenance, Electricity, Renewal, Year Money
	// Months splits Year over the twelve months by largest remainder: ⌊Year/12⌋ each, and one
	// fen more in each of the first Year mod 12 months, so the months differ by at most a fen
	// and sum to Year.
	Months [12]Money
}

// RunningResult is the running costs split over a stairwell.
type RunningResult struct {
	Maintenance, Electricity, Renewal, Year Money // the yearly totals, fen
	Households                              []RunningShare
}

// Split shares each yearly cost over the households by the weighting, each exactly to the fen
// (so each cost is conserved separately), and splits each household's year into months.
// Hardship caps, waivers and provident fund withdrawals of the households are not applied: they
// concern the construction cost. Errors: *SchemeError for the weighting, ErrNegativeAmount,
// ErrOverflow, ErrZeroWeights (nobody pays), *HouseholdError.
func (rc *RunningCosts) Split(hh []Household) (*RunningResult, error) {
	g, err := rc.Weighting.compile()
	if err != nil {
		return nil, err
	}
	costs := []struct {
		name string
		m    Money
	}{{"maintenance_yuan", rc.Maintenance}, {"electricity_yuan", rc.Electricity}, {"renewal_yuan", rc.Renewal}}
	var year Money
	for _, c := range costs {
		if c.m < 0 {
			return nil, schemeErr(c.name, "%s is negative", c.m)
		}
		if year, err = year.Add(c.m); err != nil {
			return nil, err
		}
	}
	var sc weightScratch
	w, err := g.weigh(nil, hh, &sc)
	if err != nil {
		return nil, err
	}
	res := &RunningResult{Maintenance: rc.Maintenance, Electricity: rc.Electricity, Renewal: rc.Renewal, Year: year}
	res.Households = make([]RunningShare, len(hh))
	for i := range hh {
		res.Households[i] = RunningShare{ID: hh[i].ID, Floor: hh[i].Floor, Weight: w[i]}
	}
	var a Apportioner
	var parts []Money
	for k, c := range costs {
		if parts, err = a.Apportion(parts, c.m, w, nil, RoundFen); err != nil {
			return nil, fmt.Errorf("running costs, %s: %w", c.name, err)
		}
		for i, p := range parts {
			r := &res.Households[i]
			switch k {
			case 0:
				r.Maintenance = p
			case 1:
				r.Electricity = p
			case 2:
				r.Renewal = p
			}
			r.Year += p // Σ ≤ year: no overflow
		}
	}
	for i := range res.Households {
		r := &res.Households[i]
		base, extra := r.Year/12, int(r.Year%12)
		for m := range r.Months {
			r.Months[m] = base
			if m < extra {
				r.Months[m]++
			}
		}
	}
	return res, nil
}

type runningJSON struct {
	weightingJSON
	MaintenanceYuan *jsonDecimal `json:"maintenance_yuan,omitempty"`
	ElectricityYuan *jsonDecimal `json:"electricity_yuan,omitempty"`
	RenewalYuan     *jsonDecimal `json:"renewal_yuan,omitempty"`
}

// DecodeRunningCosts reads running costs in their JSON form from r (at most MaxSchemeBytes) and
// checks the weighting. Errors are *SchemeError naming the field.
func DecodeRunningCosts(r io.Reader) (*RunningCosts, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSchemeBytes+1))
	if err != nil {
		return nil, &SchemeError{Field: "(file)", Err: err}
	}
	if len(b) > MaxSchemeBytes {
		return nil, schemeErr("(file)", "larger than %d bytes", MaxSchemeBytes)
	}
	var j runningJSON
	if err := jsondup.Check(b); err != nil {
		return nil, jsonSchemeErr(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, jsonSchemeErr(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, schemeErr("(file)", "data after the object at byte %d", dec.InputOffset())
	}
	var rc RunningCosts
	if rc.Weighting, err = j.weighting(); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		d    *jsonDecimal
		m    *Money
	}{{"maintenance_yuan", j.MaintenanceYuan, &rc.Maintenance}, {"electricity_yuan", j.ElectricityYuan, &rc.Electricity}, {"renewal_yuan", j.RenewalYuan, &rc.Renewal}} {
		if f.d == nil {
			continue
		}
		if *f.m, err = nonNegMoney(f.name, *f.d); err != nil {
			return nil, err
		}
	}
	if _, err := rc.Weighting.compile(); err != nil {
		return nil, err
	}
	return &rc, nil
}

// MarshalJSON writes the running costs in the form DecodeRunningCosts reads.
func (rc RunningCosts) MarshalJSON() ([]byte, error) {
	dec := func(m Money) *jsonDecimal { d := jsonDecimal(m.Yuan()); return &d }
	return json.Marshal(runningJSON{
		weightingJSON:   rc.Weighting.toJSON(),
		MaintenanceYuan: dec(rc.Maintenance),
		ElectricityYuan: dec(rc.Electricity),
		RenewalYuan:     dec(rc.Renewal),
	})
}
