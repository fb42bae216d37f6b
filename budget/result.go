package budget

import (
	"context"
	"encoding/json"
	"fmt"
)

// Result is a scheme applied to one stairwell. Its buffers are reused by the next ApplyTotal
// that is passed the same Result; a Result is not safe for concurrent use.
type Result struct {
	Name             string   // the scheme's name
	Method           Method   // the scheme's method
	Rounding         Rounding // the scheme's rounding unit
	Total            Money    // total cost, fen
	Subsidy          Money    // subsidy, fen
	Residents        Money    // Total − Subsidy: the amount the households share, fen
	CompensationPool Money    // compensation paid to the low floors, fen (0 if none)
	Households       []Share  // one per household, in input order

	calc    *Calculator
	expl    *explainCache // built on the first explanation, dropped by ApplyTotal
	ap      Apportioner
	scratch resultScratch
}

type resultScratch struct {
	w      []Weight
	ws     weightScratch
	caps   []Money
	shares []Money
	cw     []Weight
	ccap   []Money
	camt   []Money
}

// Share is one household's part of a Result. Amounts are in fen.
type Share struct {
	ID     string
	Floor  int
	Area   Weight // exclusive area, m²
	Weight Weight // the household's weight under the scheme's method
	Share  Money  // its share of the residents' amount
	// Cap is the cap applied: NoCap for none, 0 for a waived household, else its hardship cap.
	Cap    Money
	Capped bool // the share is held at the cap (rounded down to the rounding unit)
	Waived bool
	// CompensationPaid is what the household pays toward the low-floor compensation;
	// CompensationReceived is what it receives.
	CompensationPaid, CompensationReceived Money
	// ProvidentFundWanted is the withdrawal asked for; ProvidentFund is the part applied,
	// min(wanted, Share).
	ProvidentFundWanted, ProvidentFund Money
	// CashDue is Share − ProvidentFund: what the household pays in cash toward its share.
	CashDue Money
}

// Net returns what the household bears in all: Share + CompensationPaid − CompensationReceived.
func (s Share) Net() Money { return s.Share + s.CompensationPaid - s.CompensationReceived }

// resultJSON is the JSON form of a Result, the contract of examples/elevator -json: integer
// fen for programs, yuan strings for people.
type resultJSON struct {
	Name             string      `json:"name,omitempty"`
	Method           Method      `json:"method"`
	Rounding         Rounding    `json:"rounding"`
	TotalFen         int64       `json:"total_fen"`
	TotalYuan        string      `json:"total_yuan"`
	SubsidyFen       int64       `json:"subsidy_fen"`
	SubsidyYuan      string      `json:"subsidy_yuan"`
	ResidentsFen     int64       `json:"residents_fen"`
	ResidentsYuan    string      `json:"residents_yuan"`
	TotalWeight      string      `json:"total_weight"`
	TotalWeightExact string      `json:"total_weight_exact,omitempty"`
	CompensationFen  int64       `json:"compensation_fen"`
	CompensationYuan string      `json:"compensation_yuan"`
	Summary          string      `json:"summary"`
	Households       []shareJSON `json:"households"`
}

type shareJSON struct {
	ID                      string `json:"id"`
	Floor                   int    `json:"floor"`
	AreaM2                  Weight `json:"area_m2"`
	Weight                  string `json:"weight"`
	WeightExact             string `json:"weight_exact,omitempty"`
	ShareFen                int64  `json:"share_fen"`
	ShareYuan               string `json:"share_yuan"`
	HardshipCapFen          *int64 `json:"hardship_cap_fen,omitempty"`
	Waived                  bool   `json:"waived"`
	Capped                  bool   `json:"capped"`
	CompensationPaidFen     int64  `json:"compensation_paid_fen"`
	CompensationReceivedFen int64  `json:"compensation_received_fen"`
	NetFen                  int64  `json:"net_fen"`
	ProvidentFundFen        int64  `json:"provident_fund_fen"`
	CashDueFen              int64  `json:"cash_due_fen"`
	CashDueYuan             string `json:"cash_due_yuan"`
	Explanation             string `json:"explanation"`
}

