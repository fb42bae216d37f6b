package renovation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/survey"
)

// StairwellKey identifies a stairwell by the IDs of its compound, building and unit (Unit is
// empty for a building without a roster). It keys the inputs of PlanElevators.
type StairwellKey struct {
	CompoundID string `json:"compound_id"`
	BuildingID string `json:"building_id"`
	UnitID     string `json:"unit_id"`
}

// String formats the key as "compound/building/unit".
func (k StairwellKey) String() string { return k.CompoundID + "/" + k.BuildingID + "/" + k.UnitID }

// Key returns the candidate's StairwellKey.
func (s StairwellCandidate) Key() StairwellKey {
	return StairwellKey{CompoundID: s.CompoundID, BuildingID: s.BuildingID, UnitID: s.Unit}
}

// UnknownOwnerPrefix starts the owner ID PlanElevators gives a household whose OwnerID is
// empty: "household:" + the household's ID. Such a household counts as an owner of its own,
// which is the default of SPC interpretation Art. 9 (一个专有部分按一人计算); ballots may name
// that owner ID, or the household ID as the part.
const UnknownOwnerPrefix = "household:"

// HouseholdOwner returns the owner ID under which PlanElevators counts household h: its
// OwnerID, or UnknownOwnerPrefix + ID when it has none.
func HouseholdOwner(h *Household) string {
	if h.OwnerID != "" {
		return h.OwnerID
	}
	return UnknownOwnerPrefix + h.ID
}

// Relief is what a household brings to its elevator cost share beyond the scheme: a hardship
// cap (困难住户, at most HardshipCap toward the residents' amount; 0 means none), a waiver, and
// a housing provident fund withdrawal (住房公积金提取) put toward the share. Amounts in fen.
type Relief struct {
	HardshipCap   budget.Money `json:"hardship_cap"`
	Waive         bool         `json:"waive,omitempty"`
	ProvidentFund budget.Money `json:"provident_fund"`
}

// StairwellInput is what the planner knows of one stairwell beyond the model: the vote, the
// works and the money. Household IDs are those of the unit's roster.
type StairwellInput struct {
	// Ballots are the owners' votes. A ballot names the household (Part: the household ID),
	// the owner (Owner: Household.OwnerID, HouseholdOwner's fallback, or survey.DeveloperBloc
	// for unsold and undelivered flats), or both. Ballots survey cannot count are reported in
	// the plan's tally (Result.Problems), not dropped.
	Ballots []survey.Ballot `json:"ballots,omitempty"`
	// Objections are objections raised in or around the stairwell (neighbours' light, access).
	Objections []survey.Objection `json:"objections,omitempty"`
	// Occupied lists the households whose exclusive parts the works occupy (a shaft on a
	// balcony): each one's owner must agree whatever the majorities.
	Occupied []string `json:"occupied,omitempty"`
	// Scheme overrides ElevatorPlanOptions.Scheme for this stairwell; nil keeps the default.
	Scheme *budget.Scheme `json:"scheme,omitempty"`
	// Total overrides the total cost of this stairwell's elevator, in fen; 0 keeps the
	// scheme's Total.
	Total budget.Money `json:"total,omitempty"`
	// Relief gives hardship caps, waivers and provident fund withdrawals, by household ID.
	Relief map[string]Relief `json:"relief,omitempty"`
}

// ElevatorPlanOptions are the inputs of PlanElevators that the model does not hold. Maps and
// slices are only read, so one options value may serve many goroutines.
type ElevatorPlanOptions struct {
	// Rule decides the vote; a rule with no clauses means the survey preset
	// civil-code-2021-major (Civil Code Art. 278, an added elevator being item 7). Each
	// stairwell's owners vote for it alone, as Shanghai Residential Property Management
	// Provisions Art. 69 provides for parts shared by some owners only and the local elevator
	// rules do (domain-rules §1.5, §2).
	Rule survey.Rule
	// Scheme is the default cost-sharing scheme. Its Total is the cost per elevator in fen,
	// which the model does not hold: give it here or per stairwell (StairwellInput.Total),
	// or PlanElevators fails with ErrNoElevatorCost. An empty Method means budget.MethodArea,
	// the Civil Code Art. 283 default when the owners' agreement is silent.
	Scheme budget.Scheme
	// Stairwells holds each stairwell's ballots, objections, occupied parts, scheme override
	// and relief. A candidate stairwell absent from it has not been canvassed.
	Stairwells map[StairwellKey]StairwellInput
	// MaxVisits is the most owners a few-objectors stairwell may need visited (survey.Triage);
	// 0 means 2.
	MaxVisits int
	// Progress, if set, is called after each stairwell with the number done and the total.
	Progress func(done, total int)
	// Shafts, if set, places and checks every stairwell's shaft and counts the sunlight it
	// takes (AssessShafts): see ElevatorPlan.Shaft and Sunlight.
	Shafts *ShaftOptions
}

