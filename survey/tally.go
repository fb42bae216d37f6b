package survey

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
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

func (c Count) plus(o OwnerTally) Count { return Count{c.Owners + 1, c.Area + o.Area} }

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

// holds reports whether every clause of r holds for the given counts.
func holds(r *Rule, total, part, agree Count) bool {
	for _, c := range r.Clauses {
		n, d := clauseND(c, total, part, agree)
		if d <= 0 || !c.Threshold.meets(n, d, c.Inclusive) {
			return false
		}
	}
	return true
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
	out := slices.Clone(c.owners)
	sortOwners(out)
	return out, c.problems, nil
}

// counted is a poll reduced to owners.
type counted struct {
	owners   []OwnerTally // in order of first appearance in the parts
	problems []BallotProblem
	parts    int
	total    Area
}

// countPoll merges parts into owners (SPC interpretation Art. 9) and resolves the ballots.
// Errors: joined *PartError values (ErrInvalidPart) for bad parts, ErrOverflow.
func countPoll(p *Poll) (*counted, error) {
	n := len(p.Parts)
	ownerIdx := make(map[string]int32, n/2+1)
	partIdx := make(map[string]int32, n)
	partOwner := make([]int32, n)
	owners := make([]OwnerTally, 0, n/2+1)
	var errs []error
	bad := 0
	var total Area
	for i := range p.Parts {
		pt := &p.Parts[i]
		reason := checkPart(pt)
		if reason == "" {
			if j, dup := partIdx[pt.ID]; dup {
				reason = fmt.Sprintf("duplicate of part %d", j+1)
			}
		}
		if reason != "" {
			bad++
			if bad <= maxPartErrors {
				errs = append(errs, &PartError{Index: i, ID: pt.ID, Reason: reason})
			}
			continue
		}
		partIdx[pt.ID] = int32(i)
		if pt.Area > MaxTotalArea-total {
			return nil, fmt.Errorf("%w: at part %d (%q) the sum passes %s m²", ErrOverflow, i+1, pt.ID, MaxTotalArea)
		}
		total += pt.Area
		id := pt.CountedOwner()
		oi, ok := ownerIdx[id]
		if !ok {
			oi = int32(len(owners))
			ownerIdx[id] = oi
			owners = append(owners, OwnerTally{ID: id})
		}
		o := &owners[oi]
		o.Parts++
		o.Area += pt.Area
		o.Occupied = o.Occupied || pt.Occupied
		partOwner[i] = oi
	}
	if bad > 0 {
		if bad > maxPartErrors {
			errs = append(errs, fmt.Errorf("%w: %d more parts are invalid", ErrInvalidPart, bad-maxPartErrors))
		}
		return nil, errors.Join(errs...)
	}

	c := &counted{owners: owners, parts: n, total: total}
	if len(p.Ballots) == 0 {
		return c, nil
	}
	// Resolve each ballot to an owner; seen[o] is the set of votes seen for owner o (bit v).
	seen := make([]uint8, len(owners))
	first := make([]int32, len(owners))
	var blocBuyers map[string]bool
	problem := func(i int, b *Ballot, k ProblemKind, detail string) {
		c.problems = append(c.problems, BallotProblem{Kind: k, Ballot: i, Ref: b.Ref, Owner: b.Owner, Part: b.Part, Detail: detail})
	}
	for i := range p.Ballots {
		b := &p.Ballots[i]
		if b.Vote == NoVote || !b.Vote.Valid() {
			problem(i, b, ProblemInvalidVote, fmt.Sprintf("vote %d is not agree, oppose or abstain", int(b.Vote)))
			continue
		}
		var oi int32
		switch {
		case b.Part != "":
			pi, ok := partIdx[b.Part]
			if !ok {
				problem(i, b, ProblemUnknownPart, fmt.Sprintf("part %q is not in scope", b.Part))
				continue
			}
			oi = partOwner[pi]
			if b.Owner != "" && b.Owner != owners[oi].ID {
				if owners[oi].ID == DeveloperBloc && b.Owner == p.Parts[pi].Owner {
					problem(i, b, ProblemNotCounted, fmt.Sprintf("part %q is %s and counts with the developer (SPC interpretation Art. 9), not with its buyer %q", b.Part, p.Parts[pi].Status, b.Owner))
				} else {
					problem(i, b, ProblemMismatch, fmt.Sprintf("part %q counts under owner %q, not %q", b.Part, owners[oi].ID, b.Owner))
				}
				continue
			}
		case b.Owner != "":
			var ok bool
			oi, ok = ownerIdx[b.Owner]
			if !ok {
				if blocBuyers == nil {
					blocBuyers = map[string]bool{}
					for j := range p.Parts {
						if p.Parts[j].CountedOwner() == DeveloperBloc {
							blocBuyers[p.Parts[j].Owner] = true
						}
					}
				}
				if blocBuyers[b.Owner] {
					problem(i, b, ProblemNotCounted, fmt.Sprintf("owner %q holds only unsold or undelivered parts, which count with the developer (SPC interpretation Art. 9)", b.Owner))
				} else {
					problem(i, b, ProblemUnknownOwner, fmt.Sprintf("owner %q holds no part in scope", b.Owner))
				}
				continue
			}
		default:
			problem(i, b, ProblemNoIdentity, "names neither an owner nor a part")
			continue
		}
		if seen[oi] == 0 {
			first[oi] = int32(i)
		}
		seen[oi] |= 1 << b.Vote
	}
	conflicts := false
	for oi := range owners {
		s := seen[oi]
		switch {
		case s == 0:
		case bits.OnesCount8(s) == 1:
			owners[oi].Vote = Vote(bits.TrailingZeros8(s))
		default:
			conflicts = true
		}
	}
	if conflicts {
		c.conflictProblems(p, partIdx, partOwner, ownerIdx, seen, first)
	}
	slices.SortStableFunc(c.problems, func(a, b BallotProblem) int { return a.Ballot - b.Ballot })
	return c, nil
}

