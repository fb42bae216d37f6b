package survey

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Amounts in this file are int64 fen (分, 0.01 yuan), as the budget package keeps money;
// survey does not import budget (the design keeps them independent). Sums are checked for
// overflow.

// ErrInvalidCollection is wrapped by every error about a malformed Collection.
var ErrInvalidCollection = errors.New("invalid collection")

// Due is what one household (户) is asked to pay, in fen.
type Due struct {
	Household string `json:"household"`
	AmountFen int64  `json:"amount_fen"`
}

// Pledge records a household's promise (承诺, 认缴) to pay by Date, for the chase list.
type Pledge struct {
	Household string `json:"household"`
	Date      string `json:"date,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Payment is money received from a household, in fen; a household may pay in several parts.
// Ref is the receipt or transfer reference.
type Payment struct {
	Household string `json:"household"`
	AmountFen int64  `json:"amount_fen"`
	Date      string `json:"date,omitempty"`
	Ref       string `json:"ref,omitempty"`
}

// Waiver is a household's signed statement that it declines the service and will not pay
// (放弃声明). Proof refers to the signed document and is required.
type Waiver struct {
	Household string `json:"household"`
	Proof     string `json:"proof"`
	Reason    string `json:"reason,omitempty"`
}

// Unreachable marks a household that cannot be asked: vacant (空置), owner abroad, no contact.
type Unreachable struct {
	Household string `json:"household"`
	Reason    string `json:"reason,omitempty"`
}

// Collection is a fee collection (收缴) from households: what each is asked, the pledges,
// payments, waivers and unreachable households recorded so far, and the deadline (for
// reports).
type Collection struct {
	Name        string        `json:"name,omitempty"`
	Deadline    string        `json:"deadline,omitempty"`
	Dues        []Due         `json:"dues"`
	Pledges     []Pledge      `json:"pledges,omitempty"`
	Payments    []Payment     `json:"payments,omitempty"`
	Waivers     []Waiver      `json:"waivers,omitempty"`
	Unreachable []Unreachable `json:"unreachable,omitempty"`
}

// EqualDues splits totalFen over the households as equally as fen allow, exactly: each is
// asked floor(total/n) fen, and the total mod n fen left over go one each to the first
// households in ID order (largest remainder with equal remainders, ties by ID), so the dues
// sum to totalFen and each differs from total/n by less than 1 fen. Example: 70万 over 141
// households is 496,453.90… yuan-fen; 127 households are asked 4,964.54 yuan and 14 are asked
// 4,964.53. Errors (ErrInvalidCollection): no household, an empty or repeated ID, a negative
// total.
func EqualDues(totalFen int64, households []string) ([]Due, error) {
	if len(households) == 0 {
		return nil, fmt.Errorf("%w: no household to split %s over", ErrInvalidCollection, FormatFen(totalFen))
	}
	if totalFen < 0 {
		return nil, fmt.Errorf("%w: total %s is negative", ErrInvalidCollection, FormatFen(totalFen))
	}
	ids := slices.Clone(households)
	slices.Sort(ids)
	for i, id := range ids {
		if id == "" {
			return nil, fmt.Errorf("%w: a household ID is empty", ErrInvalidCollection)
		}
		if i > 0 && ids[i-1] == id {
			return nil, fmt.Errorf("%w: household %q is listed twice", ErrInvalidCollection, id)
		}
	}
	n := int64(len(ids))
	base, extra := totalFen/n, totalFen%n
	out := make([]Due, len(ids))
	for i, id := range ids {
		out[i] = Due{Household: id, AmountFen: base}
		if int64(i) < extra {
			out[i].AmountFen++
		}
	}
	return out, nil
}

// PaymentState is where one household stands.
type PaymentState int

const (
	Unpaid    PaymentState = iota // 未缴
	Partial                       // 部分缴纳
	Paid                          // 已缴清
	Overpaid                      // 多缴
	Waived                        // 放弃 (signed waiver)
	Unreached                     // 无法联系 (vacant, unreachable) and not paid
)

var paymentStateNames = []string{"unpaid", "partial", "paid", "overpaid", "waived", "unreachable"}
var paymentStateZh = []string{"未缴", "部分缴纳", "已缴清", "多缴", "放弃", "无法联系"}

// String returns "unpaid", "partial", "paid", "overpaid", "waived" or "unreachable".
func (s PaymentState) String() string {
	if s >= 0 && int(s) < len(paymentStateNames) {
		return paymentStateNames[s]
	}
	return fmt.Sprintf("PaymentState(%d)", int(s))
}

// Chinese returns 未缴, 部分缴纳, 已缴清, 多缴, 放弃 or 无法联系.
func (s PaymentState) Chinese() string {
	if s >= 0 && int(s) < len(paymentStateZh) {
		return paymentStateZh[s]
	}
	return s.String()
}

// MarshalText encodes String.
func (s PaymentState) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// HouseholdStatus is one household's account, amounts in fen. OutstandingFen = DueFen −
// PaidFen when positive (0 for waived households); OverpaidFen the excess paid.
type HouseholdStatus struct {
	Household      string       `json:"household"`
	State          PaymentState `json:"state"`
	DueFen         int64        `json:"due_fen"`
	PaidFen        int64        `json:"paid_fen"`
	OutstandingFen int64        `json:"outstanding_fen"`
	OverpaidFen    int64        `json:"overpaid_fen,omitempty"`
	Payments       int          `json:"payments"`
	PledgedBy      string       `json:"pledged_by,omitempty"`
	Note           string       `json:"note,omitempty"`
}

// CollectionReport summarises a collection, amounts in fen.
//
// CollectedFen counts what each household paid up to its due (an overpayment is reported,
// not counted). ExpectedFen = DueFen − WaivedFen. Rate = CollectedFen / ExpectedFen (1/1
// when nothing is expected) and RateOfAsked = CollectedFen / DueFen, exact fractions in
// lowest terms, with display percentages rounded half up to two decimals ("98.54%").
// Chase lists the reachable households with money outstanding, most outstanding first, then
// by ID: the ones to visit before the deadline. UnreachedOutstanding lists the unreachable
// ones the same way. Households lists everyone by ID.
type CollectionReport struct {
	Name                 string            `json:"name,omitempty"`
	Deadline             string            `json:"deadline,omitempty"`
	Households           int               `json:"households"`
	Count                map[string]int    `json:"count"` // households by state name
	DueFen               int64             `json:"due_fen"`
	PaidFen              int64             `json:"paid_fen"`
	CollectedFen         int64             `json:"collected_fen"`
	WaivedFen            int64             `json:"waived_fen"`
	ExpectedFen          int64             `json:"expected_fen"`
	OutstandingFen       int64             `json:"outstanding_fen"`
	OverpaidFen          int64             `json:"overpaid_fen"`
	Rate                 Fraction          `json:"rate"`
	RatePercent          string            `json:"rate_percent"`
	RateOfAsked          Fraction          `json:"rate_of_asked"`
	RateOfAskedPercent   string            `json:"rate_of_asked_percent"`
	Chase                []HouseholdStatus `json:"chase"`
	UnreachedOutstanding []HouseholdStatus `json:"unreached_outstanding"`
	Status               []HouseholdStatus `json:"households_status"`
}

// Report reconciles the collection. Errors (joined, each wrapping ErrInvalidCollection): a
// household asked twice or with a negative due; a payment, pledge, waiver or unreachable mark
// for a household not asked; a payment that is not positive; a waiver without proof; a
// household both waived and paying, or marked unreachable and yet paying or waiving; sums that
// overflow int64.
func (c Collection) Report() (CollectionReport, error) {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrInvalidCollection}, a...)...))
	}
	idx := make(map[string]int, len(c.Dues))
	st := make([]HouseholdStatus, 0, len(c.Dues))
	for _, d := range c.Dues {
		switch _, dup := idx[d.Household]; {
		case d.Household == "":
			bad("a due has no household")
			continue
		case dup:
			bad("household %q is asked twice", d.Household)
			continue
		case d.AmountFen < 0:
			bad("household %q is asked a negative amount %s", d.Household, FormatFen(d.AmountFen))
			continue
		}
		idx[d.Household] = len(st)
		st = append(st, HouseholdStatus{Household: d.Household, DueFen: d.AmountFen})
	}
	find := func(what, h string) *HouseholdStatus {
		i, ok := idx[h]
		if !ok {
			bad("%s for household %q, which is not asked to pay", what, h)
			return nil
		}
		return &st[i]
	}
	for _, p := range c.Payments {
		if p.AmountFen <= 0 {
			bad("payment %q by household %q is %s: not positive", p.Ref, p.Household, FormatFen(p.AmountFen))
			continue
		}
		if s := find("a payment", p.Household); s != nil {
			if s.PaidFen > math.MaxInt64-p.AmountFen {
				bad("payments by household %q overflow", p.Household)
				continue
			}
			s.PaidFen += p.AmountFen
			s.Payments++
		}
	}
	for _, p := range c.Pledges {
		if s := find("a pledge", p.Household); s != nil {
			s.PledgedBy = p.Date
			if s.PledgedBy == "" {
				s.PledgedBy = "pledged"
			}
		}
	}
	waived := map[string]bool{}
	for _, w := range c.Waivers {
		s := find("a waiver", w.Household)
		switch {
		case s == nil:
		case strings.TrimSpace(w.Proof) == "":
			bad("the waiver of household %q has no proof", w.Household)
		case s.Payments > 0:
			bad("household %q signed a waiver but has paid %s", w.Household, FormatFen(s.PaidFen))
		default:
			waived[w.Household] = true
			s.State = Waived
			s.Note = "waiver: " + w.Proof
			if w.Reason != "" {
				s.Note += " (" + w.Reason + ")"
			}
		}
	}
	unreached := map[string]bool{}
	for _, u := range c.Unreachable {
		s := find("an unreachable mark", u.Household)
		switch {
		case s == nil:
		case s.Payments > 0:
			bad("household %q is marked unreachable but has paid %s", u.Household, FormatFen(s.PaidFen))
		case waived[u.Household]:
			bad("household %q is marked unreachable but signed a waiver", u.Household)
		default:
			unreached[u.Household] = true
			s.Note = "unreachable"
			if u.Reason != "" {
				s.Note += ": " + u.Reason
			}
		}
	}
	if len(errs) > 0 {
		return CollectionReport{}, errors.Join(errs...)
	}

	r := CollectionReport{Name: c.Name, Deadline: c.Deadline, Households: len(st), Count: map[string]int{},
		Chase: []HouseholdStatus{}, UnreachedOutstanding: []HouseholdStatus{}}
	sum := func(dst *int64, v int64) {
		if *dst > math.MaxInt64-v {
			errs = append(errs, fmt.Errorf("%w: the total passes %s", ErrInvalidCollection, FormatFen(math.MaxInt64)))
			return
		}
		*dst += v
	}
	for i := range st {
		s := &st[i]
		sum(&r.DueFen, s.DueFen)
		sum(&r.PaidFen, s.PaidFen)
		switch {
		case waived[s.Household]:
			sum(&r.WaivedFen, s.DueFen)
		case s.PaidFen >= s.DueFen:
			s.State = Paid
			if s.PaidFen > s.DueFen {
				s.State, s.OverpaidFen = Overpaid, s.PaidFen-s.DueFen
				sum(&r.OverpaidFen, s.OverpaidFen)
			}
			sum(&r.CollectedFen, s.DueFen)
		default:
			s.OutstandingFen = s.DueFen - s.PaidFen
			sum(&r.CollectedFen, s.PaidFen)
			sum(&r.OutstandingFen, s.OutstandingFen)
			switch {
			case unreached[s.Household]:
				s.State = Unreached
			case s.PaidFen > 0:
				s.State = Partial
			default:
				s.State = Unpaid
			}
		}
		r.Count[s.State.String()]++
	}
	if len(errs) > 0 {
		return CollectionReport{}, errors.Join(errs...)
	}
	r.ExpectedFen = r.DueFen - r.WaivedFen
	r.Rate = ratio(r.CollectedFen, r.ExpectedFen)
	r.RateOfAsked = ratio(r.CollectedFen, r.DueFen)
	r.RatePercent, r.RateOfAskedPercent = Percent(r.Rate), Percent(r.RateOfAsked)
	slices.SortFunc(st, func(a, b HouseholdStatus) int { return strings.Compare(a.Household, b.Household) })
	r.Status = st
	for _, s := range st {
		switch {
		case s.OutstandingFen > 0 && s.State == Unreached:
			r.UnreachedOutstanding = append(r.UnreachedOutstanding, s)
		case s.OutstandingFen > 0:
			r.Chase = append(r.Chase, s)
		}
	}
	byOutstanding := func(a, b HouseholdStatus) int {
		if a.OutstandingFen != b.OutstandingFen {
			if a.OutstandingFen > b.OutstandingFen {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Household, b.Household)
	}
	slices.SortFunc(r.Chase, byOutstanding)
	slices.SortFunc(r.UnreachedOutstanding, byOutstanding)
	return r, nil
}

// ratio returns n/d in lowest terms, 1/1 when d is 0.
func ratio(n, d int64) Fraction {
	if d == 0 {
		return Fraction{1, 1}
	}
	g := gcd(n, d)
	return Fraction{n / g, d / g}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return 1
	}
	return a
}

// Percent formats a fraction p/q (q ≥ 1, 0 ≤ p) as a percentage with two decimals, rounded
// half up, computed exactly in integers: 135/141 is "95.74%".
func Percent(f Fraction) string {
	if f.Q <= 0 || f.P < 0 {
		return "—"
	}
	// round(p·10000/q) = floor((2·p·10000 + q) / 2q), in 128 bits.
	hi, lo := bits.Mul64(uint64(f.P), 20000)
	lo, c := bits.Add64(lo, uint64(f.Q), 0)
	hi += c
	q2hi, q2lo := bits.Mul64(uint64(f.Q), 2)
	var basis uint64
	if q2hi == 0 && hi < q2lo {
		basis, _ = bits.Div64(hi, lo, q2lo)
	} else {
		return "—" // p is so much larger than q that the percentage overflows
	}
	return strconv.FormatUint(basis/100, 10) + "." + fmt.Sprintf("%02d", basis%100) + "%"
}

// FormatFen formats fen as yuan with two decimals and thousands separators, such as
// "¥4,964.54" or "-¥0.01".
func FormatFen(f int64) string {
	sign := ""
	u := uint64(f)
	if f < 0 {
		sign = "-"
		u = uint64(-(f + 1)) + 1
	}
	yuan := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	for i, c := range yuan {
		if i > 0 && (len(yuan)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s¥%s.%02d", sign, b.String(), u%100)
}