// ElevatorPlans is the result of PlanElevators: one plan per candidate stairwell in model
// order, and a summary.
type ElevatorPlans struct {
	// Rule and Basis name the consent rule and its legal source.
	Rule    string              `json:"rule"`
	Basis   string              `json:"basis"`
	Plans   []ElevatorPlan      `json:"plans"`
	Summary ElevatorPlanSummary `json:"summary"`
	// SunlightStandard is the standard the shafts' sunlight was counted by, and Shafts the
	// full assessment (footprints, clearances), when ElevatorPlanOptions.Shafts was set.
	SunlightStandard *SunlightStandard `json:"sunlight_standard,omitempty"`
	Shafts           *ShaftReport      `json:"-"`
}

// ElevatorPlan is one stairwell's elevator plan (一单元一策): who decides and how the vote
// stands, what to do next, what it costs each household.
type ElevatorPlan struct {
	Stairwell StairwellCandidate `json:"stairwell"`
	// Canvassed reports that at least one ballot was given for the stairwell. A stairwell
	// not canvassed is in group Waiting, and still gets its cost table (cost sharing can be
	// shown before the vote).
	Canvassed bool `json:"canvassed"`
	// Tally is the vote under the rule: passed, each clause with numerator, denominator and
	// margin, vetoes, objections, uncounted ballots, and what it would take to pass
	// (Needed). Nil when the stairwell has no household roster.
	Tally *survey.Result `json:"tally,omitempty"`
	// Group is the triage (survey.Triage): ready to sign, a few objectors to visit, or
	// waiting; GroupZh is its Chinese name.
	Group   survey.Group `json:"group"`
	GroupZh string       `json:"group_zh"`
	// Visit names the owners to visit and why.
	Visit []survey.Visit `json:"visit"`
	// Cost is the cost sharing; nil when the stairwell has no household roster.
	Cost *ElevatorCost `json:"cost,omitempty"`
	// Households is the table per household joining vote and cost, in roster order.
	Households []ElevatorPlanRow `json:"households"`
	// Note says what could not be planned and why, e.g. a building without a roster.
	Note string `json:"note,omitempty"`
	// Shaft says whether the stairwell's shaft fits, and why; Sunlight lists the
	// neighbouring households whose sunlight it takes, with their compensation (the sum is
	// Cost.NeighbourCompensation). Both are set only when ElevatorPlanOptions.Shafts is. A
	// shaft that does not fit puts the stairwell among the waiting; one that takes a
	// neighbour's sunlight below the standard makes a ready stairwell one of few objectors,
	// with that neighbour to visit.
	Shaft    *ShaftFit      `json:"shaft,omitzero"`
	Sunlight []SunlightLoss `json:"sunlight,omitzero"`
}

// ElevatorCost is a cost-sharing scheme applied to one stairwell (budget.Calculator.ApplyTotal):
// Total = Subsidy + Residents, and the households' shares sum to Residents exactly.
type ElevatorCost struct {
	Scheme   string          `json:"scheme,omitempty"`
	Method   budget.Method   `json:"method"`
	Rounding budget.Rounding `json:"rounding"`
	Total    budget.Money    `json:"total"`
	Subsidy  budget.Money    `json:"subsidy"`
	// Residents is what the households share: Total − Subsidy.
	Residents budget.Money `json:"residents"`
	// CompensationPool is what the paying households pay the low floors (0 if none).
	CompensationPool budget.Money `json:"compensation_pool"`
	// NeighbourCompensation is what is owed to neighbours for the sunlight the shaft takes
	// (ElevatorPlan.Sunlight); it is part of Total, so the households share it.
	NeighbourCompensation budget.Money `json:"neighbour_compensation,omitempty"`
	// Summary says in one line how the residents' amount was reached and split.
	Summary    string          `json:"summary"`
	Households []HouseholdCost `json:"households"`
}

