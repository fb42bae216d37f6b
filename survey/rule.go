package survey

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// ErrInvalidRule is wrapped by every error about a malformed Rule, Clause or Fraction.
var ErrInvalidRule = errors.New("invalid rule")

// Fraction is a threshold p/q with 0 ≤ P ≤ Q and Q ≥ 1, kept as written ("2/3", not reduced),
// because the law states it that way. It is compared by cross-multiplication in 128-bit
// integers, never by division. JSON carries it as the string "p/q".
type Fraction struct {
	P int64 // numerator, 0 ≤ P ≤ Q
	Q int64 // denominator, ≥ 1
}

// The thresholds the Civil Code, the Property Law and the local rules use (unexported: a
// package-level value that callers could change would be global mutable state).
var (
	half          = Fraction{1, 2}
	twoThirds     = Fraction{2, 3}
	threeQuarters = Fraction{3, 4}
)

// Valid reports whether 0 ≤ P ≤ Q and Q ≥ 1.
func (f Fraction) Valid() bool { return f.Q >= 1 && f.P >= 0 && f.P <= f.Q }

// String formats the fraction as "p/q".
func (f Fraction) String() string {
	return strconv.FormatInt(f.P, 10) + "/" + strconv.FormatInt(f.Q, 10)
}

// ParseFraction reads "p/q" (such as "2/3") with 0 ≤ p ≤ q and q ≥ 1. A bare integer is not
// accepted: thresholds are always fractions. Errors wrap ErrInvalidRule.
func ParseFraction(s string) (Fraction, error) {
	ps, qs, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return Fraction{}, fmt.Errorf("%w: threshold %q is not of the form p/q", ErrInvalidRule, s)
	}
	p, err1 := strconv.ParseInt(strings.TrimSpace(ps), 10, 64)
	q, err2 := strconv.ParseInt(strings.TrimSpace(qs), 10, 64)
	if err1 != nil || err2 != nil {
		return Fraction{}, fmt.Errorf("%w: threshold %q is not of the form p/q", ErrInvalidRule, s)
	}
	f := Fraction{p, q}
	if !f.Valid() {
		return Fraction{}, fmt.Errorf("%w: threshold %q is not between 0/1 and 1/1", ErrInvalidRule, s)
	}
	return f, nil
}

// MarshalText encodes "p/q".
func (f Fraction) MarshalText() ([]byte, error) {
	if !f.Valid() {
		return nil, fmt.Errorf("%w: threshold %d/%d", ErrInvalidRule, f.P, f.Q)
	}
	return []byte(f.String()), nil
}

