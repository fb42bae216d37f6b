package budget

import (
	"context"
	"fmt"
	"math/big"
	"strings"
)

// Explanations are built on demand from the Result, so that applying a scheme to millions of
// stairwells formats no text.

// Summary says in one line how the residents' amount was reached and how it is split, e.g.
// "total 600000.00 − subsidy 240000.00 (fixed 240000.00 yuan …) = residents' 360000.00 yuan,
// split by floors_climbed over a total weight of 28, in fen".
func (r *Result) Summary() string {
	if r.calc == nil {
		return ""
	}
	s := &r.calc.scheme
	var b strings.Builder
	fmt.Fprintf(&b, "total %s − subsidy %s (%s) = residents' %s yuan, split by %s over a total weight of %s, rounded to the %s",
		r.Total, r.Subsidy, s.Subsidy.describe(), r.Residents, r.Method, ratText(r.totalWeight(), 0, 4), r.Rounding)
	if r.CompensationPool != 0 {
		fmt.Fprintf(&b, "; compensation %s yuan (%s), paid by the other paying households in proportion to their shares",
			r.CompensationPool, s.Compensation.describe())
	}
	return b.String()
}

// explainCache holds what every explanation of one Result needs, computed once.
type explainCache struct {
	total  *big.Rat    // Σ weights
	rest   Money       // residents' amount left after capped and waived households
	restW  *big.Rat    // Σ weights of the others
	capped bool        // whether any household was held at a cap or waived
	count  map[int]int // households per floor
}

func (r *Result) cache() *explainCache {
	c, _ := r.cacheContext(context.Background()) // never fails: Background is never done
	return c
}

// cacheContext is cache stopped by ctx, checked for every household (the sums are exact
// rationals, slow for weights of large denominators); the error wraps ctx.Err() and nothing is
// cached then.
func (r *Result) cacheContext(ctx context.Context) (*explainCache, error) {
	if r.expl != nil {
		return r.expl, nil
	}
	c := &explainCache{total: new(big.Rat), rest: r.Residents, restW: new(big.Rat), count: map[int]int{}}
	for i := range r.Households {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("explaining the result: stopped at household %d of %d: %w", i+1, len(r.Households), err)
		}
		h := &r.Households[i]
		w := h.Weight.Rat()
		c.total.Add(c.total, w)
		c.count[h.Floor]++
		if h.Capped || (h.Waived && !h.Weight.IsZero()) {
			c.capped = true
			c.rest -= h.Share
		} else {
			c.restW.Add(c.restW, w)
		}
	}
	r.expl = c
	return c, nil
}

// totalWeight returns Σ weights exactly.
func (r *Result) totalWeight() *big.Rat { return r.cache().total }

// Explain says how household i's amounts were derived: its weight under the method, its exact
// and rounded share, caps, compensation, provident fund and cash due. It panics if i is out of
// range, like a slice index.
func (r *Result) Explain(i int) string {
	h := &r.Households[i]
	if r.calc == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "floor %d: ", h.Floor)
	b.WriteString(r.weightText(h))
	b.WriteString("; ")
	unit := r.Rounding.Unit()
	c := r.cache()
	total := c.total
	switch {
	case h.Weight.IsZero():
		b.WriteString("pays no share")
	case h.Waived:
		fmt.Fprintf(&b, "waived: pays no share; by weight it would pay %s, re-spread over the others by weight",
			ratText(exactShare(r.Residents, h.Weight.Rat(), total), 2, 4))
	case h.Capped:
		fmt.Fprintf(&b, "held at its hardship cap of %s yuan; by weight it would pay %s, the excess is re-spread over the others by weight",
			(h.Cap - h.Cap%unit).Yuan(), ratText(exactShare(r.Residents, h.Weight.Rat(), total), 2, 4))
	default:
		rest, restW := c.rest, c.restW
		exact := exactShare(rest, h.Weight.Rat(), restW)
		if c.capped {
			fmt.Fprintf(&b, "share = %s yuan left after caps and waivers × %s / %s = %s",
				rest, h.Weight, ratText(restW, 0, 4), ratText(exact, 2, 4))
		} else {
			fmt.Fprintf(&b, "share = %s × %s / %s = %s", rest, h.Weight, ratText(restW, 0, 4), ratText(exact, 2, 4))
		}
		fl := new(big.Int).Quo(new(big.Int).Mul(exact.Num(), big.NewInt(100)), exact.Denom())
		fl.Quo(fl, big.NewInt(int64(unit)))
		down := Money(fl.Int64()) * unit
		switch {
		case down == h.Share && new(big.Rat).SetFrac(big.NewInt(int64(down)), big.NewInt(100)).Cmp(exact) == 0:
			fmt.Fprintf(&b, " → %s exactly", h.Share)
		case down == h.Share:
			fmt.Fprintf(&b, " → %s (rounded down: largest remainder)", h.Share)
		default:
			fmt.Fprintf(&b, " → %s (rounded up: its remainder is among the largest)", h.Share)
		}
	}
	if h.CompensationReceived != 0 {
		fmt.Fprintf(&b, "; receives compensation %s", h.CompensationReceived)
	}
	if h.CompensationPaid != 0 {
		fmt.Fprintf(&b, "; pays compensation %s (in proportion to its share)", h.CompensationPaid)
	}
	if h.ProvidentFundWanted != 0 {
		if h.ProvidentFundWanted > h.ProvidentFund {
			fmt.Fprintf(&b, "; provident fund %s applied of %s withdrawn (the share caps it)", h.ProvidentFund, h.ProvidentFundWanted)
		} else {
			fmt.Fprintf(&b, "; provident fund %s", h.ProvidentFund)
		}
	}
	fmt.Fprintf(&b, "; cash due %s", h.CashDue)
	return b.String()
}