// MarshalJSON writes the result as one object: "total_fen", "subsidy_fen", "residents_fen" and
// "compensation_fen" (integers, with "…_yuan" strings beside them), "method", "rounding",
// "total_weight", "summary", and "households" in input order, each with "id", "floor",
// "area_m2", "weight" (a decimal string; when the exact weight has no finite decimal, such as
// 10/3 for a 10% floor of three households, it is rounded to DecimalPlaces places and
// "weight_exact" gives the exact "p/q"; "total_weight" and "total_weight_exact" likewise),
// "share_fen", "share_yuan", "hardship_cap_fen" (only when capped or waived),
// "waived", "capped", "compensation_paid_fen", "compensation_received_fen", "net_fen" (share +
// paid − received), "provident_fund_fen" (the part applied), "cash_due_fen" (share − provident
// fund, not below zero), "cash_due_yuan" and "explanation".
func (r *Result) MarshalJSON() ([]byte, error) { return r.MarshalJSONContext(context.Background()) }

// MarshalJSONContext is MarshalJSON stopped by ctx. The explanations are exact rationals, and
// for weights of large common denominators (up to MaxDenominatorBits) writing them costs more
// than applying the scheme, so ctx is checked for every household; once it is done the error
// wraps ctx.Err() (context.Canceled or context.DeadlineExceeded). A service passes its
// request's context, and writes the bytes where it would have encoded the Result (an
// encoding/json Encoder given json.RawMessage(b) writes what it writes for the Result).
func (r *Result) MarshalJSONContext(ctx context.Context) ([]byte, error) {
	c, err := r.cacheContext(ctx)
	if err != nil {
		return nil, err
	}
	tw := c.total
	twText, twExact := tw.RatString(), "" // a total that does not fit a Weight stays p/q
	if w, ok := weightFromRat(tw); ok {
		if d, exact := w.Decimal(); exact {
			twText = d
		} else {
			twText, twExact = d, w.String()
		}
	}
	j := resultJSON{
		Name: r.Name, Method: r.Method, Rounding: r.Rounding,
		TotalFen: int64(r.Total), TotalYuan: r.Total.Yuan(),
		SubsidyFen: int64(r.Subsidy), SubsidyYuan: r.Subsidy.Yuan(),
		ResidentsFen: int64(r.Residents), ResidentsYuan: r.Residents.Yuan(),
		TotalWeight: twText, TotalWeightExact: twExact,
		CompensationFen: int64(r.CompensationPool), CompensationYuan: r.CompensationPool.Yuan(),
		Summary:    r.Summary(),
		Households: make([]shareJSON, len(r.Households)),
	}
	for i := range r.Households {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("writing the result: stopped at household %d of %d: %w", i+1, len(r.Households), err)
		}
		h := &r.Households[i]
		s := shareJSON{
			ID: h.ID, Floor: h.Floor, AreaM2: h.Area,
			ShareFen: int64(h.Share), ShareYuan: h.Share.Yuan(),
			Waived: h.Waived, Capped: h.Capped,
			CompensationPaidFen:     int64(h.CompensationPaid),
			CompensationReceivedFen: int64(h.CompensationReceived),
			NetFen:                  int64(h.Net()),
			ProvidentFundFen:        int64(h.ProvidentFund),
			CashDueFen:              int64(h.CashDue),
			CashDueYuan:             h.CashDue.Yuan(),
			Explanation:             r.Explain(i),
		}
		if d, exact := h.Weight.Decimal(); exact {
			s.Weight = d
		} else {
			s.Weight, s.WeightExact = d, h.Weight.String()
		}
		if h.Cap != NoCap {
			c := int64(h.Cap)
			s.HardshipCapFen = &c
		}
		j.Households[i] = s
	}
	return json.Marshal(j)
}