// HouseholdCost is one household's part of an ElevatorCost. Amounts in fen.
type HouseholdCost struct {
	Household string `json:"household"`
	Floor     int    `json:"floor"`
	// Weight is the household's weight under the scheme's method, exact.
	Weight budget.Weight `json:"weight"`
	Share  budget.Money  `json:"share"`
	Capped bool          `json:"capped,omitempty"`
	Waived bool          `json:"waived,omitempty"`
	// CompensationPaid is paid toward the low floors' compensation; CompensationReceived is
	// received by a low floor.
	CompensationPaid     budget.Money `json:"compensation_paid"`
	CompensationReceived budget.Money `json:"compensation_received"`
	// ProvidentFund is the withdrawal applied against the share (at most the share).
	ProvidentFund budget.Money `json:"provident_fund"`
	// CashDue is Share − ProvidentFund.
	CashDue     budget.Money `json:"cash_due"`
	Explanation string       `json:"explanation"`
}

// ElevatorPlanRow is one household in the table of an elevator plan, joining its vote and
// its cost. Record gives it as CSV cells under ElevatorPlanHeader.
type ElevatorPlanRow struct {
	Compound  string      `json:"compound"`
	Building  string      `json:"building"`
	Unit      string      `json:"unit"`
	Household string      `json:"household"`
	Floor     int         `json:"floor"`
	Area      survey.Area `json:"area_m2"`
	// Owner is the owner the household counts under (SPC interpretation Art. 9):
	// survey.DeveloperBloc for unsold and undelivered flats, else HouseholdOwner.
	Owner string `json:"owner"`
	// Vote is the owner's vote as counted ("" for none: no ballot, or ballots survey could
	// not count).
	Vote                 survey.Vote  `json:"vote"`
	Share                budget.Money `json:"share"`
	CompensationPaid     budget.Money `json:"compensation_paid"`
	CompensationReceived budget.Money `json:"compensation_received"`
	ProvidentFund        budget.Money `json:"provident_fund"`
	CashDue              budget.Money `json:"cash_due"`
	Explanation          string       `json:"explanation"`
}

// ElevatorPlanHeader returns the column names of ElevatorPlanRow.Record. Amounts are integer
// fen, as in budget's JSON results.
func ElevatorPlanHeader() []string {
	return []string{"compound", "building", "unit", "household", "floor", "area_m2", "owner", "vote",
		"share_fen", "compensation_paid_fen", "compensation_received_fen", "provident_fund_fen", "cash_due_fen", "explanation"}
}

// Record returns the row as CSV cells in the order of ElevatorPlanHeader.
func (r ElevatorPlanRow) Record() []string {
	f := func(m budget.Money) string { return strconv.FormatInt(int64(m), 10) }
	return []string{r.Compound, r.Building, r.Unit, r.Household, strconv.Itoa(r.Floor), r.Area.String(), r.Owner,
		r.Vote.String(), f(r.Share), f(r.CompensationPaid), f(r.CompensationReceived), f(r.ProvidentFund), f(r.CashDue), r.Explanation}
}

// Rows returns the household tables of all plans, in plan order.
func (p *ElevatorPlans) Rows() []ElevatorPlanRow {
	n := 0
	for i := range p.Plans {
		n += len(p.Plans[i].Households)
	}
	out := make([]ElevatorPlanRow, 0, n)
	for i := range p.Plans {
		out = append(out, p.Plans[i].Households...)
	}
	return out
}

