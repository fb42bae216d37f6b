package renovation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/survey"
)

// DefaultStoreyHeight is the storey height, in metres, that EstimateProgramme assumes for
// facade areas when none is given: 3.0 m. It is this package's assumption, not a standard;
// pass the surveyed height where it is known.
const DefaultStoreyHeight = 3.0

// ElevatorBasis says which stairwells a programme budget counts as elevators.
type ElevatorBasis string

const (
	// ElevatorsCandidates counts every elevator candidate stairwell (ElevatorCandidates): the
	// most the programme could build.
	ElevatorsCandidates ElevatorBasis = "candidates"
	// ElevatorsPassed counts the stairwells whose elevator vote passed
	// (ProgrammeOptions.Plans).
	ElevatorsPassed ElevatorBasis = "passed"
)

// ProgrammeOptions are the inputs of EstimateProgramme that the model does not hold. Maps and
// slices are only read, so one options value may serve many goroutines.
type ProgrammeOptions struct {
	// Catalogue prices the items. No official prices exist (domain-rules §5: no national
	// yuan-per-m² norm); the prices are the caller's local cost list.
	Catalogue budget.Catalogue
	// Items selects item codes per compound ID. Nil means every catalogue item for every
	// compound that passes Eligibility; otherwise exactly the compounds listed are budgeted.
	Items map[string][]string
	// Eligibility selects the compounds when Items is nil: those whose status is Eligible.
	// The zero value means NationalEligibility (completed by the end of 2000).
	Eligibility EligibilityRule
	// StoreyHeight is the storey height in metres for facade areas; 0 means
	// DefaultStoreyHeight.
	StoreyHeight float64
	// Elevators says what an item priced per elevator counts; "" means ElevatorsCandidates.
	Elevators ElevatorBasis
	// Plans are the elevator plans that ElevatorsPassed counts from; required for it.
	Plans *ElevatorPlans
	// Funding, if set, is allocated on every line of the roll-up (see EstimateProgramme).
	Funding *budget.Funding
	// Progress, if set, is called after each compound with the number done and the total.
	Progress func(done, total int)
}

// ProgrammeQuantities are the quantities a programme budget prices, with where they came
// from. Areas are exact in 0.01 m², rounded once per compound (see EstimateProgramme).
type ProgrammeQuantities struct {
	// FloorArea is Σ Building.GrossFloorArea (总建筑面积).
	FloorArea survey.Area `json:"floor_area_m2"`
	// FacadeArea is Σ footprint perimeter (geodesic) × storeys × storey height.
	FacadeArea survey.Area `json:"facade_area_m2"`
	// Households counts the roster's households; Buildings all buildings.
	Households int `json:"households"`
	Buildings  int `json:"buildings"`
	// Elevators counts stairwells as ProgrammeOptions.Elevators says.
	Elevators int `json:"elevators"`
	// FloorAreaSurveyed and FloorAreaDerived count the buildings whose floor area is
	// surveyed (Building.FloorArea) or derived as footprint area × storeys; NoFloorArea those
	// with neither (counted as 0 m²).
	FloorAreaSurveyed int `json:"floor_area_surveyed"`
	FloorAreaDerived  int `json:"floor_area_derived"`
	NoFloorArea       int `json:"no_floor_area"`
	// NoFacade counts the buildings with no footprint or no storeys (facade counted as 0 m²).
	NoFacade int `json:"no_facade"`
	// SyntheticStoreys counts the buildings whose generated storeys enter a quantity (a
	// derived floor area or a facade); SyntheticFootprints those whose generated footprint
	// does. Quantities resting on them are estimates of estimates.
	SyntheticStoreys    int `json:"synthetic_storeys"`
	SyntheticFootprints int `json:"synthetic_footprints"`
}

func (q *ProgrammeQuantities) add(o ProgrammeQuantities) {
	q.FloorArea += o.FloorArea
	q.FacadeArea += o.FacadeArea
	q.Households += o.Households
	q.Buildings += o.Buildings
	q.Elevators += o.Elevators
	q.FloorAreaSurveyed += o.FloorAreaSurveyed
	q.FloorAreaDerived += o.FloorAreaDerived
	q.NoFloorArea += o.NoFloorArea
	q.NoFacade += o.NoFacade
	q.SyntheticStoreys += o.SyntheticStoreys
	q.SyntheticFootprints += o.SyntheticFootprints
}

