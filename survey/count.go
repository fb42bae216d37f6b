package survey

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// owner is one owner as counted, kept free of pointers so that a million of them cost the
// garbage collector nothing: the ID is read from the owner's first part when needed.
type owner struct {
	first    int32 // index of the owner's first part
	parts    int32
	area     Area
	vote     Vote
	occupied bool
}

// counted is a poll reduced to owners.
type counted struct {
	poll     *Poll
	owners   []owner // in hash order; never reaches an output unsorted
	problems []BallotProblem
	parts    int
}

// id returns the ID of owner oi.
func (c *counted) id(oi int32) string { return countedOwner(&c.poll.Parts[c.owners[oi].first]) }

// tally returns owner oi as an OwnerTally.
func (c *counted) tally(oi int32) OwnerTally {
	o := &c.owners[oi]
	return OwnerTally{ID: c.id(oi), Parts: int(o.parts), Area: o.area, Vote: o.vote, Occupied: o.occupied}
}

// stringHash hashes IDs; tests replace it to force collisions.
type stringHash func(string) uint64

func seededHash() stringHash {
	seed := maphash.MakeSeed()
	return func(s string) uint64 { return maphash.String(seed, s) }
}

// forEachGroup calls group once for every set of keys whose strings are equal, with the
// members in increasing index. keys must be sorted by sortHkeys; str gives the string of an
// index. Keys with equal hashes are confirmed by comparing strings, so a collision splits
// into separate groups; a long run of equal hashes costs O(r) when all its strings are equal
// (one owner with many parts) and O(r log r) otherwise.
func forEachGroup(keys []hkey, str func(int32) string, group func([]hkey)) {
	for lo := 0; lo < len(keys); {
		hi := lo + 1
		for hi < len(keys) && keys[hi].h == keys[lo].h {
			hi++
		}
		run := keys[lo:hi]
		lo = hi
		if len(run) == 1 {
			group(run)
			continue
		}
		s0 := str(run[0].i)
		same := true
		for _, k := range run[1:] {
			if str(k.i) != s0 {
				same = false
				break
			}
		}
		if same {
			group(run)
			continue
		}
		slices.SortFunc(run, func(a, b hkey) int {
			if c := strings.Compare(str(a.i), str(b.i)); c != 0 {
				return c
			}
			return int(a.i - b.i)
		})
		for a := 0; a < len(run); {
			b := a + 1
			for b < len(run) && str(run[b].i) == str(run[a].i) {
				b++
			}
			group(run[a:b])
			a = b
		}
	}
}

// find returns the index i of the key in keys (sorted by hash, from position *from on) whose
// hash is h and whose string is s, or -1. *from advances past smaller hashes, so a sorted
// sequence of lookups merges in one pass.
func find(keys []hkey, from *int, h uint64, s string, str func(int32) string) int32 {
	j := *from
	for j < len(keys) && keys[j].h < h {
		j++
	}
	*from = j
	for ; j < len(keys) && keys[j].h == h; j++ {
		if str(keys[j].i) == s {
			return keys[j].i
		}
	}
	return -1
}

// countPoll merges parts into owners (SPC interpretation Art. 9) and resolves the ballots.
// Errors: joined *PartError values (ErrInvalidPart) for bad parts, ErrOverflow.
func countPoll(p *Poll) (*counted, error) { return countPollHash(p, seededHash()) }

