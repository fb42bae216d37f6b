package survey

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Poll is one vote of owners on one matter (业主共同决定事项): the exclusive parts in scope,
// the ballots cast and the objections raised. For a vote by one unit's owners (Shanghai
// Art. 69, the local elevator rules) pass that unit's parts only (see InScope).
type Poll struct {
	Parts      []Part      `json:"parts"`
	Ballots    []Ballot    `json:"ballots,omitempty"`
	Objections []Objection `json:"objections,omitempty"`
}

// Count is a number of owners (after the merges of SPC interpretation Art. 9) and the
// exclusive area they hold. JSON: {"owners": 12, "area_m2": "900.00"}.
type Count struct {
	Owners int64 `json:"owners"`
	Area   Area  `json:"area_m2"`
}

func (c Count) plus(a Area) Count { return Count{c.Owners + 1, c.Area + a} }

// of returns the owners or the area, as the measure says.
func (c Count) of(m Measure) int64 {
	if m == ByHeadcount {
		return c.Owners
	}
	return int64(c.Area)
}

// Quantity is a number of owners or an area in 0.01 m², as Measure says. JSON carries a
// headcount as a number (8) and an area as a string with two decimals ("600.00", "-0.01").
type Quantity struct {
	Measure Measure
	Value   int64
}

// String formats the quantity as "8 owners" or "600.00 m²".
func (q Quantity) String() string {
	if q.Measure == ByHeadcount {
		if q.Value == 1 || q.Value == -1 {
			return strconv.FormatInt(q.Value, 10) + " owner"
		}
		return strconv.FormatInt(q.Value, 10) + " owners"
	}
	return Area(q.Value).String() + " m²"
}

// zh formats the quantity in Chinese: "8 人" or "600.00 平方米".
func (q Quantity) zh() string {
	if q.Measure == ByHeadcount {
		return strconv.FormatInt(q.Value, 10) + " 人"
	}
	return Area(q.Value).String() + " 平方米"
}

// MarshalJSON encodes a headcount as a JSON number and an area as a JSON string.
func (q Quantity) MarshalJSON() ([]byte, error) {
	if q.Measure == ByHeadcount {
		return []byte(strconv.FormatInt(q.Value, 10)), nil
	}
	return []byte(`"` + Area(q.Value).String() + `"`), nil
}

// ClauseResult is how one clause fared: Numerator of Denominator against Threshold
// (Inclusive ≥, else >). Required is the smallest numerator that holds: ceil(p·D/q) when
// inclusive, floor(p·D/q)+1 when strict, and 1 (one owner, 0.01 m²) when the denominator is 0.
// Margin = Numerator − Required: ≥ 0 when the clause held (how much could be lost), < 0 when
// it failed (how much is short). All quantities are exact: owners, or area in 0.01 m².
type ClauseResult struct {
	Clause      Clause   `json:"-"`
	Name        string   `json:"name"`
	Measure     Measure  `json:"measure"`
	Base        Base     `json:"base"`
	Threshold   Fraction `json:"threshold"`
	Inclusive   bool     `json:"inclusive"`
	Numerator   Quantity `json:"numerator"`
	Denominator Quantity `json:"denominator"`
	Held        bool     `json:"held"`
	Margin      Quantity `json:"margin"`
	Required    Quantity `json:"-"`
}

// Error describes a failed clause in the ledgers' words, for example
// `clause "agreeing area ≥ 3/4 of participating": 449.99 m² of 600.00 m², 0.01 m² short`.
func (c ClauseResult) Error() string {
	if c.Held {
		return fmt.Sprintf("clause %q: %s of %s, %s to spare", c.Name, c.Numerator, c.Denominator, Quantity{c.Measure, c.Margin.Value})
	}
	return fmt.Sprintf("clause %q: %s of %s, %s short", c.Name, c.Numerator, c.Denominator, Quantity{c.Measure, -c.Margin.Value})
}

