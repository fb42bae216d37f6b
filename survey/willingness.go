package survey

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Response is one household's answer in a willingness canvass (意愿摸排): street offices visit
// every household (全覆盖) before a formal vote. Vote is Agree, Oppose, Abstain for undecided
// (观望, waiting to see), or NoVote when the household was not reached. Floor, Tenure and
// AgeBand are the caller's labels for grouping (for example Tenure "自住" or "出租", AgeBand
// "60–69"); Reason is what the household said.
type Response struct {
	Part    string `json:"part"`
	Vote    Vote   `json:"vote"`
	Floor   int    `json:"floor,omitempty"`
	Tenure  string `json:"tenure,omitempty"`
	AgeBand string `json:"age_band,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// Rate is the agreement in one group of responses. Share = Agree / Responded, and Low–High
// is its Wilson score interval at 95% (Wilson 1927), for display: the counts are exact, the
// share and interval are float64. With no response, Share is 0 and the interval [0, 1].
type Rate struct {
	Group      string  `json:"group"`
	Agree      int     `json:"agree"`
	Oppose     int     `json:"oppose"`
	Undecided  int     `json:"undecided"`
	NotReached int     `json:"not_reached"`
	Responded  int     `json:"responded"` // Agree + Oppose + Undecided
	Share      float64 `json:"share"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
}

// Z95 returns the standard normal quantile for a two-sided 95% interval, z = Φ⁻¹(0.975) ≈
// 1.959964, from gonum's distuv.UnitNormal.
func Z95() float64 { return distuv.UnitNormal.Quantile(0.975) }