// conflictProblems reports, once per owner, the owners who cast different votes, quoting
// every ballot. Only called when there is a conflict, so it may take a second pass.
func (c *counted) conflictProblems(p *Poll, partIdx map[string]int32, partOwner []int32, ownerIdx map[string]int32, seen []uint8, first []int32) {
	refs := map[int32][]string{}
	for i := range p.Ballots {
		b := &p.Ballots[i]
		if b.Vote == NoVote || !b.Vote.Valid() {
			continue
		}
		oi := int32(-1)
		if b.Part != "" {
			if j, ok := partIdx[b.Part]; ok {
				oi = partOwner[j]
			}
		} else if x, ok := ownerIdx[b.Owner]; ok {
			oi = x
		}
		if oi < 0 || bits.OnesCount8(seen[oi]) < 2 {
			continue
		}
		ref := b.Ref
		if ref == "" {
			ref = fmt.Sprintf("ballot %d", i+1)
		}
		refs[oi] = append(refs[oi], b.Vote.String()+" ("+ref+")")
	}
	for oi := range c.owners {
		if bits.OnesCount8(seen[oi]) < 2 {
			continue
		}
		i := first[oi]
		b := &p.Ballots[i]
		c.problems = append(c.problems, BallotProblem{
			Kind: ProblemConflict, Ballot: int(i), Ref: b.Ref, Owner: c.owners[oi].ID,
			Detail: fmt.Sprintf("owner %q cast different votes: %s; none is counted", c.owners[oi].ID, strings.Join(refs[int32(oi)], ", ")),
		})
	}
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
func Tally(p Poll, r Rule) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	c, err := countPoll(&p)
	if err != nil {
		return Result{}, err
	}
	return c.result(&p, &r), nil
}

func (c *counted) result(p *Poll, r *Rule) Result {
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
	for _, o := range c.owners {
		res.Total = res.Total.plus(o)
		switch o.Vote {
		case Agree:
			res.Agreeing = res.Agreeing.plus(o)
			res.Participating = res.Participating.plus(o)
		case Oppose:
			res.Opposing = res.Opposing.plus(o)
			res.Participating = res.Participating.plus(o)
		case Abstain:
			res.Abstaining = res.Abstaining.plus(o)
			res.Participating = res.Participating.plus(o)
		default:
			res.NotVoting = res.NotVoting.plus(o)
		}
		if o.Occupied && o.Vote != Agree {
			res.Vetoes = append(res.Vetoes, o)
		}
	}
	sortOwners(res.Vetoes)
	held := true
	for _, cl := range r.Clauses {
		cr := evalClause(cl, res.Total, res.Participating, res.Agreeing)
		held = held && cr.Held
		res.Clauses = append(res.Clauses, cr)
	}
	res.Objections = unresolvedObjections(p.Objections, c.owners, r)
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
func unresolvedObjections(objs []Objection, owners []OwnerTally, r *Rule) []Objection {
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
		for _, o := range owners {
			if o.Vote == Oppose && !recorded[o.ID] {
				opp = append(opp, Objection{By: o.ID, Reason: "voted oppose (反对)"})
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