// evalClause evaluates c given the totals in scope, the participating and the agreeing.
func evalClause(c Clause, total, part, agree Count) ClauseResult {
	n, d := clauseND(c, total, part, agree)
	held := d > 0 && c.Threshold.meets(n, d, c.Inclusive)
	req := int64(1)
	if d > 0 {
		req = c.Threshold.least(d, c.Inclusive)
	}
	return ClauseResult{
		Clause: c, Name: c.Label(), Measure: c.Measure, Base: c.Base, Threshold: c.Threshold,
		Inclusive: c.Inclusive, Numerator: Quantity{c.Measure, n}, Denominator: Quantity{c.Measure, d},
		Held: held, Margin: Quantity{c.Measure, n - req}, Required: Quantity{c.Measure, req},
	}
}

func clauseND(c Clause, total, part, agree Count) (n, d int64) {
	num := agree
	if c.Counts == Participating {
		num = part
	}
	den := total
	if c.Base == OfParticipating {
		den = part
	}
	return num.of(c.Measure), den.of(c.Measure)
}

// Result is the outcome of a tally under one rule, with everything needed to explain it.
//
// JSON (the contract of examples/consent): passed, total, participating, agreeing (each
// {"owners", "area_m2"}), clauses (each {name, measure, base, threshold, inclusive,
// numerator, denominator, held, margin}) and needed ({owners, owner_ids, possible, reason});
// also rule, basis, opposing, abstaining, not_voting, vetoes, objections and problems.
type Result struct {
	// Rule is the rule's name; Basis its legal source and date.
	Rule  string `json:"rule"`
	Basis string `json:"basis"`
	// Passed: every clause held, every occupied part's owner agreed and, where the rule says
	// so, no objection is unresolved.
	Passed bool `json:"passed"`
	// Parts is the number of exclusive parts in scope.
	Parts         int   `json:"parts"`
	Total         Count `json:"total"`
	Participating Count `json:"participating"`
	Agreeing      Count `json:"agreeing"`
	Opposing      Count `json:"opposing"`
	Abstaining    Count `json:"abstaining"`
	NotVoting     Count `json:"not_voting"`
	// Clauses are in the rule's order.
	Clauses []ClauseResult `json:"clauses"`
	// Vetoes are the owners of occupied parts who have not agreed, by ID.
	Vetoes []OwnerTally `json:"vetoes"`
	// Objections are the objections still unresolved: those recorded in the poll, then, under
	// a rule with OpposeIsObjection, one per opposing owner with no resolved objection. Under
	// a rule without NoUnresolvedObjection they are reported but do not decide.
	Objections []Objection `json:"objections"`
	// Problems are the ballots that were not counted, in ballot order.
	Problems []BallotProblem `json:"problems"`
	// Needed says what it would take to pass.
	Needed Needed `json:"needed"`
}

// MaxTotalArea is the largest total exclusive area Tally accepts in one scope: 2⁶² × 0.01 m²,
// about 4.6·10¹⁶ m², far beyond any real compound. Keeping totals below it leaves room for
// every sum, margin and smallest passing value in an int64; the threshold products are taken
// in 128 bits.
const MaxTotalArea Area = 1 << 62

// ErrOverflow is returned when the total area in scope exceeds MaxTotalArea.
var ErrOverflow = errors.New("total area too large")

// maxPartErrors bounds how many part errors Tally reports before summarising.
const maxPartErrors = 20

// Owners returns every owner in scope as counted (SPC interpretation Art. 9 merges applied,
// votes resolved as Tally does), sorted by ID, with the ballots that could not be counted.
// Errors are as for Tally.
func (p Poll) Owners() ([]OwnerTally, []BallotProblem, error) {
	c, err := countPoll(&p)
	if err != nil {
		return nil, nil, err
	}
	out := make([]OwnerTally, len(c.owners))
	for i := range out {
		out[i] = c.tally(int32(i))
	}
	sortOwners(out)
	return out, c.problems, nil
}