// ProgrammeLine is one priced item of a budget: Cost = Price × Quantity, rounded to the
// nearest fen, halves up (budget.Catalogue.Estimate), for a compound; the sum of the
// compounds' costs for a roll-up.
type ProgrammeLine struct {
	Code     string             `json:"code"`
	Name     string             `json:"name"`
	Category budget.Category    `json:"category"`
	Unit     budget.PricingUnit `json:"unit"`
	// Price is the unit price per Unit, in fen.
	Price budget.Money `json:"price"`
	// Quantity is in the item's unit (m², households, buildings, elevators, lots), exact.
	Quantity budget.Weight `json:"quantity"`
	Cost     budget.Money  `json:"cost"`
}

// CategoryCost is the cost of one national category (基础类 / 完善类 / 提升类).
type CategoryCost struct {
	Category budget.Category `json:"category"`
	// Name is the official Chinese name, e.g. 基础类.
	Name string       `json:"name"`
	Cost budget.Money `json:"cost"`
}

func categoryCosts(c [3]budget.Money) []CategoryCost {
	out := make([]CategoryCost, 3)
	for i, cat := range budget.Categories() {
		out[i] = CategoryCost{Category: cat, Name: cat.Chinese(), Cost: c[i]}
	}
	return out
}

// FundingLine is what one funding source pays on a line of the roll-up.
type FundingLine struct {
	Kind budget.SourceKind `json:"kind"`
	Name string            `json:"name,omitempty"`
	// Offered is what the source's rule gives; Amount what it pays, limited by the cost still
	// unfunded; Limit names what set Amount (budget.Allocation.Limit).
	Offered    budget.Money   `json:"offered"`
	Amount     budget.Money   `json:"amount"`
	Limit      string         `json:"limit"`
	ByCategory []CategoryCost `json:"by_category"`
}

// ProgrammeFunding is a funding plan allocated on one line of the roll-up (budget.Funding.
// Allocate): what each source pays and the gap (资金缺口), in fen.
type ProgrammeFunding struct {
	// Households is the line's household count, used for per-household caps.
	Households    int            `json:"households"`
	Sources       []FundingLine  `json:"sources"`
	Funded        budget.Money   `json:"funded"`
	Gap           budget.Money   `json:"gap"`
	GapByCategory []CategoryCost `json:"gap_by_category"`
}

// ProgrammeCost is the budget of a compound or of a group of compounds.
type ProgrammeCost struct {
	Quantities ProgrammeQuantities `json:"quantities"`
	// Lines are the items priced, in catalogue order.
	Lines []ProgrammeLine `json:"lines"`
	// ByCategory holds the three categories in their official order.
	ByCategory []CategoryCost    `json:"by_category"`
	Cost       budget.Money      `json:"cost"`
	Funding    *ProgrammeFunding `json:"funding,omitempty"`
}

// CompoundBudget is one compound's programme budget.
type CompoundBudget struct {
	CompoundID  string `json:"compound_id"`
	Compound    string `json:"compound"`
	District    string `json:"district"`
	FieldOffice string `json:"field_office"`
	ProgrammeCost
}

// BudgetGroup is the roll-up of the compounds sharing a district, a field office, or all of
// them: quantities and costs are the sums of the compounds' exactly.
type BudgetGroup struct {
	// Key is the district or field office; "" for compounds that name none, and for the total.
	Key       string `json:"key"`
	Compounds int    `json:"compounds"`
	ProgrammeCost
}

// ProgrammeBudget is the result of EstimateProgramme.
type ProgrammeBudget struct {
	Catalogue    string        `json:"catalogue"`
	StoreyHeight float64       `json:"storey_height_m"`
	Elevators    ElevatorBasis `json:"elevators"`
	// Assumptions says what the quantities rest on, in words, for reports.
	Assumptions []string `json:"assumptions"`
	// Compounds are in model order.
	Compounds []CompoundBudget `json:"compounds"`
	// Districts and FieldOffices are sorted by key.
	Districts    []BudgetGroup `json:"districts"`
	FieldOffices []BudgetGroup `json:"field_offices"`
	Total        BudgetGroup   `json:"total"`
}

