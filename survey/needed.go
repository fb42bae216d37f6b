package survey

import (
	"fmt"
	"slices"
	"strings"
)

// Needed is what it would take to pass: the fewest further owners who would have to agree,
// and which. OwnerIDs lists them largest area first (ties by ID); Convert gives the same
// owners with their area and present vote.
//
// The owners of occupied parts who have not agreed are always among them (their consent is
// required whatever the majorities). Objections are not converted away: when the rule forbids
// unresolved objections, Result.Objections lists those still to resolve (by mediation,
// compensation or withdrawal) and Reason says so. When no set of further agreeing owners can
// pass (no part in scope, or a clause that even unanimity cannot meet), Possible is false and
// Reason says why. When the poll passed, Owners is 0.
//
// Minimality: converting a non-voter adds its area to both the participating and the agreeing
// counts, converting an abstainer or opposer to the agreeing count only. Every clause
// q·N ≥ p·D (or >) with p ≤ q is monotone in both kinds of addition — for example agreeing
// ≥ 3/4 of participating becomes 4(A+a1+a2) ≥ 3(P+a1) ⇔ 4A + a1 + 4a2 ≥ 3P — so for a fixed
// number k1 of non-voters and k2 of others the best choice is the largest areas in each group,
// and passing is monotone in k = k1+k2. The search is a binary search on k over all splits,
// with prefix sums: O(n log n). The tests check it against brute force over all subsets.
// Among the splits that pass with the fewest owners, the one with the most non-voters is
// chosen (they have not said no).
type Needed struct {
	Owners   int          `json:"owners"`
	OwnerIDs []string     `json:"owner_ids"`
	Possible bool         `json:"possible"`
	Reason   string       `json:"reason,omitempty"`
	Convert  []OwnerTally `json:"-"`
}

// needed computes Needed for a result whose counts and clauses are filled in.
func (c *counted) needed(r *Rule, res *Result) Needed {
	nd := Needed{OwnerIDs: []string{}, Convert: []OwnerTally{}, Possible: true}
	if len(c.owners) == 0 {
		nd.Possible = false
		nd.Reason = "no part in scope: nobody can decide"
		return nd
	}
	objNote := ""
	if r.NoUnresolvedObjection && len(res.Objections) > 0 {
		by := make([]string, len(res.Objections))
		for i, o := range res.Objections {
			by[i] = o.By
		}
		objNote = fmt.Sprintf("resolve %d objection(s), by %s (the rule allows no unresolved objection)", len(by), strings.Join(by, ", "))
	}
	if res.Passed {
		return nd
	}
	heldAll := len(res.Vetoes) == 0
	for _, cr := range res.Clauses {
		heldAll = heldAll && cr.Held
	}
	if heldAll {
		nd.Reason = objNote
		return nd
	}

	part, agree := res.Participating, res.Agreeing
	var forced, g1, g2 []OwnerTally // g1: no valid ballot; g2: abstained or opposed
	for _, o := range c.owners {
		switch {
		case o.Vote == Agree:
		case o.Occupied:
			forced = append(forced, o)
		case o.Vote == NoVote:
			g1 = append(g1, o)
		default:
			g2 = append(g2, o)
		}
	}
	for _, o := range forced {
		if o.Vote == NoVote {
			part = part.plus(o)
		}
		agree = agree.plus(o)
	}
	sortCandidates(g1)
	sortCandidates(g2)
	s1, s2 := prefix(g1), prefix(g2)
	total := res.Total
	try := func(k1, k2 int) bool {
		p := Count{part.Owners + int64(k1), part.Area + s1[k1]}
		a := Count{agree.Owners + int64(k1+k2), agree.Area + s1[k1] + s2[k2]}
		return holds(r, total, p, a)
	}
	// split returns the largest k1 with try(k1, k-k1), or -1.
	split := func(k int) int {
		for k1 := min(k, len(g1)); k1 >= 0 && k-k1 <= len(g2); k1-- {
			if try(k1, k-k1) {
				return k1
			}
		}
		return -1
	}
	if !try(len(g1), len(g2)) {
		nd.Possible = false
		p := Count{part.Owners + int64(len(g1)), part.Area + s1[len(g1)]}
		a := Count{agree.Owners + int64(len(g1)+len(g2)), agree.Area + s1[len(g1)] + s2[len(g2)]}
		var fails []string
		for _, cl := range r.Clauses {
			if cr := evalClause(cl, total, p, a); !cr.Held {
				fails = append(fails, cr.Error())
			}
		}
		nd.Reason = "cannot pass even if every owner agreed: " + strings.Join(fails, "; ")
		return nd
	}
	lo, hi := 0, len(g1)+len(g2) // split(hi) ≥ 0; find the least k with split(k) ≥ 0
	for lo < hi {
		mid := lo + (hi-lo)/2
		if split(mid) >= 0 {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	k1 := split(lo)
	conv := make([]OwnerTally, 0, len(forced)+lo)
	conv = append(conv, forced...)
	conv = append(conv, g1[:k1]...)
	conv = append(conv, g2[:lo-k1]...)
	sortCandidates(conv)
	nd.Convert = conv
	nd.Owners = len(conv)
	for _, o := range conv {
		nd.OwnerIDs = append(nd.OwnerIDs, o.ID)
	}
	var notes []string
	if len(forced) > 0 {
		notes = append(notes, fmt.Sprintf("includes %d owner(s) of occupied parts, whose consent is required", len(forced)))
	}
	if objNote != "" {
		notes = append(notes, "also "+objNote)
	}
	nd.Reason = strings.Join(notes, "; ")
	return nd
}

// sortCandidates orders owners largest area first, then abstainers before non-voters before
// opposers, then by ID, so that the choice never depends on input order.
func sortCandidates(o []OwnerTally) {
	rank := [...]int{NoVote: 1, Agree: 0, Oppose: 2, Abstain: 0}
	slices.SortFunc(o, func(a, b OwnerTally) int {
		switch {
		case a.Area != b.Area:
			if a.Area > b.Area {
				return -1
			}
			return 1
		case a.Vote != b.Vote:
			return rank[a.Vote] - rank[b.Vote]
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// prefix returns the prefix sums of the owners' areas: s[k] is the area of the first k.
func prefix(o []OwnerTally) []Area {
	s := make([]Area, len(o)+1)
	for i, x := range o {
		s[i+1] = s[i] + x.Area
	}
	return s
}
