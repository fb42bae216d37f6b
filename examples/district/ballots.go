package main

import (
	"hash/fnv"
	"math/rand/v2"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
)

// sampleStairwells is how many candidate stairwells of the sample get generated ballots.
const sampleStairwells = 12

// sampleBallots makes ballots for the first sampleStairwells candidate stairwells (those with
// a roster), so that the report can show consent and cost sharing. They are generated, not
// surveyed: each stairwell draws a mood from a seeded stream keyed by its ID — most owners
// for, a few ground-floor owners against (they gain least and lose light), or many not yet
// canvassed — so that the three triage groups all appear. The stairwells after the first
// sampleStairwells stay uncanvassed.
func sampleBallots(d *renovation.District, candidates []renovation.StairwellCandidate) map[renovation.StairwellKey]renovation.StairwellInput {
	out := map[renovation.StairwellKey]renovation.StairwellInput{}
	for _, c := range candidates {
		if len(out) == sampleStairwells {
			break
		}
		if c.Unit == "" || c.Households == 0 {
			continue
		}
		key := renovation.StairwellKey{CompoundID: c.CompoundID, BuildingID: c.BuildingID, UnitID: c.Unit}
		h := fnv.New64a()
		h.Write([]byte(key.String()))
		rng := rand.New(rand.NewPCG(h.Sum64(), 2026))
		mood := len(out) % 3 // 0 keen, 1 a few objectors, 2 undecided
		unit := d.Compound(c.CompoundID).Building(c.BuildingID).Unit(c.Unit)
		var in renovation.StairwellInput
		for _, hh := range unit.Households {
			if hh.Status != survey.Sold {
				continue // the developer's flats: no ballot drawn
			}
			var p [4]int // weights of agree, oppose, abstain, no vote
			switch {
			case mood == 0:
				p = [4]int{92, 2, 2, 4}
			case mood == 1 && hh.Floor <= 2:
				p = [4]int{35, 45, 10, 10}
			case mood == 1:
				p = [4]int{90, 3, 3, 4}
			default:
				p = [4]int{45, 5, 10, 40}
			}
			vote := []survey.Vote{survey.Agree, survey.Oppose, survey.Abstain, survey.NoVote}[pick(rng, p)]
			if vote == survey.NoVote {
				continue
			}
			in.Ballots = append(in.Ballots, survey.Ballot{Part: hh.ID, Vote: vote, Ref: "generated sample ballot"})
		}
		out[key] = in
	}
	return out
}

func pick(rng *rand.Rand, w [4]int) int {
	n := rng.IntN(w[0] + w[1] + w[2] + w[3])
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return 3
}