// Errors of EstimateProgramme.
var (
	// ErrProgramme is wrapped by every error about the options of EstimateProgramme.
	ErrProgramme = errors.New("invalid programme budget options")
	// ErrQuantity: a quantity derived from the model is not a finite non-negative area.
	ErrQuantity = errors.New("quantity is not a finite non-negative area")
)

// maxQuantityArea bounds an area quantity (about 10¹³ m²), far beyond any programme, so that
// sums stay exact in an int64 of 0.01 m².
const maxQuantityArea = 1e15

// EstimateProgramme prices a renovation programme from a catalogue and rolls it up per
// compound, per district, per field office (片区) and in total, each split by category
// (基础类 / 完善类 / 提升类).
//
// Quantities come from the model, per compound:
//
//   - floor area (m²): Σ Building.GrossFloorArea — surveyed, or footprint area × storeys
//     (the counts say which, and how many storeys were generated);
//   - facade area (m²): Σ geo.Perimeter(footprint) (geodesic on WGS84, holes included) ×
//     storeys × storey height (DefaultStoreyHeight unless given: an assumption);
//   - households (the roster), buildings (all of the compound's), elevators (candidate
//     stairwells, or those whose plan passed), and 1 for a lump sum.
//
// Areas are summed in float64 over the compound's buildings in model order and rounded once,
// to the nearest 0.01 m² (halves away from zero); from there on everything is exact. Each
// compound is priced with budget.Catalogue.Estimate (each line rounded to the nearest fen,
// halves up). A roll-up adds the compounds' exact quantities and fen costs; it does not price
// the summed quantities again, so its total is exactly the sum of the compounds' lines.
//
// Funding, if given, is allocated on every line on its own (budget.Funding.Allocate), as if
// that line were the whole programme, with Households set to the line's households:
// percentages scale, per-household caps follow the line, and fixed amounts and caps apply to
// each line whole. Funded amounts therefore need not add up across lines; the Total line's
// funding is the programme's.
//
// EstimateProgramme checks ctx between compounds and calls o.Progress after each. It modifies
// neither d nor o and is safe for concurrent use.
//
// Errors wrap ErrProgramme (an unknown compound or item code, a duplicate code, a negative or
// non-finite storey height, ElevatorsPassed without plans, an unknown basis), budget's
// catalogue and funding errors, ErrQuantity naming the building, and budget.ErrOverflow.
func EstimateProgramme(ctx context.Context, d *District, o ProgrammeOptions) (*ProgrammeBudget, error) {
	if err := o.Catalogue.Validate(); err != nil {
		return nil, fmt.Errorf("programme budget: %w", err)
	}
	if o.Funding != nil {
		if err := o.Funding.Validate(); err != nil {
			return nil, fmt.Errorf("programme budget: %w", err)
		}
	}
	height := o.StoreyHeight
	switch {
	case height == 0:
		height = DefaultStoreyHeight
	case math.IsNaN(height) || math.IsInf(height, 0) || height < 0:
		return nil, fmt.Errorf("%w: storey height %v m is not a positive number", ErrProgramme, o.StoreyHeight)
	}
	basis := o.Elevators
	if basis == "" {
		basis = ElevatorsCandidates
	}
	elevators := map[string]int{}
	switch basis {
	case ElevatorsCandidates:
		for _, c := range ElevatorCandidates(d) {
			elevators[c.CompoundID]++
		}
	case ElevatorsPassed:
		if o.Plans == nil {
			return nil, fmt.Errorf("%w: elevators %q needs the elevator plans", ErrProgramme, basis)
		}
		for i := range o.Plans.Plans {
			if p := &o.Plans.Plans[i]; p.Tally != nil && p.Tally.Passed {
				elevators[p.Stairwell.CompoundID]++
			}
		}
	default:
		return nil, fmt.Errorf("%w: elevators %q is not %q or %q", ErrProgramme, basis, ElevatorsCandidates, ElevatorsPassed)
	}
	sel, err := selectCompounds(d, &o)
	if err != nil {
		return nil, err
	}

	out := &ProgrammeBudget{Catalogue: o.Catalogue.Name, StoreyHeight: height, Elevators: basis,
		Assumptions: programmeAssumptions(height, basis), Compounds: make([]CompoundBudget, 0, len(sel))}
	for i, s := range sel {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := s.c
		q, err := compoundQuantities(c, height)
		if err != nil {
			return nil, fmt.Errorf("programme budget: compound %s: %w", c.Label(), err)
		}
		q.Elevators = elevators[c.ID]
		cb := CompoundBudget{CompoundID: c.ID, Compound: c.Label(), District: c.District, FieldOffice: c.FieldOffice}
		cb.Quantities = q
		if err := cb.price(&o.Catalogue, s.codes); err != nil {
			return nil, fmt.Errorf("programme budget: compound %s: %w", c.Label(), err)
		}
		if cb.Funding, err = allocate(o.Funding, &cb.ProgrammeCost); err != nil {
			return nil, fmt.Errorf("programme budget: compound %s: %w", c.Label(), err)
		}
		out.Compounds = append(out.Compounds, cb)
		if o.Progress != nil {
			o.Progress(i+1, len(sel))
		}
	}

	if out.Districts, err = rollupBudget(out.Compounds, &o, func(c *CompoundBudget) string { return c.District }); err != nil {
		return nil, err
	}
	if out.FieldOffices, err = rollupBudget(out.Compounds, &o, func(c *CompoundBudget) string { return c.FieldOffice }); err != nil {
		return nil, err
	}
	total, err := rollupBudget(out.Compounds, &o, func(*CompoundBudget) string { return "" })
	if err != nil {
		return nil, err
	}
	if len(total) == 1 {
		out.Total = total[0]
	} else {
		out.Total = BudgetGroup{ProgrammeCost: ProgrammeCost{Lines: []ProgrammeLine{}, ByCategory: categoryCosts([3]budget.Money{})}}
		if out.Total.Funding, err = allocate(o.Funding, &out.Total.ProgrammeCost); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func programmeAssumptions(height float64, basis ElevatorBasis) []string {
	return []string{
		"floor area: surveyed where the model has it, else footprint area (geodesic, WGS84) × storeys",
		"facade area: footprint perimeter (geodesic, WGS84, holes included) × storeys × storey height " +
			strconv.FormatFloat(height, 'f', -1, 64) + " m (an assumption, not a standard)",
		"areas summed per compound in float64 and rounded once to 0.01 m²; each line priced to the nearest fen (halves up); roll-ups add the compounds' lines",
		"elevators: " + map[ElevatorBasis]string{
			ElevatorsCandidates: "every candidate stairwell (4+ storeys, no elevator)",
			ElevatorsPassed:     "stairwells whose elevator vote passed",
		}[basis],
		"prices: the catalogue's; no national unit-cost norm exists (domain-rules §5)",
	}
}

// selected is a compound to budget and its item codes in catalogue order.
type selected struct {
	c     *Compound
	codes []string
}

// selectCompounds returns the compounds to budget, in model order, with their items.
func selectCompounds(d *District, o *ProgrammeOptions) ([]selected, error) {
	all := make([]string, len(o.Catalogue.Items))
	rank := make(map[string]int, len(all))
	for i, it := range o.Catalogue.Items {
		all[i] = it.Code
		rank[it.Code] = i
	}
	var out []selected
	if o.Items == nil {
		rule := o.Eligibility
		if rule.CutoffYear == 0 {
			rule = NationalEligibility()
		}
		for i := range d.Compounds {
			c := &d.Compounds[i]
			if checkCompound(c, rule).Status == Eligible {
				out = append(out, selected{c: c, codes: all})
			}
		}
		return out, nil
	}
	found := make(map[string]bool, len(o.Items))
	for i := range d.Compounds {
		c := &d.Compounds[i]
		codes, ok := o.Items[c.ID]
		if !ok || found[c.ID] {
			continue // a duplicate compound ID is District.Validate's to report
		}
		found[c.ID] = true
		seen := make(map[string]bool, len(codes))
		sorted := make([]string, 0, len(codes))
		for _, code := range codes {
			if _, ok := rank[code]; !ok {
				return nil, fmt.Errorf("%w: compound %s: no item %q in catalogue %q", ErrProgramme, c.Label(), code, o.Catalogue.Name)
			}
			if seen[code] {
				return nil, fmt.Errorf("%w: compound %s: item %q listed twice", ErrProgramme, c.Label(), code)
			}
			seen[code] = true
			sorted = append(sorted, code)
		}
		slices.SortFunc(sorted, func(a, b string) int { return rank[a] - rank[b] })
		out = append(out, selected{c: c, codes: sorted})
	}
	if len(found) < len(o.Items) {
		var missing []string
		for id := range o.Items {
			if !found[id] {
				missing = append(missing, strconv.Quote(id))
			}
		}
		slices.Sort(missing)
		return nil, fmt.Errorf("%w: items given for compounds not in the district: %v", ErrProgramme, missing)
	}
	return out, nil
}

// compoundQuantities measures compound c. Areas are summed in float64 and rounded once.
func compoundQuantities(c *Compound, height float64) (ProgrammeQuantities, error) {
	var q ProgrammeQuantities
	var floor, facade float64
	for j := range c.Buildings {
		b := &c.Buildings[j]
		q.Buildings++
		m2, derived := b.GrossFloorArea()
		if !finiteNonNeg(m2) {
			return q, fmt.Errorf("building %s: floor area %v m²: %w", b.Label(), m2, ErrQuantity)
		}
		usesStoreys, usesFootprint := false, false
		switch {
		case m2 == 0:
			q.NoFloorArea++
		case derived:
			q.FloorAreaDerived++
			usesStoreys, usesFootprint = true, true
		default:
			q.FloorAreaSurveyed++
		}
		floor += m2
		if b.Footprint == nil || b.Storeys <= 0 {
			q.NoFacade++
		} else {
			f := geo.Perimeter(b.Footprint) * float64(b.Storeys) * height
			if !finiteNonNeg(f) {
				return q, fmt.Errorf("building %s: facade area %v m²: %w", b.Label(), f, ErrQuantity)
			}
			facade += f
			usesStoreys, usesFootprint = true, true
		}
		if usesStoreys && b.IsSynthetic("storeys") {
			q.SyntheticStoreys++
		}
		if usesFootprint && b.IsSynthetic("footprint") {
			q.SyntheticFootprints++
		}
	}
	var err error
	if q.FloorArea, err = roundArea(floor); err != nil {
		return q, fmt.Errorf("floor area: %w", err)
	}
	if q.FacadeArea, err = roundArea(facade); err != nil {
		return q, fmt.Errorf("facade area: %w", err)
	}
	q.Households = CountHouseholds(c).Households
	return q, nil
}

func finiteNonNeg(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) && x >= 0 }

// roundArea rounds m² to the nearest 0.01 m², halves away from zero.
func roundArea(m2 float64) (survey.Area, error) {
	if !finiteNonNeg(m2) || m2 > maxQuantityArea {
		return 0, fmt.Errorf("%v m²: %w", m2, ErrQuantity)
	}
	return survey.Area(math.Round(m2 * 100)), nil
}

// quantity returns the quantity of q that an item priced per unit u takes.
func (q *ProgrammeQuantities) quantity(u budget.PricingUnit) budget.Weight {
	switch u {
	case budget.PerFloorArea:
		return areaWeight(q.FloorArea)
	case budget.PerFacadeArea:
		return areaWeight(q.FacadeArea)
	case budget.PerHousehold:
		return budget.IntWeight(uint64(q.Households))
	case budget.PerBuilding:
		return budget.IntWeight(uint64(q.Buildings))
	case budget.PerElevator:
		return budget.IntWeight(uint64(q.Elevators))
	}
	return budget.IntWeight(1) // LumpSum: one lot
}

// areaWeight is a in m², exactly: a/100.
func areaWeight(a survey.Area) budget.Weight {
	w, _ := budget.NewWeight(uint64(a), 100) // a ≥ 0; the denominator is not 0
	return w
}

// price prices the compound's items with the catalogue.
func (cb *CompoundBudget) price(cat *budget.Catalogue, codes []string) error {
	lines := make([]budget.Line, len(codes))
	for i, code := range codes {
		it, _ := cat.Lookup(code) // selectCompounds checked the code
		lines[i] = budget.Line{Code: code, Quantity: cb.Quantities.quantity(it.Unit)}
	}
	est, err := cat.Estimate(lines)
	if err != nil {
		return err
	}
	cb.Lines = make([]ProgrammeLine, len(est.Lines))
	for i, l := range est.Lines {
		cb.Lines[i] = ProgrammeLine{Code: l.Item.Code, Name: l.Item.Name, Category: l.Item.Category, Unit: l.Item.Unit,
			Price: l.Item.Price, Quantity: l.Quantity, Cost: l.Cost}
	}
	cb.ByCategory = categoryCosts(est.ByCategory)
	cb.Cost = est.Total
	return nil
}

// allocate allocates funding f (nil: none) on a line whose costs are filled in.
func allocate(f *budget.Funding, pc *ProgrammeCost) (*ProgrammeFunding, error) {
	if f == nil {
		return nil, nil
	}
	plan := *f // a copy: the caller's Households is not modified; Sources are only read
	plan.Households = pc.Quantities.Households
	est := &budget.Estimate{Total: pc.Cost}
	for i, c := range pc.ByCategory {
		est.ByCategory[i] = c.Cost
	}
	res, err := plan.Allocate(est)
	if err != nil {
		return nil, err
	}
	pf := &ProgrammeFunding{Households: plan.Households, Sources: make([]FundingLine, len(res.Allocations)),
		Funded: res.Funded, Gap: res.Gap, GapByCategory: categoryCosts(res.GapByCategory)}
	for i, a := range res.Allocations {
		pf.Sources[i] = FundingLine{Kind: a.Source.Kind, Name: a.Source.Name, Offered: a.Offered, Amount: a.Amount,
			Limit: a.Limit, ByCategory: categoryCosts(a.ByCategory)}
	}
	return pf, nil
}

// rollupBudget groups the compounds by key (sorted; "" first) and sums each group exactly.
func rollupBudget(cbs []CompoundBudget, o *ProgrammeOptions, key func(*CompoundBudget) string) ([]BudgetGroup, error) {
	rank := make(map[string]int, len(o.Catalogue.Items))
	for i, it := range o.Catalogue.Items {
		rank[it.Code] = i
	}
	at := map[string]int{}
	var groups []BudgetGroup
	var costs [][3]budget.Money
	var lines []map[string]*ProgrammeLine
	for i := range cbs {
		cb := &cbs[i]
		k := key(cb)
		gi, ok := at[k]
		if !ok {
			gi = len(groups)
			at[k] = gi
			groups = append(groups, BudgetGroup{Key: k})
			costs = append(costs, [3]budget.Money{})
			lines = append(lines, map[string]*ProgrammeLine{})
		}
		g := &groups[gi]
		g.Compounds++
		g.Quantities.add(cb.Quantities)
		var err error
		if g.Cost, err = g.Cost.Add(cb.Cost); err != nil {
			return nil, err
		}
		for ci, c := range cb.ByCategory {
			if costs[gi][ci], err = costs[gi][ci].Add(c.Cost); err != nil {
				return nil, err
			}
		}
		for _, l := range cb.Lines {
			sum := lines[gi][l.Code]
			if sum == nil {
				cp := l
				lines[gi][l.Code] = &cp
				continue
			}
			if sum.Quantity, err = sum.Quantity.Add(l.Quantity); err != nil {
				return nil, fmt.Errorf("programme budget: item %s: %w", l.Code, err)
			}
			if sum.Cost, err = sum.Cost.Add(l.Cost); err != nil {
				return nil, err
			}
		}
	}
	for gi := range groups {
		g := &groups[gi]
		g.ByCategory = categoryCosts(costs[gi])
		g.Lines = make([]ProgrammeLine, 0, len(lines[gi]))
		for _, l := range lines[gi] {
			g.Lines = append(g.Lines, *l)
		}
		slices.SortFunc(g.Lines, func(a, b ProgrammeLine) int { return rank[a.Code] - rank[b.Code] })
		var err error
		if g.Funding, err = allocate(o.Funding, &g.ProgrammeCost); err != nil {
			return nil, fmt.Errorf("programme budget: %q: %w", g.Key, err)
		}
	}
	slices.SortFunc(groups, func(a, b BudgetGroup) int {
		switch {
		case a.Key < b.Key:
			return -1
		case a.Key > b.Key:
			return 1
		}
		return 0
	})
	if groups == nil {
		groups = []BudgetGroup{}
	}
	return groups, nil
}