// ElevatorPlanSummary sums the plans of a district.
type ElevatorPlanSummary struct {
	Stairwells int `json:"stairwells"`
	// ReadyToSign, FewObjectors and Waiting count the stairwells by triage group; they sum to
	// Stairwells.
	ReadyToSign  int `json:"ready_to_sign"`
	FewObjectors int `json:"few_objectors"`
	Waiting      int `json:"waiting"`
	// NotCanvassed counts the stairwells with no ballot (all in Waiting).
	NotCanvassed int `json:"not_canvassed"`
	// Passed counts the stairwells whose vote passed.
	Passed int `json:"passed"`
	// NoRoster counts the stairwells of buildings with no household roster (no tally, no cost).
	NoRoster int `json:"no_roster,omitempty"`
	// ShaftsNotFitting counts the stairwells whose shaft does not fit, and BelowStandard the
	// neighbouring households a shaft takes below the sunlight standard (counted once per
	// shaft), when shafts were assessed.
	ShaftsNotFitting int `json:"shafts_not_fitting,omitempty"`
	BelowStandard    int `json:"sunlight_below_standard,omitempty"`
	// Households counts the households in stairwells with a cost table.
	Households int `json:"households"`
	// Total, Subsidy and Residents sum the cost tables: total cost, subsidy and the residents'
	// amount, in fen.
	Total     budget.Money `json:"total"`
	Subsidy   budget.Money `json:"subsidy"`
	Residents budget.Money `json:"residents"`
}

// Errors of PlanElevators.
var (
	// ErrNoElevatorCost: neither the scheme nor the stairwell's input gives the total cost of
	// the elevator.
	ErrNoElevatorCost = errors.New("no total cost for the elevator: set Scheme.Total or StairwellInput.Total")
	// ErrUnknownStairwell: an input names a stairwell that is not an elevator candidate.
	ErrUnknownStairwell = errors.New("not an elevator candidate stairwell")
	// ErrUnknownHousehold: an input names a household the stairwell's roster does not have.
	ErrUnknownHousehold = errors.New("no such household in the stairwell")
	// ErrNoRoster: an input gives ballots or relief for a stairwell whose building has no
	// household roster.
	ErrNoRoster = errors.New("stairwell has no household roster")
	// ErrDuplicateStairwell: two candidate stairwells have the same compound, building and
	// unit IDs, so inputs cannot tell them apart (District.Validate reports the duplicate IDs).
	ErrDuplicateStairwell = errors.New("duplicate stairwell")
)

// StairwellError names the stairwell an error is about and wraps the error (a survey or
// budget error, or one of the errors above).
type StairwellError struct {
	Key      StairwellKey
	Compound string // the compound's label
	Building string // the building's label
	Err      error
}

// Error reads like "compound 乳山二村 / building 3 / unit 2: …".
func (e *StairwellError) Error() string {
	s := "compound " + e.Compound + " / building " + e.Building
	if e.Key.UnitID != "" {
		s += " / unit " + e.Key.UnitID
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *StairwellError) Unwrap() error { return e.Err }

// PlanElevators makes an elevator plan for every candidate stairwell of d (ElevatorCandidates:
// 4 or more storeys, no elevator), in model order. For each stairwell it
//
//   - maps the unit's households onto survey parts: ID the household ID, Owner
//     HouseholdOwner, Area, AreaSource and Status from the roster, Occupied from the input,
//     Building and Unit the labels;
//   - tallies the ballots under the rule (survey.Tally), the stairwell's owners deciding alone;
//   - triages it (survey.Triage on the counted votes) into ready to sign, few objectors or
//     waiting, naming the owners to visit; a stairwell with no ballot is waiting;
//   - applies the scheme (budget.Calculator.ApplyTotal) to the households — floor, exclusive
//     area as an exact weight, relief — for the stairwell's total cost;
//   - joins vote and cost per household.
//
// The default scheme is compiled once and its Calculator shared. PlanElevators checks ctx
// between stairwells and returns ctx.Err() when it is done, and passes it to
// budget.Calculator.ApplyTotal, which stops a long exact apportionment inside a stairwell
// (the error, as *StairwellError, then wraps ctx.Err()); it calls o.Progress after each
// stairwell. It reads d and o and modifies neither, so it is safe for concurrent use.
//
// Errors: an invalid rule (survey.ErrInvalidRule) or default scheme (budget.ErrScheme);
// ErrUnknownStairwell for an input keyed by a stairwell that is not a candidate;
// ErrDuplicateStairwell; and, as *StairwellError naming the stairwell, ErrNoElevatorCost,
// ErrUnknownHousehold, ErrNoRoster, and the survey and budget errors (invalid parts, a scheme
// override that does not compile, caps that cannot hold).
func PlanElevators(ctx context.Context, d *District, o ElevatorPlanOptions) (*ElevatorPlans, error) {
	rule := o.Rule
	if len(rule.Clauses) == 0 {
		var err error
		if rule, err = survey.Preset("civil-code-2021-major"); err != nil {
			return nil, err
		}
	}
	if err := rule.Validate(); err != nil {
		return nil, fmt.Errorf("elevator plans: %w", err)
	}
	calc, err := compileScheme(o.Scheme)
	if err != nil {
		return nil, fmt.Errorf("elevator plans: default scheme: %w", err)
	}
	cands := ElevatorCandidates(d)
	refs, err := stairwellRefs(d, cands)
	if err != nil {
		return nil, err
	}
	if err := checkInputKeys(o.Stairwells, refs); err != nil {
		return nil, err
	}
	out := &ElevatorPlans{Rule: rule.Name, Plans: make([]ElevatorPlan, 0, len(cands))}
	out.Basis = ruleBasis(&rule)
	if o.Shafts != nil {
		if out.Shafts, err = AssessShafts(ctx, d, *o.Shafts); err != nil {
			return nil, fmt.Errorf("elevator plans: %w", err)
		}
		out.SunlightStandard = &out.Shafts.Standard
	}
	p := planner{rule: &rule, calc: calc, maxVisits: o.MaxVisits, overrides: map[*budget.Scheme]*budget.Calculator{}}
	for i := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ref := refs[i]
		var shaft *ShaftAssessment
		if out.Shafts != nil {
			shaft = &out.Shafts.Shafts[i]
		}
		plan, err := p.plan(ctx, cands[i], ref, o.Stairwells[cands[i].Key()], shaft, o.Shafts)
		if err != nil {
			return nil, &StairwellError{Key: cands[i].Key(), Compound: ref.c.Label(), Building: ref.b.Label(), Err: err}
		}
		if err := out.Summary.add(&plan); err != nil {
			return nil, &StairwellError{Key: cands[i].Key(), Compound: ref.c.Label(), Building: ref.b.Label(), Err: err}
		}
		out.Plans = append(out.Plans, plan)
		if o.Progress != nil {
			o.Progress(i+1, len(cands))
		}
	}
	return out, nil
}

