package survey

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Needed is what it would take to pass: the fewest further owners who would have to agree,
// and which. OwnerIDs lists them largest area first (equal areas: abstainers, then
// non-voters, then opposers, then by ID); Convert gives the same owners with their area and
// present vote.
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
// and passing is monotone in k = k1+k2. The search is a binary search on k; for each k the
// splits are narrowed by binary search on the clauses monotone in k1 (participation rises
// with k1, agreement by headcount among participants falls) and the rest tried with prefix
// sums of the areas sorted by radix. The tests check it against brute force over all
// subsets.
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
	// objNote names the objections still to resolve once the owners in conv agree (an
	// objection raised by an oppose vote goes when its owner agrees).
	objNote := func(conv []OwnerTally) string {
		if !r.NoUnresolvedObjection {
			return ""
		}
		agreed := map[string]bool{}
		for _, o := range conv {
			agreed[o.ID] = true
		}
		var by []string
		for _, o := range res.Objections {
			if !(o.FromVote && agreed[o.By]) {
				by = append(by, o.By)
			}
		}
		if len(by) == 0 {
			return ""
		}
		return fmt.Sprintf("resolve %d objection(s), by %s (the rule allows no unresolved objection)", len(by), strings.Join(by, ", "))
	}
	if res.Passed {
		return nd
	}
	heldAll := len(res.Vetoes) == 0
	for _, cr := range res.Clauses {
		heldAll = heldAll && cr.Held
	}
	if heldAll {
		nd.Reason = objNote(nil)
		return nd
	}

	part, agree := res.Participating, res.Agreeing
	n1, n2 := 0, 0
	for oi := range c.owners {
		switch o := &c.owners[oi]; {
		case o.vote == Agree || o.occupied:
		case o.vote == NoVote:
			n1++
		default:
			n2++
		}
	}
	var forced []int32
	g1, g2 := make([]int32, 0, n1), make([]int32, 0, n2) // g1: no valid ballot; g2: abstained or opposed
	a1, a2 := make([]Area, 0, n1), make([]Area, 0, n2)   // their areas, sorted below
	for oi := range int32(len(c.owners)) {
		o := &c.owners[oi]
		switch {
		case o.vote == Agree:
		case o.occupied:
			forced = append(forced, oi)
			if o.vote == NoVote {
				part = part.plus(o.area)
			}
			agree = agree.plus(o.area)
		case o.vote == NoVote:
			g1 = append(g1, oi)
			a1 = append(a1, o.area)
		default:
			g2 = append(g2, oi)
			a2 = append(a2, o.area)
		}
	}
	sortAreasDesc(a1)
	sortAreasDesc(a2)
	s1, s2 := prefix(a1), prefix(a2)
	total := res.Total
	// holdsIf reports whether the clauses selected by which hold after converting the k1
	// largest non-voters and the k2 largest others.
	holdsIf := func(k1, k2 int, which func(Clause) bool) bool {
		p := Count{part.Owners + int64(k1), part.Area + s1[k1]}
		a := Count{agree.Owners + int64(k1+k2), agree.Area + s1[k1] + s2[k2]}
		for _, c := range r.Clauses {
			if !which(c) {
				continue
			}
			n, d := clauseND(c, total, p, a)
			if d <= 0 || !c.Threshold.meets(n, d, c.Inclusive) {
				return false
			}
		}
		return true
	}
	all := func(Clause) bool { return true }
	try := func(k1, k2 int) bool { return holdsIf(k1, k2, all) }
	// For a fixed k = k1 + k2, moving one conversion from the others to a non-voter raises
	// participation, so participation clauses hold from some k1 on, and it raises the
	// participating headcount while the agreeing headcount stays, so agreeing-headcount-of-
	// participants clauses hold up to some k1. Only the k1 between (found by binary search)
	// need trying against the area clauses.
	rising := func(c Clause) bool { return c.Counts == Participating }
	falling := func(c Clause) bool {
		return c.Counts == Agreeing && c.Measure == ByHeadcount && c.Base == OfParticipating
	}
	// split returns the largest k1 with try(k1, k-k1), or -1.
	split := func(k int) int {
		lo, hi := max(0, k-len(g2)), min(k, len(g1))
		if lo > hi {
			return -1
		}
		lo += sort.Search(hi-lo+1, func(i int) bool { return holdsIf(lo+i, k-lo-i, rising) })
		if lo > hi || !holdsIf(lo, k-lo, falling) {
			return -1
		}
		hi = lo - 1 + sort.Search(hi-lo+1, func(i int) bool { return !holdsIf(lo+i, k-lo-i, falling) })
		for k1 := hi; k1 >= lo; k1-- {
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
	for _, oi := range forced {
		conv = append(conv, c.tally(oi))
	}
	conv = c.largest(conv, g1, a1, k1)
	conv = c.largest(conv, g2, a2, lo-k1)
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
	if note := objNote(conv); note != "" {
		notes = append(notes, "also "+note)
	}
	nd.Reason = strings.Join(notes, "; ")
	return nd
}

// largest appends to dst the first k owners of g in sortCandidates order (largest area,
// then abstainers before non-voters before opposers, then ID), given g's areas sorted
// descending. Only the owners tied at the k-th area are sorted, so a million candidates cost
// one pass.
func (c *counted) largest(dst []OwnerTally, g []int32, desc []Area, k int) []OwnerTally {
	if k == 0 {
		return dst
	}
	cut := desc[k-1]
	var tied []OwnerTally
	for _, oi := range g {
		switch a := c.owners[oi].area; {
		case a > cut:
			dst = append(dst, c.tally(oi))
		case a == cut:
			tied = append(tied, c.tally(oi))
		}
	}
	above := 0
	for above < k && desc[above] > cut {
		above++
	}
	sortCandidates(tied)
	return append(dst, tied[:k-above]...)
}

// sortCandidates orders owners largest area first, then abstainers before non-voters before
// opposers, then by ID, so that the choice never depends on input order. Long lists are
// sorted by area with radix passes and only runs of equal area compared in full.
func sortCandidates(o []OwnerTally) {
	if len(o) >= 256 {
		keys := make([]hkey, len(o))
		for i, x := range o {
			keys[i] = hkey{h: uint64(x.Area), i: int32(i)}
		}
		radixDesc(keys, make([]hkey, len(o)))
		sorted := make([]OwnerTally, len(o))
		for j, k := range keys {
			sorted[j] = o[k.i]
		}
		for lo := 0; lo < len(sorted); {
			hi := lo + 1
			for hi < len(sorted) && sorted[hi].Area == sorted[lo].Area {
				hi++
			}
			if hi-lo > 1 {
				compareCandidates(sorted[lo:hi])
			}
			lo = hi
		}
		copy(o, sorted)
		return
	}
	compareCandidates(o)
}

// compareCandidates is sortCandidates by comparison.
func compareCandidates(o []OwnerTally) {
	rank := [...]int{Abstain: 0, NoVote: 1, Oppose: 2, Agree: 3}
	slices.SortFunc(o, func(a, b OwnerTally) int {
		switch {
		case a.Area != b.Area:
			if a.Area > b.Area {
				return -1
			}
			return 1
		case rank[a.Vote] != rank[b.Vote]:
			return rank[a.Vote] - rank[b.Vote]
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// prefix returns the prefix sums of areas: s[k] is the sum of the first k.
func prefix(a []Area) []Area {
	s := make([]Area, len(a)+1)
	for i, x := range a {
		s[i+1] = s[i] + x
	}
	return s
}