// Tally counts a poll under rule r, exactly in integers.
//
// Headcount follows SPC interpretation Art. 9 (one part one person; the developer's unsold and
// undelivered parts together one person; an owner of several parts once); area sums over
// parts. An owner takes part if they cast a valid ballot (agree, oppose or abstain) and agrees
// if they voted agree. Ballots that cannot be counted are reported in Result.Problems and
// their owners counted as not taking part. Every comparison is a cross-multiplication in
// 128-bit integers, so any int64 input is exact; the result does not depend on the order of
// parts or ballots (except the order of Problems, which follows the ballots).
//
// Monotonicity under the Civil Code 2021 rules (proved in the tests):
//   - turning a non-voter into an agreeing voter never turns a pass into a fail: it adds
//     the same area a to the participating P and the agreeing A, and q(A+a) ≥ p(P+a) ⇐
//     qA ≥ pP because p ≤ q;
//   - an abstainer can turn a fail into a pass (by completing the 2/3 quorum), and can turn a
//     pass into a fail (by raising the participating denominator of the 3/4 or 1/2 clause).
//
// Errors: an invalid rule (ErrInvalidRule); invalid parts — empty ID, non-positive area,
// duplicate ID, a sold part with no owner — as joined *PartError values (ErrInvalidPart);
// ErrOverflow if the total area does not fit in an int64.
func Tally(p Poll, r Rule) (Result, error) { return tallyHash(p, r, seededHash()) }

func tallyHash(p Poll, r Rule, hash stringHash) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	c, err := countPollHash(&p, hash)
	if err != nil {
		return Result{}, err
	}
	return c.result(&r), nil
}

func (c *counted) result(r *Rule) Result {
	res := Result{
		Rule:       r.Name,
		Basis:      basis(r),
		Parts:      c.parts,
		Clauses:    make([]ClauseResult, 0, len(r.Clauses)),
		Vetoes:     []OwnerTally{},
		Objections: []Objection{},
		Problems:   c.problems,
	}
	if res.Problems == nil {
		res.Problems = []BallotProblem{}
	}
	for oi := range c.owners {
		o := &c.owners[oi]
		res.Total = res.Total.plus(o.area)
		switch o.vote {
		case Agree:
			res.Agreeing = res.Agreeing.plus(o.area)
			res.Participating = res.Participating.plus(o.area)
		case Oppose:
			res.Opposing = res.Opposing.plus(o.area)
			res.Participating = res.Participating.plus(o.area)
		case Abstain:
			res.Abstaining = res.Abstaining.plus(o.area)
			res.Participating = res.Participating.plus(o.area)
		default:
			res.NotVoting = res.NotVoting.plus(o.area)
		}
		if o.occupied && o.vote != Agree {
			res.Vetoes = append(res.Vetoes, c.tally(int32(oi)))
		}
	}
	sortOwners(res.Vetoes)
	held := true
	for _, cl := range r.Clauses {
		cr := evalClause(cl, res.Total, res.Participating, res.Agreeing)
		held = held && cr.Held
		res.Clauses = append(res.Clauses, cr)
	}
	res.Objections = c.unresolvedObjections(r)
	blocked := r.NoUnresolvedObjection && len(res.Objections) > 0
	res.Passed = held && len(res.Vetoes) == 0 && !blocked
	res.Needed = c.needed(r, &res)
	return res
}

func basis(r *Rule) string {
	switch {
	case r.Source != "" && r.Date != "":
		return r.Source + " (" + r.Date + ")"
	case r.Source != "":
		return r.Source
	}
	return r.Name
}

// unresolvedObjections returns the recorded objections still unresolved, in input order, then
// (under OpposeIsObjection) one per opposing owner without a resolved objection, by owner ID.
func (c *counted) unresolvedObjections(r *Rule) []Objection {
	objs := c.poll.Objections
	out := []Objection{}
	recorded := map[string]bool{} // an owner's own record replaces the vote's objection
	for _, o := range objs {
		recorded[o.By] = true
	}
	for _, o := range objs {
		if o.Resolution == Unresolved {
			out = append(out, o)
		}
	}
	if r.OpposeIsObjection {
		var opp []Objection
		for oi := range c.owners {
			if c.owners[oi].vote == Oppose && !recorded[c.id(int32(oi))] {
				opp = append(opp, Objection{By: c.id(int32(oi)), Reason: "voted oppose (反对)", FromVote: true})
			}
		}
		slices.SortFunc(opp, func(a, b Objection) int { return strings.Compare(a.By, b.By) })
		out = append(out, opp...)
	}
	return out
}

// MarshalIndent is json.MarshalIndent of the result with two-space indentation and a final
// newline, the form examples/consent prints.
func (r Result) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