// ruleBasis is the rule's source and date, as survey.Result.Basis gives it.
func ruleBasis(r *survey.Rule) string {
	switch {
	case r.Source != "" && r.Date != "":
		return r.Source + " (" + r.Date + ")"
	case r.Source != "":
		return r.Source
	}
	return r.Name
}

// compileScheme compiles s, reading an empty method as the Civil Code Art. 283 default.
func compileScheme(s budget.Scheme) (*budget.Calculator, error) {
	if s.Method == "" {
		s.Method = budget.MethodArea // s is a copy: the caller's scheme is not modified
	}
	return s.Compile()
}

// stairwellRef points at a candidate stairwell in the model; u is nil for a building with no
// units.
type stairwellRef struct {
	c *Compound
	b *Building
	u *Unit
}

// stairwellRefs resolves the candidates to the model, in one pass over it.
func stairwellRefs(d *District, cands []StairwellCandidate) ([]stairwellRef, error) {
	want := make(map[StairwellKey]int, len(cands))
	for i, c := range cands {
		if j, dup := want[c.Key()]; dup {
			return nil, fmt.Errorf("elevator plans: stairwells %d and %d are both %s: %w", j+1, i+1, c.Key(), ErrDuplicateStairwell)
		}
		want[c.Key()] = i
	}
	refs := make([]stairwellRef, len(cands))
	for i := range d.Compounds {
		c := &d.Compounds[i]
		for j := range c.Buildings {
			b := &c.Buildings[j]
			if len(b.Units) == 0 {
				if k, ok := want[StairwellKey{c.ID, b.ID, ""}]; ok && refs[k].c == nil {
					refs[k] = stairwellRef{c: c, b: b}
				}
				continue
			}
			for l := range b.Units {
				if k, ok := want[StairwellKey{c.ID, b.ID, b.Units[l].ID}]; ok && refs[k].c == nil {
					refs[k] = stairwellRef{c: c, b: b, u: &b.Units[l]}
				}
			}
		}
	}
	return refs, nil
}