// Wilson returns the Wilson score interval for k successes in n trials at normal quantile z:
// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays
// inside [0, 1] and is sensible for small n and for p̂ at 0 or 1, as in a stairwell of 12.
// For n ≤ 0 it returns [0, 1]; k is clamped to [0, n].
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	k = min(max(k, 0), n)
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	mid := (p + z2/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	lo, hi = max(0, mid-half), min(1, mid+half)
	if k == 0 {
		lo = 0 // exact; the formula may leave a rounding residue
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// Rates groups the responses by key and returns each group's agreement, sorted by group
// name (byte order).
func Rates(rs []Response, key func(Response) string) []Rate {
	by := map[string]*Rate{}
	for _, r := range rs {
		g := key(r)
		if by[g] == nil {
			by[g] = &Rate{Group: g}
		}
		by[g].add(r.Vote)
	}
	names := make([]string, 0, len(by))
	for g := range by {
		names = append(names, g)
	}
	slices.Sort(names)
	out := make([]Rate, len(names))
	for i, g := range names {
		out[i] = by[g].finish()
	}
	return out
}

// RatesByFloor returns the agreement by floor, lowest floor first; Group is the floor number.
func RatesByFloor(rs []Response) []Rate {
	by := map[int]*Rate{}
	for _, r := range rs {
		if by[r.Floor] == nil {
			by[r.Floor] = &Rate{Group: strconv.Itoa(r.Floor)}
		}
		by[r.Floor].add(r.Vote)
	}
	floors := make([]int, 0, len(by))
	for f := range by {
		floors = append(floors, f)
	}
	slices.Sort(floors)
	out := make([]Rate, len(floors))
	for i, f := range floors {
		out[i] = by[f].finish()
	}
	return out
}

// RatesByTenure returns the agreement by Tenure, sorted by tenure label.
func RatesByTenure(rs []Response) []Rate {
	return Rates(rs, func(r Response) string { return r.Tenure })
}

// RatesByAgeBand returns the agreement by AgeBand, sorted by band label.
func RatesByAgeBand(rs []Response) []Rate {
	return Rates(rs, func(r Response) string { return r.AgeBand })
}

// OverallRate returns the agreement over all responses, with Group "all".
func OverallRate(rs []Response) Rate {
	r := Rate{Group: "all"}
	for _, x := range rs {
		r.add(x.Vote)
	}
	return r.finish()
}

func (r *Rate) add(v Vote) {
	switch v {
	case Agree:
		r.Agree++
	case Oppose:
		r.Oppose++
	case Abstain:
		r.Undecided++
	default:
		r.NotReached++
	}
}

func (r *Rate) finish() Rate {
	r.Responded = r.Agree + r.Oppose + r.Undecided
	if r.Responded > 0 {
		r.Share = float64(r.Agree) / float64(r.Responded)
	}
	r.Low, r.High = Wilson(r.Agree, r.Responded, Z95())
	return *r
}

// Group is the triage of a stairwell after a canvass.
type Group int

const (
	// ReadyToSign (可以签约): the rule passes on the canvass as it stands.
	ReadyToSign Group = iota
	// FewObjectors (个别反对): it fails, but at most MaxVisits owners stand between it and a
	// pass: those whose agreement would pass it, and those whose objections must be resolved.
	// Visit them: find out why, persuade or relieve them (mediation, compensation).
	FewObjectors
	// Waiting (观望): more owners than that are needed: hold a question-and-answer meeting
	// (答疑会) before the deadline, inviting everyone who has not agreed.
	Waiting
)

var groupNames = []string{"ready-to-sign", "few-objectors", "waiting"}
var groupZh = []string{"可以签约", "个别反对", "观望"}

// String returns "ready-to-sign", "few-objectors" or "waiting".
func (g Group) String() string {
	if g >= 0 && int(g) < len(groupNames) {
		return groupNames[g]
	}
	return fmt.Sprintf("Group(%d)", int(g))
}

// Chinese returns 可以签约, 个别反对 or 观望.
func (g Group) Chinese() string {
	if g >= 0 && int(g) < len(groupZh) {
		return groupZh[g]
	}
	return g.String()
}

// MarshalText encodes String.
func (g Group) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// TriageOptions parameterise Triage. The zero value works: the Civil Code items 6–8 rule,
// at most 2 visits, stairwells keyed by Building and Unit.
type TriageOptions struct {
	// Rule decides; a rule with no clauses means civil-code-2021-major.
	Rule Rule
	// MaxVisits is the most owners a FewObjectors stairwell may need visited; 0 means 2.
	MaxVisits int
	// Key names a part's stairwell; nil means Building + " " + Unit.
	Key func(Part) string
	// Objections are the objections raised, by stairwell key.
	Objections map[string][]Objection
}

// Visit is an owner to visit, with their area, their present answer, why, and the reasons
// they gave in the canvass.
type Visit struct {
	Owner   string `json:"owner"`
	Area    Area   `json:"area_m2"`
	Vote    Vote   `json:"vote"`
	Why     string `json:"why"`
	Reasons string `json:"reasons,omitempty"`
}

// StairwellTriage is one stairwell's triage: the tally of its canvass under the rule, its
// group, and whom to visit. Ready stairwells have no visits; FewObjectors name the owners
// whose agreement would pass it (Result.Needed) and the unresolved objectors; Waiting lists
// everyone who has not agreed, undecided first, then not reached, then opposed, each largest
// area first.
type StairwellTriage struct {
	Key    string  `json:"key"`
	Group  Group   `json:"group"`
	Result Result  `json:"result"`
	Visit  []Visit `json:"visit"`
}

// Triage sorts stairwells into ready to sign, few objectors and waiting (see Group), from a
// canvass: each response becomes a ballot for its part (undecided counts as abstaining, not
// reached as no ballot), each stairwell is tallied under the rule, and the needed-analysis
// decides the group. The result is sorted by key.
//
// Part IDs must be unique across all of parts, since a response names only its part; the same
// ID in two stairwells is an error (ErrInvalidPart) rather than a guess.
//
// Errors: invalid parts or rule as for Tally (naming the stairwell), a part ID in two
// stairwells (ErrInvalidPart), and a response naming a part not in parts (ErrInvalidBallot).
func Triage(parts []Part, responses []Response, o TriageOptions) ([]StairwellTriage, error) {
	rule := o.Rule
	if len(rule.Clauses) == 0 {
		var err error
		if rule, err = Preset("civil-code-2021-major"); err != nil {
			return nil, err
		}
	}
	if err := rule.Validate(); err != nil {
		return nil, err
	}
	maxVisits := o.MaxVisits
	if maxVisits <= 0 {
		maxVisits = 2
	}
	key := o.Key
	if key == nil {
		key = func(p Part) string { return strings.TrimSpace(p.Building + " " + p.Unit) }
	}
	// Group the parts by stairwell, remembering each part's stairwell for the responses.
	at := map[string]int{}
	var keys []string
	var polls []Poll
	partAt := make(map[string]int32, len(parts))
	for _, p := range parts {
		k := key(p)
		i, ok := at[k]
		if !ok {
			i = len(polls)
			at[k] = i
			keys = append(keys, k)
			polls = append(polls, Poll{Objections: o.Objections[k]})
		}
		polls[i].Parts = append(polls[i].Parts, p)
		// A response names only its part, so a part ID must mean one part across stairwells.
		if j, dup := partAt[p.ID]; dup && int(j) != i {
			return nil, fmt.Errorf("%w: part %q is in stairwells %q and %q; part IDs must be unique across the parts given to Triage (prefix them with the stairwell)",
				ErrInvalidPart, p.ID, keys[j], k)
		}
		partAt[p.ID] = int32(i)
	}
	var reasons map[string][]string // part → reasons given; nil if nobody gave one
	for i, r := range responses {
		si, ok := partAt[r.Part]
		if !ok {
			return nil, fmt.Errorf("%w: response %d names part %q, which is not among the parts", ErrInvalidBallot, i+1, r.Part)
		}
		if r.Reason != "" {
			if reasons == nil {
				reasons = map[string][]string{}
			}
			reasons[r.Part] = append(reasons[r.Part], r.Reason)
		}
		if r.Vote != NoVote {
			polls[si].Ballots = append(polls[si].Ballots, Ballot{Part: r.Part, Vote: r.Vote, Ref: "response " + strconv.Itoa(i+1)})
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	out := make([]StairwellTriage, 0, len(keys))
	for _, si := range order {
		k, p := keys[si], &polls[si]
		c, err := countPoll(p)
		if err != nil {
			return nil, fmt.Errorf("stairwell %q: %w", k, err)
		}
		res := c.result(&rule)
		t := StairwellTriage{Key: k, Result: res, Visit: []Visit{}}
		if res.Passed {
			t.Group = ReadyToSign
			out = append(out, t)
			continue
		}
		owners := make([]OwnerTally, len(c.owners))
		byID := make(map[string]OwnerTally, len(c.owners))
		for oi := range owners {
			owners[oi] = c.tally(int32(oi))
			byID[owners[oi].ID] = owners[oi]
		}
		sortOwners(owners)
		said := map[string]string{} // owner → reasons given, in part order
		for _, pt := range p.Parts {
			if rs := reasons[pt.ID]; len(rs) > 0 {
				id := pt.CountedOwner()
				if said[id] != "" {
					said[id] += "; "
				}
				said[id] += strings.Join(rs, "; ")
			}
		}
		few := fewVisits(res, byID, said)
		if res.Needed.Possible && len(few) <= maxVisits {
			t.Group = FewObjectors
			t.Visit = few
		} else {
			t.Group = Waiting
			t.Visit = waitingVisits(owners, said)
		}
		out = append(out, t)
	}
	return out, nil
}

// fewVisits lists the owners whose agreement would pass (Needed), then unresolved objectors
// not already listed.
func fewVisits(res Result, byID map[string]OwnerTally, said map[string]string) []Visit {
	vs := []Visit{}
	seen := map[string]bool{}
	for _, o := range res.Needed.Convert {
		why := "劝说 persuade: their agreement would pass the vote"
		if o.Occupied {
			why = "须本人同意 their consent is required: the works occupy their part"
		}
		vs = append(vs, Visit{Owner: o.ID, Area: o.Area, Vote: o.Vote, Why: why, Reasons: said[o.ID]})
		seen[o.ID] = true
	}
	for _, ob := range res.Objections {
		if seen[ob.By] {
			continue
		}
		seen[ob.By] = true
		o := byID[ob.By] // zero for an objector outside the stairwell
		why := said[ob.By]
		if ob.Reason != "" && why != "" {
			why += "; "
		}
		vs = append(vs, Visit{Owner: ob.By, Area: o.Area, Vote: o.Vote, Why: "化解异议 resolve the objection (mediation, compensation)", Reasons: why + ob.Reason})
	}
	return vs
}

// waitingVisits lists everyone who has not agreed: undecided, not reached, opposed, each
// largest area first, then by ID.
func waitingVisits(owners []OwnerTally, said map[string]string) []Visit {
	rank := map[Vote]int{Abstain: 0, NoVote: 1, Oppose: 2}
	var vs []Visit
	for _, o := range owners {
		if o.Vote == Agree {
			continue
		}
		why := map[Vote]string{
			Abstain: "答疑 invite to the Q&A meeting: undecided",
			NoVote:  "走访 visit: not reached yet",
			Oppose:  "听取意见 hear the objection at the Q&A meeting",
		}[o.Vote]
		vs = append(vs, Visit{Owner: o.ID, Area: o.Area, Vote: o.Vote, Why: why, Reasons: said[o.ID]})
	}
	slices.SortFunc(vs, func(a, b Visit) int {
		if d := rank[a.Vote] - rank[b.Vote]; d != 0 {
			return d
		}
		if a.Area != b.Area {
			if a.Area > b.Area {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Owner, b.Owner)
	})
	if vs == nil {
		vs = []Visit{}
	}
	return vs
}
