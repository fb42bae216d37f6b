package survey

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHashCollisions tallies random polls with hashes that collide all the time; the result
// must be the same as with a good hash, since equal hashes are confirmed by comparing IDs.
func TestHashCollisions(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	bad := map[string]stringHash{
		"constant": func(string) uint64 { return 42 },
		"length":   func(s string) uint64 { return uint64(len(s)) },
		"lastbyte": func(s string) uint64 {
			if s == "" {
				return 0
			}
			return uint64(s[len(s)-1]) << 56 // collides and lands in few radix buckets
		},
	}
	rules := Presets()
	for iter := range 200 {
		n := 1 + rng.IntN(40)
		if iter%10 == 0 {
			n = 300 + rng.IntN(300) // large enough for the radix path
		}
		p := randomPoll(rng, n)
		// Add ballots naming parts, shuffled, and a few unknown or mismatched ones.
		for i, pt := range p.Parts {
			if rng.IntN(3) == 0 {
				p.Ballots = append(p.Ballots, Ballot{Part: pt.ID, Vote: Vote(1 + rng.IntN(3)), Ref: fmt.Sprintf("row %d", i)})
			}
		}
		p.Ballots = append(p.Ballots, Ballot{Part: "nope", Vote: Agree}, Ballot{Owner: "nobody", Vote: Agree})
		rng.Shuffle(len(p.Ballots), func(i, j int) { p.Ballots[i], p.Ballots[j] = p.Ballots[j], p.Ballots[i] })
		r := rules[iter%len(rules)]
		want, err := Tally(p, r)
		if err != nil {
			t.Fatal(err)
		}
		for name, h := range bad {
			got, err := tallyHash(p, r, h)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("iteration %d, %s hash: (-good +bad):\n%s", iter, name, diff)
			}
		}
	}
	// Duplicates are found under colliding hashes too.
	p := Poll{Parts: []Part{{ID: "a", Owner: "x", Area: 1}, {ID: "b", Owner: "y", Area: 1}, {ID: "a", Owner: "z", Area: 1}}}
	if _, err := tallyHash(p, Presets()[0], bad["constant"]); err == nil || err.Error() != `part 3 ("a"): duplicate of part 1` {
		t.Errorf("duplicate under collisions: %v", err)
	}
}

// TestCountReference compares the counts with a plain map-based count on large polls whose
// ballots are in random order (the sort-and-merge path) and in roster order (the look-ahead
// path), and on polls large enough to count in two goroutines.
func TestCountReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for iter := range 20 {
		n := 500 + rng.IntN(2000)
		if iter < 2 {
			n = parallelParts // about 1.3 parts per owner: the two-goroutine path
		}
		p := randomPoll(rng, n)
		for i, pt := range p.Parts {
			if rng.IntN(4) != 0 {
				p.Ballots = append(p.Ballots, Ballot{Part: pt.ID, Vote: Vote(1 + rng.IntN(3)), Ref: fmt.Sprintf("row %d", i)})
			}
		}
		if iter%2 == 0 {
			rng.Shuffle(len(p.Ballots), func(i, j int) { p.Ballots[i], p.Ballots[j] = p.Ballots[j], p.Ballots[i] })
		}
		if iter < 2 && len(p.Parts) < parallelParts {
			t.Fatalf("%d parts: the parallel path is not exercised", len(p.Parts))
		}
		res, err := Tally(p, Presets()[0])
		if err != nil {
			t.Fatal(err)
		}
		// Reference.
		type ref struct {
			area  Area
			votes map[Vote]bool
		}
		owners := map[string]*ref{}
		partOwner := map[string]string{}
		for _, pt := range p.Parts {
			id := pt.CountedOwner()
			if owners[id] == nil {
				owners[id] = &ref{votes: map[Vote]bool{}}
			}
			owners[id].area += pt.Area
			partOwner[pt.ID] = id
		}
		problems := 0
		for _, b := range p.Ballots {
			id := b.Owner
			if b.Part != "" {
				id = partOwner[b.Part]
			}
			if owners[id] == nil {
				problems++
				continue
			}
			owners[id].votes[b.Vote] = true
		}
		var total, part, agree Count
		for _, o := range owners {
			total = total.plus(o.area)
			if len(o.votes) > 1 {
				problems++
				continue
			}
			if len(o.votes) == 1 {
				part = part.plus(o.area)
				if o.votes[Agree] {
					agree = agree.plus(o.area)
				}
			}
		}
		if res.Total != total || res.Participating != part || res.Agreeing != agree || len(res.Problems) != problems {
			t.Fatalf("iteration %d: got %+v %+v %+v %d problems; reference %+v %+v %+v %d", iter,
				res.Total, res.Participating, res.Agreeing, len(res.Problems), total, part, agree, problems)
		}
	}
}

func TestSortAreasDesc(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, n := range []int{0, 1, 5, 255, 256, 1000, 5000} {
		a := make([]Area, n)
		for i := range a {
			switch rng.IntN(3) {
			case 0:
				a[i] = Area(rng.Int64N(int64(MaxTotalArea)))
			default:
				a[i] = Area(4000 + rng.IntN(12000))
			}
		}
		want := slices.Clone(a)
		slices.Sort(want)
		slices.Reverse(want)
		sortAreasDesc(a)
		if !slices.Equal(a, want) {
			t.Fatalf("n=%d: sortAreasDesc differs from slices.Sort", n)
		}
	}
}

func TestSortCandidatesRadix(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, n := range []int{255, 256, 3000} {
		o := make([]OwnerTally, n)
		for i := range o {
			o[i] = OwnerTally{ID: fmt.Sprintf("o%d", rng.IntN(1e6)), Area: Area(rng.IntN(50)) * 100, Vote: Vote(rng.IntN(4))}
			if rng.IntN(50) == 0 {
				o[i].Area = Area(rng.Int64N(int64(MaxTotalArea)))
			}
		}
		want := slices.Clone(o)
		compareCandidates(want)
		sortCandidates(o)
		if diff := cmp.Diff(want, o); diff != "" {
			t.Fatalf("n=%d (-compare +radix):\n%s", n, diff)
		}
	}
}