// UnmarshalText parses as ParseFraction does.
func (f *Fraction) UnmarshalText(b []byte) error {
	v, err := ParseFraction(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// meets reports whether n/d reaches the fraction: q·n ≥ p·d when inclusive (以上, Civil Code
// Art. 1259), q·n > p·d when strict (过半数, 超过). n and d must be ≥ 0; the products are
// taken in 128 bits, so any int64 inputs are exact.
func (f Fraction) meets(n, d int64, inclusive bool) bool {
	lh, ll := bits.Mul64(uint64(f.Q), uint64(n))
	rh, rl := bits.Mul64(uint64(f.P), uint64(d))
	if lh != rh {
		return lh > rh
	}
	if inclusive {
		return ll >= rl
	}
	return ll > rl
}

// least returns the smallest integer n with q·n ≥ p·d (inclusive) or q·n > p·d (strict):
// ceil(p·d/q), or floor(p·d/q)+1. d must be ≥ 0 and below MaxInt64 (Tally keeps totals at
// most MaxTotalArea); the result is at most d+1.
func (f Fraction) least(d int64, inclusive bool) int64 {
	hi, lo := bits.Mul64(uint64(f.P), uint64(d))
	quo, rem := bits.Div64(hi, lo, uint64(f.Q)) // p ≤ q, so quo ≤ d and hi < q
	n := int64(quo)
	if !inclusive || rem != 0 {
		n++
	}
	return n
}

// Measure is what a clause counts: exclusive area or owners (headcount). The zero value is
// ByArea.
type Measure int

const (
	// ByArea counts exclusive area (专有部分面积), in 0.01 m², summed over parts.
	ByArea Measure = iota
	// ByHeadcount counts owners (业主人数) after the merges of SPC interpretation Art. 9.
	ByHeadcount
)

// String returns "area" or "headcount".
func (m Measure) String() string {
	switch m {
	case ByArea:
		return "area"
	case ByHeadcount:
		return "headcount"
	}
	return fmt.Sprintf("Measure(%d)", int(m))
}

// MarshalText encodes "area" or "headcount".
func (m Measure) MarshalText() ([]byte, error) {
	if m != ByArea && m != ByHeadcount {
		return nil, fmt.Errorf("%w: measure %d", ErrInvalidRule, int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads "area" (面积) or "headcount" (人数).
func (m *Measure) UnmarshalText(b []byte) error {
	switch strings.ToLower(strings.TrimSpace(string(b))) {
	case "area", "面积":
		*m = ByArea
	case "headcount", "owners", "人数":
		*m = ByHeadcount
	default:
		return fmt.Errorf("%w: measure %q is not area or headcount", ErrInvalidRule, b)
	}
	return nil
}

// Base is the denominator of a clause: everyone in scope or only those who took part in the
// vote. The zero value is OfAll.
type Base int

const (
	// OfAll: all exclusive area or all owners in the scope of the vote (Civil Code Art. 278
	// quorum; Property Law Art. 76 approval).
	OfAll Base = iota
	// OfParticipating: the area or owners that took part in the vote (参与表决; Civil Code
	// Art. 278 approval).
	OfParticipating
)

// String returns "all" or "participating".
func (b Base) String() string {
	switch b {
	case OfAll:
		return "all"
	case OfParticipating:
		return "participating"
	}
	return fmt.Sprintf("Base(%d)", int(b))
}

// MarshalText encodes "all" or "participating".
func (b Base) MarshalText() ([]byte, error) {
	if b != OfAll && b != OfParticipating {
		return nil, fmt.Errorf("%w: base %d", ErrInvalidRule, int(b))
	}
	return []byte(b.String()), nil
}

// UnmarshalText reads "all" (全体) or "participating" (参与表决).
func (b *Base) UnmarshalText(t []byte) error {
	switch strings.ToLower(strings.TrimSpace(string(t))) {
	case "all", "全体":
		*b = OfAll
	case "participating", "参与表决":
		*b = OfParticipating
	default:
		return fmt.Errorf("%w: base %q is not all or participating", ErrInvalidRule, t)
	}
	return nil
}

// Counted is the numerator of a clause: owners who agree, or owners who took part in the vote.
// The zero value is Agreeing.
type Counted int

const (
	// Agreeing counts owners who voted agree (同意).
	Agreeing Counted = iota
	// Participating counts owners who cast a valid ballot: agree, oppose or abstain (参与表决).
	Participating
)

// String returns "agreeing" or "participating".
func (c Counted) String() string {
	switch c {
	case Agreeing:
		return "agreeing"
	case Participating:
		return "participating"
	}
	return fmt.Sprintf("Counted(%d)", int(c))
}

// MarshalText encodes "agreeing" or "participating".
func (c Counted) MarshalText() ([]byte, error) {
	if c != Agreeing && c != Participating {
		return nil, fmt.Errorf("%w: counted %d", ErrInvalidRule, int(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads "agreeing" (同意) or "participating" (参与表决).
func (c *Counted) UnmarshalText(t []byte) error {
	switch strings.ToLower(strings.TrimSpace(string(t))) {
	case "agreeing", "agree", "同意":
		*c = Agreeing
	case "participating", "参与表决":
		*c = Participating
	default:
		return fmt.Errorf("%w: counted %q is not agreeing or participating", ErrInvalidRule, t)
	}
	return nil
}

// Clause is one condition of a rule: the Counted owners' Measure must reach Threshold of the
// Base. Inclusive means ≥ (以上, which Civil Code Art. 1259 says includes the boundary);
// otherwise > (过半数, 超过). Example: the Civil Code quorum on area is
// {Counts: Participating, Measure: ByArea, Base: OfAll, Threshold: 2/3, Inclusive: true}.
//
// A clause over an empty base (no owner, or nobody taking part) never holds: nobody can
// decide for nobody.
type Clause struct {
	// Name is an optional label; Label generates one when it is empty.
	Name      string   `json:"name,omitempty"`
	Counts    Counted  `json:"counts"`
	Measure   Measure  `json:"measure"`
	Base      Base     `json:"base"`
	Threshold Fraction `json:"threshold"`
	Inclusive bool     `json:"inclusive"`
}

// Validate checks the enumerations and the threshold. A clause that counts participation
// against participants always holds, so it is rejected as a mistake. Errors wrap
// ErrInvalidRule.
func (c Clause) Validate() error {
	if c.Counts != Agreeing && c.Counts != Participating {
		return fmt.Errorf("%w: clause %q: counts %d is not agreeing or participating", ErrInvalidRule, c.Name, int(c.Counts))
	}
	if c.Measure != ByArea && c.Measure != ByHeadcount {
		return fmt.Errorf("%w: clause %q: measure %d is not area or headcount", ErrInvalidRule, c.Name, int(c.Measure))
	}
	if c.Base != OfAll && c.Base != OfParticipating {
		return fmt.Errorf("%w: clause %q: base %d is not all or participating", ErrInvalidRule, c.Name, int(c.Base))
	}
	if !c.Threshold.Valid() {
		return fmt.Errorf("%w: clause %q: threshold %d/%d is not between 0/1 and 1/1", ErrInvalidRule, c.Name, c.Threshold.P, c.Threshold.Q)
	}
	if c.Counts == Participating && c.Base == OfParticipating {
		return fmt.Errorf("%w: clause %q counts participation against participants, which always holds", ErrInvalidRule, c.Label())
	}
	return nil
}

func (c Clause) op() string {
	if c.Inclusive {
		return "≥"
	}
	return ">"
}

// Label returns Name, or when it is empty a generated English label such as
// "agreeing area ≥ 3/4 of participating".
func (c Clause) Label() string {
	if c.Name != "" {
		return c.Name
	}
	what := "area"
	if c.Measure == ByHeadcount {
		what = "owners"
	}
	return fmt.Sprintf("%s %s %s %s of %s", c.Counts, what, c.op(), c.Threshold, c.Base)
}

// LabelZh returns a Chinese label such as "同意面积占参与表决面积 ≥ 3/4".
func (c Clause) LabelZh() string {
	who := "同意"
	if c.Counts == Participating {
		who = "参与表决"
	}
	what := "面积"
	if c.Measure == ByHeadcount {
		what = "人数"
	}
	of := "总"
	if c.Base == OfParticipating {
		of = "参与表决"
	}
	return fmt.Sprintf("%s%s占%s%s %s %s", who, what, of, what, c.op(), c.Threshold)
}

// Rule is a consent rule as data: every clause must hold (AND). On top of the clauses, the
// owner of every part that the works occupy must agree (Tally enforces this for every rule:
// occupying an owner's exclusive part always needs that owner's consent), and, when
// NoUnresolvedObjection is set, no objection may remain unresolved.
//
// Presets returns the published rules; a Rule can also be written as JSON, for example
//
//	{"name": "my-rule", "clauses": [{"counts": "agreeing", "measure": "area",
//	  "base": "all", "threshold": "2/3", "inclusive": true}]}
type Rule struct {
	// Name identifies the rule, such as "civil-code-2021-major".
	Name string `json:"name"`
	// Title and TitleZh describe the rule in English and Chinese.
	Title   string `json:"title,omitempty"`
	TitleZh string `json:"title_zh,omitempty"`
	// Source cites the text (article, document, where it was read) and its reliability:
	// [P] primary text, [N] news, [W] weak (see the project's domain-rules notes).
	Source string `json:"source,omitempty"`
	// Date is when the rule took effect or was published, "YYYY-MM-DD" or "YYYY" when only
	// the year is known.
	Date string `json:"date,omitempty"`
	// Scope says whose parts vote, such as "unit (单元)"; the caller passes those parts.
	Scope string `json:"scope,omitempty"`
	// Notes records what was assumed where the source is weak or silent.
	Notes   string   `json:"notes,omitempty"`
	Clauses []Clause `json:"clauses"`
	// NoUnresolvedObjection: the rule fails while any objection is unresolved (Beijing 2020
	// "其他业主不持反对意见", Chengdu 2018 "其他业主无异议", Jinan 2019 Art. 11).
	NoUnresolvedObjection bool `json:"no_unresolved_objection,omitempty"`
	// OpposeIsObjection: an owner in scope who votes oppose raises an objection, unresolved
	// until an Objection by that owner is marked resolved or the owner agrees.
	OpposeIsObjection bool `json:"oppose_is_objection,omitempty"`
}

// Validate checks that the rule has at least one clause and that every clause is valid.
// Errors wrap ErrInvalidRule.
func (r Rule) Validate() error {
	if len(r.Clauses) == 0 {
		return fmt.Errorf("%w: rule %q has no clause", ErrInvalidRule, r.Name)
	}
	for i, c := range r.Clauses {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("rule %q clause %d: %w", r.Name, i+1, err)
		}
	}
	return nil
}