func countPollHash(p *Poll, hash stringHash) (*counted, error) {
	n := len(p.Parts)
	// Checking the parts (with their IDs' duplicates) and merging them into owners are
	// independent passes over the same read-only parts: on large polls run them side by side.
	// Finding the parts that ballots name needs only the checked parts, so it goes with them.
	var (
		tmp        []hkey
		err        error
		g          ownerGroups
		target     []int32
		slowOwners []hkey
	)
	check := func() {
		var partKeys []hkey
		partKeys, tmp, err = checkParts(p, hash)
		if err == nil && len(p.Ballots) > 0 {
			target, slowOwners = ballotParts(p, hash, partKeys, tmp)
		}
	}
	if n >= parallelParts {
		var wg sync.WaitGroup
		wg.Go(check)
		g = groupOwners(p, hash, make([]hkey, n))
		wg.Wait()
	} else {
		check()
		if err == nil {
			g = groupOwners(p, hash, tmp)
		}
	}
	if err != nil {
		return nil, err
	}
	c := &counted{poll: p, owners: g.owners, parts: n}
	if len(p.Ballots) > 0 {
		c.resolveBallots(target, slowOwners, g.partOwner, g.ownerHash, tmp)
	}
	return c, nil
}

// parallelParts is the number of parts from which countPollHash uses a second goroutine.
const parallelParts = 1 << 15

// checkParts validates the parts and finds duplicate IDs. It returns the parts' keys sorted
// by hash (for ballots that name parts) and a scratch buffer as long. It sums the areas only
// to refuse a total past MaxTotalArea, which the exact comparisons could not hold.
// Errors: joined *PartError values (ErrInvalidPart), ErrOverflow.
func checkParts(p *Poll, hash stringHash) (keys, tmp []hkey, err error) {
	var total Area
	partID := func(i int32) string { return p.Parts[i].ID }
	var perrs []*PartError
	keys = make([]hkey, 0, len(p.Parts))
	for i := range p.Parts {
		pt := &p.Parts[i]
		if reason := checkPart(pt); reason != "" {
			perrs = append(perrs, &PartError{Index: i, ID: pt.ID, Reason: reason})
			continue
		}
		if pt.Area > MaxTotalArea-total {
			return nil, nil, fmt.Errorf("%w: at part %d (%q) the sum passes %s m²", ErrOverflow, i+1, pt.ID, MaxTotalArea)
		}
		total += pt.Area
		keys = append(keys, hkey{h: hash(pt.ID), i: int32(i)})
	}
	tmp = make([]hkey, len(p.Parts))
	sortHkeys(keys, tmp)
	forEachGroup(keys, partID, func(g []hkey) {
		for _, k := range g[1:] {
			perrs = append(perrs, &PartError{Index: int(k.i), ID: partID(k.i), Reason: fmt.Sprintf("duplicate of part %d", g[0].i+1)})
		}
	})
	if len(perrs) == 0 {
		return keys, tmp, nil
	}
	slices.SortFunc(perrs, func(a, b *PartError) int { return a.Index - b.Index })
	var errs []error
	for _, e := range perrs[:min(len(perrs), maxPartErrors)] {
		errs = append(errs, e)
	}
	if len(perrs) > maxPartErrors {
		errs = append(errs, fmt.Errorf("%w: %d more parts are invalid", ErrInvalidPart, len(perrs)-maxPartErrors))
	}
	return nil, nil, errors.Join(errs...)
}

// ownerGroups is the parts merged into owners: owners in hash order, each part's owner, and
// the owners' hashes (nondecreasing).
type ownerGroups struct {
	owners    []owner
	partOwner []int32
	ownerHash []uint64
}

