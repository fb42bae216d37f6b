package survey

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchPoll makes n parts: about one owner in ten holds two parts, one part in a hundred is
// the developer's, areas 40.00–160.00 m². A share vote of the parts carry a ballot naming the
// part (as a roster does); of those, agree of 1000 agree, the rest oppose or abstain.
func benchPoll(n int, vote, agree int, seed uint64) Poll {
	rng := rand.New(rand.NewPCG(seed, 99))
	p := Poll{Parts: make([]Part, n), Ballots: make([]Ballot, 0, n)}
	owner := 0
	for i := range p.Parts {
		if rng.IntN(10) != 0 {
			owner++
		}
		st := Sold
		if rng.IntN(100) == 0 {
			st = Unsold
		}
		id := fmt.Sprintf("B%d-%d", i/1000, i)
		p.Parts[i] = Part{ID: id, Owner: fmt.Sprintf("owner-%07d", owner), Area: Area(4000 + rng.IntN(12001)), Status: st}
	}
	votes := map[string]Vote{} // an owner of several parts votes the same on each
	for i := range p.Parts {
		if p.Parts[i].Status != Sold {
			continue
		}
		v, ok := votes[p.Parts[i].Owner]
		if !ok {
			if rng.IntN(1000) < vote {
				v = Agree
				if rng.IntN(1000) >= agree {
					v = Oppose + Vote(rng.IntN(2))
				}
			}
			votes[p.Parts[i].Owner] = v
		}
		if v != NoVote {
			p.Ballots = append(p.Ballots, Ballot{Part: p.Parts[i].ID, Vote: v})
		}
	}
	return p
}

// BenchmarkTally1M tallies 1,000,000 parts under the Civil Code items 6–8 rule. "pass": 80%
// vote, 90% of them agree. "fail": 60% vote (quorum missed), so the needed-analysis runs over
// about 400,000 non-voters.
func BenchmarkTally1M(b *testing.B) {
	for _, tc := range []struct {
		name        string
		vote, agree int
	}{{"pass", 800, 900}, {"fail", 600, 700}} {
		b.Run(tc.name, func(b *testing.B) {
			p := benchPoll(1_000_000, tc.vote, tc.agree, 1)
			r, _ := Preset("civil-code-2021-major")
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := Tally(p, r)
				if err != nil {
					b.Fatal(err)
				}
				if res.Passed != (tc.name == "pass") {
					b.Fatalf("passed = %v", res.Passed)
				}
			}
		})
	}
}

// BenchmarkStairwells100k tallies 100,000 stairwells of 12 to 18 parts each (6 storeys, 2 or
// 3 per floor), one Tally per stairwell, as a city-wide canvass would.
func BenchmarkStairwells100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 3))
	polls := make([]Poll, 100_000)
	for i := range polls {
		polls[i] = benchPoll(12+6*rng.IntN(2), 500+rng.IntN(500), 500+rng.IntN(500), uint64(i))
	}
	r, _ := Preset("civil-code-2021-major")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		passed := 0
		for _, p := range polls {
			res, err := Tally(p, r)
			if err != nil {
				b.Fatal(err)
			}
			if res.Passed {
				passed++
			}
		}
		if passed == 0 || passed == len(polls) {
			b.Fatalf("%d of %d passed: the sample does not exercise both outcomes", passed, len(polls))
		}
	}
}

// BenchmarkTriage100k triages a canvass of 100,000 stairwells of 12 flats (1.2 million
// parts) in one call: grouping, a tally per stairwell, and the visit lists.
func BenchmarkTriage100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(4, 5))
	parts := make([]Part, 0, 1_200_000)
	responses := make([]Response, 0, 1_200_000)
	for s := range 100_000 {
		agree := 600 + rng.IntN(400)
		for f := range 12 {
			id := fmt.Sprintf("%d-%d", s, f)
			parts = append(parts, Part{ID: id, Owner: id, Area: Area(5000 + rng.IntN(5000)), Building: fmt.Sprint(s / 4), Unit: fmt.Sprint(s % 4)})
			v := NoVote
			switch x := rng.IntN(1000); {
			case x < agree:
				v = Agree
			case x < agree+100:
				v = Oppose
			case x < agree+200:
				v = Abstain
			}
			responses = append(responses, Response{Part: id, Vote: v, Floor: f/2 + 1})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		got, err := Triage(parts, responses, TriageOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != 100_000 {
			b.Fatalf("%d stairwells", len(got))
		}
	}
}