// checkInputKeys reports inputs keyed by stairwells that are not candidates, sorted by key.
func checkInputKeys(in map[StairwellKey]StairwellInput, refs []stairwellRef) error {
	if len(in) == 0 {
		return nil
	}
	known := make(map[StairwellKey]bool, len(refs))
	for _, r := range refs {
		k := StairwellKey{CompoundID: r.c.ID, BuildingID: r.b.ID}
		if r.u != nil {
			k.UnitID = r.u.ID
		}
		known[k] = true
	}
	var bad []string
	for k := range in {
		if !known[k] {
			bad = append(bad, k.String())
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	return fmt.Errorf("elevator plans: input for stairwell %s: %w", strings.Join(bad, ", "), ErrUnknownStairwell)
}

// planner holds what all stairwells of one PlanElevators call share. It is not shared between
// calls, so its buffers need no lock.
type planner struct {
	rule      *survey.Rule
	calc      *budget.Calculator
	maxVisits int
	overrides map[*budget.Scheme]*budget.Calculator
	res       budget.Result // reused: every amount is copied out
	hh        []budget.Household
}

func (p *planner) plan(ctx context.Context, cand StairwellCandidate, ref stairwellRef, in StairwellInput, shaft *ShaftAssessment, so *ShaftOptions) (ElevatorPlan, error) {
	plan := ElevatorPlan{Stairwell: cand, Canvassed: len(in.Ballots) > 0, Visit: []survey.Visit{}, Households: []ElevatorPlanRow{}}
	if ref.u == nil || len(ref.u.Households) == 0 {
		if len(in.Ballots) > 0 || len(in.Objections) > 0 || len(in.Occupied) > 0 || len(in.Relief) > 0 {
			return plan, ErrNoRoster
		}
		plan.Group, plan.GroupZh = survey.Waiting, survey.Waiting.Chinese()
		plan.Note = "no household roster for this building: no vote can be counted and no cost shared until its households are known"
		_, err := applyShaft(&plan, shaft, so, p.calc.Scheme().Compensation.PerHousehold)
		return plan, err
	}
	hh := ref.u.Households
	key := cand.Key().String()

	// Parts, one per household, and where each household and counted owner is.
	parts := make([]survey.Part, len(hh))
	at := make(map[string]int, len(hh))
	firstOf := make(map[string]int, len(hh)) // counted owner → first part
	for i := range hh {
		h := &hh[i]
		parts[i] = survey.Part{ID: h.ID, Owner: HouseholdOwner(h), Area: h.Area, AreaSource: h.AreaSource,
			Status: h.Status, Building: ref.b.Label(), Unit: ref.u.ID}
		if _, dup := at[h.ID]; !dup {
			at[h.ID] = i
		}
		if _, seen := firstOf[parts[i].CountedOwner()]; !seen {
			firstOf[parts[i].CountedOwner()] = i
		}
	}
	for _, id := range in.Occupied {
		i, ok := at[id]
		if !ok {
			return plan, fmt.Errorf("occupied household %q: %w", id, ErrUnknownHousehold)
		}
		parts[i].Occupied = true
	}
	for _, id := range sortedKeys(in.Relief) {
		if _, ok := at[id]; !ok {
			return plan, fmt.Errorf("relief for household %q: %w", id, ErrUnknownHousehold)
		}
	}

	// The vote, and each owner's vote as counted.
	poll := survey.Poll{Parts: parts, Ballots: in.Ballots, Objections: in.Objections}
	tally, err := survey.Tally(poll, *p.rule)
	if err != nil {
		return plan, err
	}
	owners, _, err := poll.Owners()
	if err != nil {
		return plan, err
	}
	votes := make(map[string]survey.Vote, len(owners))
	responses := make([]survey.Response, 0, len(owners))
	for _, ow := range owners {
		votes[ow.ID] = ow.Vote
		if ow.Vote != survey.NoVote {
			responses = append(responses, survey.Response{Part: parts[firstOf[ow.ID]].ID, Vote: ow.Vote})
		}
	}
	// The triage, on the votes as counted (one response per voting owner).
	tri, err := survey.Triage(parts, responses, survey.TriageOptions{
		Rule: *p.rule, MaxVisits: p.maxVisits,
		Key:        func(survey.Part) string { return key },
		Objections: map[string][]survey.Objection{key: in.Objections},
	})
	if err != nil {
		return plan, err
	}
	if len(tri) != 1 || tri[0].Result.Passed != tally.Passed {
		return plan, fmt.Errorf("internal error: triage and tally disagree (passed %v, %d stairwells)", tally.Passed, len(tri))
	}
	plan.Tally = &tally
	plan.Group, plan.Visit = tri[0].Group, tri[0].Visit
	if !plan.Canvassed {
		plan.Group = survey.Waiting
	}
	plan.GroupZh = plan.Group.Chinese()

	// The cost.
	calc := p.calc
	if in.Scheme != nil {
		if calc = p.overrides[in.Scheme]; calc == nil {
			if calc, err = compileScheme(*in.Scheme); err != nil {
				return plan, fmt.Errorf("scheme override: %w", err)
			}
			p.overrides[in.Scheme] = calc
		}
	}
	total := in.Total
	if total == 0 {
		total = calc.Scheme().Total
	}
	if total == 0 {
		return plan, ErrNoElevatorCost
	}
	neighbours, err := applyShaft(&plan, shaft, so, calc.Scheme().Compensation.PerHousehold)
	if err != nil {
		return plan, err
	}
	if total, err = total.Add(neighbours); err != nil {
		return plan, fmt.Errorf("elevator cost plus neighbours' compensation: %w", err)
	}
	p.hh = p.hh[:0]
	for i := range hh {
		h := &hh[i]
		if h.Area < 0 {
			return plan, fmt.Errorf("household %q area: %s m² is negative", h.ID, h.Area)
		}
		r := in.Relief[h.ID]
		p.hh = append(p.hh, budget.Household{ID: h.ID, Floor: h.Floor, Area: areaWeight(h.Area),
			HardshipCap: r.HardshipCap, Waive: r.Waive, ProvidentFund: r.ProvidentFund})
	}
	res := &p.res
	if err := calc.ApplyTotal(ctx, res, total, p.hh); err != nil {
		return plan, err
	}
	cost := &ElevatorCost{Scheme: res.Name, Method: res.Method, Rounding: res.Rounding, Total: res.Total,
		Subsidy: res.Subsidy, Residents: res.Residents, CompensationPool: res.CompensationPool,
		Summary: res.Summary(), Households: make([]HouseholdCost, len(hh)), NeighbourCompensation: neighbours}
	plan.Households = make([]ElevatorPlanRow, len(hh))
	for i := range hh {
		s := &res.Households[i]
		hc := HouseholdCost{Household: s.ID, Floor: s.Floor, Weight: s.Weight, Share: s.Share, Capped: s.Capped,
			Waived: s.Waived, CompensationPaid: s.CompensationPaid, CompensationReceived: s.CompensationReceived,
			ProvidentFund: s.ProvidentFund, CashDue: s.CashDue, Explanation: res.Explain(i)}
		cost.Households[i] = hc
		owner := parts[i].CountedOwner()
		plan.Households[i] = ElevatorPlanRow{Compound: cand.Compound, Building: cand.Building, Unit: cand.Unit,
			Household: hh[i].ID, Floor: hh[i].Floor, Area: hh[i].Area, Owner: owner, Vote: votes[owner],
			Share: hc.Share, CompensationPaid: hc.CompensationPaid, CompensationReceived: hc.CompensationReceived,
			ProvidentFund: hc.ProvidentFund, CashDue: hc.CashDue, Explanation: hc.Explanation}
	}
	plan.Cost = cost
	return plan, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// add counts one plan into the summary.
func (s *ElevatorPlanSummary) add(p *ElevatorPlan) error {
	s.Stairwells++
	switch p.Group {
	case survey.ReadyToSign:
		s.ReadyToSign++
	case survey.FewObjectors:
		s.FewObjectors++
	default:
		s.Waiting++
	}
	if !p.Canvassed {
		s.NotCanvassed++
	}
	if p.Tally != nil && p.Tally.Passed {
		s.Passed++
	}
	if p.Shaft != nil && !p.Shaft.Fits {
		s.ShaftsNotFitting++
	}
	for _, l := range p.Sunlight {
		if l.BelowStandard {
			s.BelowStandard++
		}
	}
	if p.Cost == nil {
		s.NoRoster++
		return nil
	}
	s.Households += len(p.Cost.Households)
	var err error
	if s.Total, err = s.Total.Add(p.Cost.Total); err != nil {
		return err
	}
	if s.Subsidy, err = s.Subsidy.Add(p.Cost.Subsidy); err != nil {
		return err
	}
	s.Residents, err = s.Residents.Add(p.Cost.Residents)
	return err
}