// groupOwners merges the parts into owners by their counted owner's ID (SPC interpretation
// Art. 9), using tmp (len ≥ len(p.Parts)) as scratch. Each key carries its part's area when
// it fits in 31 bits and the part is not occupied (a = -1 otherwise), so that grouping, in
// hash order, seldom has to touch the parts again.
func groupOwners(p *Poll, hash stringHash, tmp []hkey) ownerGroups {
	n := len(p.Parts)
	ownerOf := func(i int32) string { return countedOwner(&p.Parts[i]) }
	okeys := make([]hkey, n)
	for i := range p.Parts {
		pt := &p.Parts[i]
		a := int32(-1)
		if pt.Area >= 0 && pt.Area <= math.MaxInt32 && !pt.Occupied {
			a = int32(pt.Area)
		}
		okeys[i] = hkey{hash(countedOwner(pt)), int32(i), a}
	}
	sortHkeys(okeys, tmp)
	g := ownerGroups{partOwner: make([]int32, n), owners: make([]owner, 0, n), ownerHash: make([]uint64, 0, n)}
	forEachGroup(okeys, ownerOf, func(run []hkey) {
		oi := int32(len(g.owners))
		o := owner{first: run[0].i, parts: int32(len(run))}
		for _, k := range run {
			if k.a >= 0 {
				o.area += Area(k.a)
			} else {
				pt := &p.Parts[k.i]
				o.area += pt.Area
				o.occupied = o.occupied || pt.Occupied
			}
			g.partOwner[k.i] = oi
		}
		g.owners = append(g.owners, o)
		g.ownerHash = append(g.ownerHash, run[0].h)
	})
	return g
}

// ballotParts finds the part each ballot naming a part refers to: target[i] is its index, or
// -1 (also for ballots naming only an owner, which are returned hashed in slowOwners for
// resolveBallots to find once owners are grouped). partKeys are the parts' keys sorted by
// hash; tmp is scratch.
func ballotParts(p *Poll, hash stringHash, partKeys, tmp []hkey) (target []int32, slowOwners []hkey) {
	n := len(p.Parts)
	partID := func(i int32) string { return p.Parts[i].ID }
	target = make([]int32, len(p.Ballots))
	var slowParts []hkey
	// Rosters list ballots in part order: look a few parts ahead of the last one found; when
	// that misses, binary-search the hashed parts and resynchronise there. When misses pass
	// 64 plus one in sixteen ballots (ballots in another order), sort the rest and merge them
	// in one pass.
	const window = 16
	cur, misses, sorted := 0, 0, false
	for i := range p.Ballots {
		b := &p.Ballots[i]
		target[i] = -1
		switch {
		case b.Vote == NoVote || !b.Vote.Valid():
		case b.Part != "":
			found := false
			for j := cur; j < min(cur+window, n); j++ {
				if p.Parts[j].ID == b.Part {
					target[i], cur, found = int32(j), j+1, true
					break
				}
			}
			if found {
				continue
			}
			h := hash(b.Part)
			if !sorted && misses < 64+i/16 {
				misses++
				from, _ := slices.BinarySearchFunc(partKeys, h, func(k hkey, h uint64) int { return cmp.Compare(k.h, h) })
				if j := find(partKeys, &from, h, b.Part, partID); j >= 0 {
					target[i], cur = j, int(j)+1
				}
				continue
			}
			sorted = true
			slowParts = append(slowParts, hkey{h: h, i: int32(i)})
		case b.Owner != "":
			slowOwners = append(slowOwners, hkey{h: hash(b.Owner), i: int32(i)})
		}
	}
	if len(slowParts) > 0 {
		sortHkeys(slowParts, tmp)
		from := 0
		for _, k := range slowParts {
			target[k.i] = find(partKeys, &from, k.h, p.Ballots[k.i].Part, partID)
		}
	}
	return target, slowOwners
}