func (r *Result) weightText(h *Share) string {
	s := &r.calc.scheme
	if r.calc.weigh.exempt[h.Floor] {
		return fmt.Sprintf("floor %d is exempt, weight 0", h.Floor)
	}
	w := h.Weight.String()
	switch {
	case (r.Method == MethodFloorCoefficient || r.Method == MethodFloorCoefficientArea) && !r.calc.weigh.hasCoef[h.Floor]:
		return fmt.Sprintf("floor %d has no coefficient in the scheme, weight 0", h.Floor)
	case r.Method == MethodFloorPercent && !r.calc.weigh.hasPct[h.Floor]:
		return fmt.Sprintf("floor %d has no percent in the scheme, weight 0", h.Floor)
	}
	switch r.Method {
	case MethodArea:
		return fmt.Sprintf("weight %s (exclusive area %s m², Civil Code Art. 283)", w, h.Area)
	case MethodEqual:
		return "weight 1 (one per household)"
	case MethodFloorsClimbed:
		return fmt.Sprintf("weight %s (floor %d − 1)", w, h.Floor)
	case MethodFloorCoefficient:
		return fmt.Sprintf("weight %s (coefficient of floor %d)", w, h.Floor)
	case MethodFloorCoefficientArea:
		return fmt.Sprintf("weight %s (coefficient %s × area %s m²)", w, s.Coefficients[h.Floor], h.Area)
	case MethodFloorPercent:
		n := r.cache().count[h.Floor]
		return fmt.Sprintf("weight %s (floor %d's %s%% ÷ %d households)", w, h.Floor, s.Percents[h.Floor], n)
	case MethodStairsSaved:
		return fmt.Sprintf("weight %s (steps saved from floor 1 to floor %d)", w, h.Floor)
	}
	return "weight " + w
}

// exactShare returns amount × w / total in yuan, exactly.
func exactShare(amount Money, w, total *big.Rat) *big.Rat {
	if total.Sign() == 0 {
		return new(big.Rat)
	}
	e := new(big.Rat).SetFrac(big.NewInt(int64(amount)), big.NewInt(100))
	e.Mul(e, w)
	return e.Quo(e, total)
}

// ratText formats r with at least minPlaces and at most places decimals: exactly if it has a
// short finite decimal, else truncated with "…".
func ratText(r *big.Rat, minPlaces, places int) string {
	for p := minPlaces; p <= places; p++ {
		scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)))
		if scaled.IsInt() {
			if p == 0 {
				return scaled.Num().String()
			}
			return r.FloatString(p)
		}
	}
	t := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	q := new(big.Int).Quo(t.Num(), t.Denom())
	s := new(big.Rat).SetFrac(q, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	return s.FloatString(places) + "…"
}
