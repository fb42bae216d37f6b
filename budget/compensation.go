package budget

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// Compensation is paid to the households of low floors (低层住户补偿), which lose light, quiet
// or privacy and gain little from an elevator, by the households that pay for it. Jinan's rules
// require a compensation plan; no published numeric standard exists (domain-rules §3.4), so the
// amount is a parameter, one of:
//
//   - PerHousehold: each household on Floors receives this amount (fen);
//   - Percent: a pool of this percentage of the residents' amount, rounded down to the rounding
//     unit, split equally among the households on Floors (largest remainder, earlier first).
//
// The pool is funded by the paying households that are not on Floors, in proportion to their
// shares, by the same exact apportionment; a household with a hardship cap pays at most its cap
// in share and compensation together (a waived household pays nothing). So the compensation
// paid equals the compensation received to the fen.
type Compensation struct {
	Floors       []int  // receiving floors, e.g. [1, 2]
	PerHousehold Money  // fen per receiving household
	Percent      Weight // or: percentage of the residents' amount, 0–100
}

// ErrNoPayers is returned when compensation is due but no household pays anything to fund it.
var ErrNoPayers = errors.New("no paying household to fund the compensation")

// IsZero reports whether c pays nothing.
func (c Compensation) IsZero() bool {
	return len(c.Floors) == 0 && c.PerHousehold == 0 && c.Percent.IsZero()
}

func (c Compensation) validate(unit Money) error {
	if c.IsZero() {
		return nil
	}
	if len(c.Floors) == 0 {
		return schemeErr("compensation.floors", "missing; say which floors receive compensation")
	}
	seen := map[int]bool{}
	for i, f := range c.Floors {
		field := "compensation.floors[" + strconv.Itoa(i) + "]"
		if err := checkFloor(field, f); err != nil {
			return err
		}
		if seen[f] {
			return schemeErr(field, "floor %d is listed twice", f)
		}
		seen[f] = true
	}
	switch {
	case c.PerHousehold != 0 && !c.Percent.IsZero():
		return schemeErr("compensation", "give per_household_yuan or percent, not both")
	case c.PerHousehold < 0:
		return schemeErr("compensation.per_household_yuan", "%s is negative", c.PerHousehold)
	case c.PerHousehold%unit != 0:
		return schemeErr("compensation.per_household_yuan", "%s yuan is not a whole number of the rounding unit (%s yuan)", c.PerHousehold, unit)
	case c.Percent.Cmp(IntWeight(100)) > 0:
		return schemeErr("compensation.percent", "%s is more than 100", c.Percent)
	case c.PerHousehold == 0 && c.Percent.IsZero():
		return schemeErr("compensation", "give per_household_yuan or percent")
	}
	return nil
}

func (c Compensation) describe() string {
	if c.IsZero() {
		return "none"
	}
	fs := ""
	for i, f := range c.Floors {
		if i > 0 {
			fs += ", "
		}
		fs += strconv.Itoa(f)
	}
	if c.PerHousehold != 0 {
		return fmt.Sprintf("%s yuan to each household on floors %s", c.PerHousehold, fs)
	}
	return fmt.Sprintf("%s%% of the residents' amount, shared equally by the households on floors %s", c.Percent, fs)
}

// compensate fills CompensationPaid and CompensationReceived of res.Households and sets
// res.CompensationPool. Shares, caps and weights must already be set. ctx is passed to the
// apportionments.
func (c *Calculator) compensate(ctx context.Context, res *Result) error {
	comp := c.scheme.Compensation
	rows := res.Households
	for i := range rows {
		rows[i].CompensationPaid, rows[i].CompensationReceived = 0, 0
	}
	res.CompensationPool = 0
	if comp.IsZero() {
		return nil
	}
	unit := c.scheme.Rounding.Unit()
	receivers := 0
	for i := range rows {
		if c.receives[rows[i].Floor] {
			receivers++
		}
	}
	if receivers == 0 {
		return nil
	}
	var pool Money
	if comp.PerHousehold != 0 {
		p, err := comp.PerHousehold.Mul(int64(receivers))
		if err != nil {
			return fmt.Errorf("compensation: %w", err)
		}
		pool = p
	} else {
		pool = percentOf(res.Residents, comp.Percent)
		pool -= pool % unit
	}
	if pool == 0 {
		return nil
	}
	n := len(rows)
	sc := &res.scratch
	sc.cw = grow(sc.cw, n)
	sc.ccap = grow(sc.ccap, n)
	// Received: split the pool equally over the receivers.
	for i := range rows {
		sc.cw[i] = Weight{}
		if c.receives[rows[i].Floor] {
			sc.cw[i] = IntWeight(1)
		}
	}
	got, err := res.ap.apportion(ctx, sc.camt, pool, sc.cw, nil, c.scheme.Rounding)
	if err != nil {
		return fmt.Errorf("compensation received: %w", err)
	}
	sc.camt = got
	for i := range rows {
		rows[i].CompensationReceived = got[i]
	}
	// Paid: by the other households, in proportion to their shares, within their caps.
	payers := false
	for i := range rows {
		r := &rows[i]
		sc.cw[i] = Weight{}
		sc.ccap[i] = NoCap
		if c.receives[r.Floor] || r.Share == 0 {
			continue
		}
		payers = true
		sc.cw[i] = IntWeight(uint64(r.Share))
		if r.Cap != NoCap {
			sc.ccap[i] = max(0, r.Cap-r.Share)
		}
	}
	if !payers {
		return fmt.Errorf("compensation of %s yuan to %d households: %w", pool, receivers, ErrNoPayers)
	}
	paid, err := res.ap.apportion(ctx, sc.camt, pool, sc.cw, sc.ccap, c.scheme.Rounding)
	if err != nil {
		return fmt.Errorf("compensation of %s yuan paid by the households with a share: %w", pool, err)
	}
	sc.camt = paid
	for i := range rows {
		r := &rows[i]
		r.CompensationPaid = paid[i]
		// Net is Share + CompensationPaid − CompensationReceived: check it fits here, so
		// that Share.Net never wraps.
		gross, err := r.Share.Add(r.CompensationPaid)
		if err == nil {
			_, err = gross.Sub(r.CompensationReceived)
		}
		if err != nil {
			return &HouseholdError{Index: i, ID: r.ID, Field: "compensation", Err: fmt.Errorf("share and compensation: %w", err)}
		}
	}
	res.CompensationPool = pool
	return nil
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