// resolveBallots finds the owners of ballots naming only an owner (slowOwners, from
// ballotParts), then each ballot's owner, records the votes and reports what cannot count.
// target is from ballotParts and is overwritten.
func (c *counted) resolveBallots(target []int32, slowOwners []hkey, partOwner []int32, ownerHash []uint64, tmp []hkey) {
	p := c.poll
	if len(slowOwners) > 0 {
		sortHkeys(slowOwners, tmp)
		j := 0
		for _, k := range slowOwners {
			for j < len(ownerHash) && ownerHash[j] < k.h {
				j++
			}
			for x := j; x < len(ownerHash) && ownerHash[x] == k.h; x++ {
				if c.id(int32(x)) == p.Ballots[k.i].Owner {
					target[k.i] = int32(x)
					break
				}
			}
		}
	}

	// ballotOwner[i] is the owner ballot i counts for, or -1 if it has a problem.
	ballotOwner := target                // reused in place: each entry is read before it is overwritten
	seen := make([]uint8, len(c.owners)) // bit v set: the owner cast vote v
	first := make([]int32, len(c.owners))
	var blocBuyers map[string]bool
	problem := func(i int, b *Ballot, k ProblemKind, detail string) {
		c.problems = append(c.problems, BallotProblem{Kind: k, Ballot: i, Ref: b.Ref, Owner: b.Owner, Part: b.Part, Detail: detail})
		ballotOwner[i] = -1
	}
	for i := range p.Ballots {
		b := &p.Ballots[i]
		t := target[i]
		var oi int32
		switch {
		case b.Vote == NoVote || !b.Vote.Valid():
			problem(i, b, ProblemInvalidVote, fmt.Sprintf("vote %d is not agree, oppose or abstain", int(b.Vote)))
			continue
		case b.Part != "":
			if t < 0 {
				problem(i, b, ProblemUnknownPart, fmt.Sprintf("part %q is not in scope", b.Part))
				continue
			}
			oi = partOwner[t]
			if b.Owner != "" && b.Owner != c.id(oi) {
				if c.id(oi) == DeveloperBloc && b.Owner == p.Parts[t].Owner {
					problem(i, b, ProblemNotCounted, fmt.Sprintf("part %q is %s and counts with the developer (SPC interpretation Art. 9), not with its buyer %q", b.Part, p.Parts[t].Status, b.Owner))
				} else {
					problem(i, b, ProblemMismatch, fmt.Sprintf("part %q counts under owner %q, not %q", b.Part, c.id(oi), b.Owner))
				}
				continue
			}
		case b.Owner != "":
			if t < 0 {
				if blocBuyers == nil {
					blocBuyers = map[string]bool{}
					for j := range p.Parts {
						if countedOwner(&p.Parts[j]) == DeveloperBloc {
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
			oi = t
		default:
			problem(i, b, ProblemNoIdentity, "names neither an owner nor a part")
			continue
		}
		ballotOwner[i] = oi
		if seen[oi] == 0 {
			first[oi] = int32(i)
		}
		seen[oi] |= 1 << b.Vote
	}
	conflicts := false
	for oi := range c.owners {
		switch s := seen[oi]; {
		case s == 0:
		case bits.OnesCount8(s) == 1:
			c.owners[oi].vote = Vote(bits.TrailingZeros8(s))
		default:
			conflicts = true
		}
	}
	if conflicts {
		c.conflictProblems(ballotOwner, seen, first)
	}
	slices.SortStableFunc(c.problems, func(a, b BallotProblem) int { return a.Ballot - b.Ballot })
}

// conflictProblems reports, once per owner, the owners who cast different votes, quoting
// every ballot in ballot order.
func (c *counted) conflictProblems(ballotOwner []int32, seen []uint8, first []int32) {
	p := c.poll
	refs := map[int32][]string{}
	for i, oi := range ballotOwner {
		if oi < 0 || bits.OnesCount8(seen[oi]) < 2 {
			continue
		}
		b := &p.Ballots[i]
		ref := b.Ref
		if ref == "" {
			ref = fmt.Sprintf("ballot %d", i+1)
		}
		refs[oi] = append(refs[oi], b.Vote.String()+" ("+ref+")")
	}
	for oi := range int32(len(c.owners)) {
		if bits.OnesCount8(seen[oi]) < 2 {
			continue
		}
		i := first[oi]
		b := &p.Ballots[i]
		c.problems = append(c.problems, BallotProblem{
			Kind: ProblemConflict, Ballot: int(i), Ref: b.Ref, Owner: c.id(oi),
			Detail: fmt.Sprintf("owner %q cast different votes: %s; none is counted", c.id(oi), strings.Join(refs[oi], ", ")),
		})
	}
}
