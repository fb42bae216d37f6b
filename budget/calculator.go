package budget

import (
	"context"
	"fmt"
	"slices"
)

// Calculator is a Scheme checked once and laid out for applying to many stairwells. It is
// immutable and safe for concurrent use; each goroutine passes its own Result, whose buffers are
// reused from call to call.
type Calculator struct {
	scheme   Scheme
	weigh    *weigher
	receives []bool // compensation floors, by floor
}

// Compile checks the scheme and returns a Calculator for it. Errors are *SchemeError naming the
// field (wrapping ErrScheme).
func (s *Scheme) Compile() (*Calculator, error) {
	if s.Total < 0 {
		return nil, schemeErr("total_yuan", "%s is negative", s.Total)
	}
	unit := s.Rounding.Unit()
	if unit == 0 {
		return nil, schemeErr("rounding", "%v", fmt.Errorf("%w: %d", ErrInvalidRounding, uint8(s.Rounding)))
	}
	if s.Total%unit != 0 {
		return nil, schemeErr("total_yuan", "%s yuan is not a whole number of %ss", s.Total, s.Rounding)
	}
	g, err := s.Weighting.compile()
	if err != nil {
		return nil, err
	}
	if err := s.Subsidy.validate(); err != nil {
		return nil, err
	}
	if err := s.Compensation.validate(unit); err != nil {
		return nil, err
	}
	c := &Calculator{scheme: s.clone(), weigh: g, receives: make([]bool, MaxFloor+1)}
	for _, f := range s.Compensation.Floors {
		c.receives[f] = true
	}
	return c, nil
}

// Scheme returns a copy of the scheme the calculator was compiled from.
func (c *Calculator) Scheme() Scheme { return c.scheme.clone() }

// Apply splits the scheme's total over the households. See ApplyTotal, also for how ctx stops
// it.
func (c *Calculator) Apply(ctx context.Context, hh []Household) (*Result, error) {
	res := new(Result)
	if err := c.ApplyTotal(ctx, res, c.scheme.Total, hh); err != nil {
		return nil, err
	}
	return res, nil
}

// Apply compiles the scheme and applies it to the households: a shortcut for one stairwell.
// See Calculator.ApplyTotal, also for how ctx stops it.
func (s *Scheme) Apply(ctx context.Context, hh []Household) (*Result, error) {
	c, err := s.Compile()
	if err != nil {
		return nil, err
	}
	return c.Apply(ctx, hh)
}

// ApplyTotal splits total (fen; it overrides the scheme's Total, so one Calculator serves
// stairwells of different cost) over the households and stores the result in res, reusing its
// buffers; res.Households[i] belongs to hh[i]. The order of operations is:
//
//  1. subsidy: Subsidy.Amount(total), rounded down to the rounding unit;
//  2. the residents' amount, total − subsidy, is apportioned over the households' weights
//     (Weighting) by largest remainder, in whole rounding units;
//  3. with hardship caps and waivers, by water-filling (Apportioner.Apportion), so that no
//     household pays more than its cap and the rest is re-spread by weight;
//  4. compensation to the low floors, funded by the other paying households in proportion to
//     their shares and within their caps (Compensation);
//  5. the provident fund withdrawal is applied against the share: CashDue = Share −
//     ProvidentFund, not below zero (the excess withdrawal is not used).
//
// Σ Share = Residents and Σ CompensationPaid = Σ CompensationReceived = CompensationPool, to the
// fen. Errors: ErrNegativeAmount, ErrNotMultiple, ErrZeroWeights (nobody pays: every household
// is on an exempt floor or weighs 0), *CapShortfallError, ErrNoPayers, *HouseholdError and
// *SchemeError (floor_percent tables that do not fit the floors present).
//
// ctx stops the work: it is checked on entry and, on the exact math/big path that weights of
// large common denominators take (up to MaxDenominatorBits; seconds for tens of thousands of
// households), for every household in each pass and during the sort of the remainders. Once
// ctx is done ApplyTotal returns an error wrapping ctx.Err() (context.Canceled or
// context.DeadlineExceeded) and res holds nothing usable. The 64-bit path, which ordinary
// decimal weights take, is about linear in the households and is not interrupted.
func (c *Calculator) ApplyTotal(ctx context.Context, res *Result, total Money, hh []Household) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	s := &c.scheme
	unit := s.Rounding.Unit()
	if total < 0 {
		return fmt.Errorf("total %s yuan: %w", total, ErrNegativeAmount)
	}
	if total%unit != 0 {
		return fmt.Errorf("total %s yuan is not a whole number of %ss: %w", total, s.Rounding, ErrNotMultiple)
	}
	res.calc = c
	res.expl = nil
	res.Name, res.Method, res.Rounding = s.Name, s.Method, s.Rounding
	res.Total = total
	sub, err := s.Subsidy.Amount(total, s.Rounding)
	if err != nil {
		return err
	}
	res.Subsidy, res.Residents = sub, total-sub

	sc := &res.scratch
	w, err := c.weigh.weigh(sc.w, hh, &sc.ws)
	if err != nil {
		return err
	}
	sc.w = w
	n := len(hh)
	sc.caps = grow(sc.caps, n)
	anyCap := false
	for i := range hh {
		h := &hh[i]
		switch {
		case h.HardshipCap < 0:
			return &HouseholdError{Index: i, ID: h.ID, Field: "hardship_cap", Err: fmt.Errorf("%s yuan: %w", h.HardshipCap, ErrNegativeAmount)}
		case h.ProvidentFund < 0:
			return &HouseholdError{Index: i, ID: h.ID, Field: "provident_fund", Err: fmt.Errorf("%s yuan: %w", h.ProvidentFund, ErrNegativeAmount)}
		case h.Waive:
			sc.caps[i], anyCap = 0, true
		case h.HardshipCap > 0:
			sc.caps[i], anyCap = h.HardshipCap, true
		default:
			sc.caps[i] = NoCap
		}
	}
	caps := sc.caps
	if !anyCap {
		caps = nil
	}
	shares, err := res.ap.apportion(ctx, sc.shares, res.Residents, w, caps, s.Rounding)
	if err != nil {
		return fmt.Errorf("residents' amount %s yuan: %w", res.Residents, err)
	}
	sc.shares = shares

	res.Households = grow(res.Households, n)
	for i := range hh {
		h := &hh[i]
		res.Households[i] = Share{
			ID: h.ID, Floor: h.Floor, Area: h.Area,
			Weight: w[i], Share: shares[i], Cap: sc.caps[i], Waived: h.Waive,
			Capped: !h.Waive && sc.caps[i] != NoCap && !w[i].IsZero() && shares[i] == sc.caps[i]-sc.caps[i]%unit,
		}
	}
	if err := c.compensate(ctx, res); err != nil {
		return err
	}
	for i := range hh {
		r := &res.Households[i]
		r.ProvidentFundWanted = hh[i].ProvidentFund
		r.ProvidentFund = min(hh[i].ProvidentFund, r.Share)
		r.CashDue = r.Share - r.ProvidentFund
	}
	return nil
}

// clone returns a deep copy, so that a Calculator does not share maps with its caller.
func (s Scheme) clone() Scheme {
	c := s
	c.Coefficients = cloneMap(s.Coefficients)
	c.Percents = cloneMap(s.Percents)
	c.Steps = cloneMap(s.Steps)
	c.ExemptFloors = slices.Clone(s.ExemptFloors)
	c.Compensation.Floors = slices.Clone(s.Compensation.Floors)
	return c
}

func cloneMap(m map[int]Weight) map[int]Weight {
	if m == nil {
		return nil
	}
	c := make(map[int]Weight, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
