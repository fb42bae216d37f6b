package renovation

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xiaoqu/xiaoqu/budget"
)

// Severity is how bad a problem is, as a 帮扶组's walk-through list ranks it.
type Severity string

// Severities, from worst.
const (
	// SeverityMain is the compound's main problem (主要问题), e.g. 新郑路31号院's road surface.
	SeverityMain Severity = "main"
	// SeverityMajor (较重) needs work in this programme.
	SeverityMajor Severity = "major"
	// SeverityMinor (一般) may wait.
	SeverityMinor Severity = "minor"
)

// Chinese returns 主要, 较重 or 一般 ("" for an unknown severity).
func (s Severity) Chinese() string {
	switch s {
	case SeverityMain:
		return "主要"
	case SeverityMajor:
		return "较重"
	case SeverityMinor:
		return "一般"
	}
	return ""
}

// WorkStatus is where a work item stands.
type WorkStatus string

// Work item states.
const (
	WorkPlanned    WorkStatus = "planned"     // 未开工
	WorkInProgress WorkStatus = "in_progress" // 实施中
	WorkDone       WorkStatus = "done"        // 已完成
)

// Chinese returns 未开工, 实施中 or 已完成 ("" for an unknown status).
func (s WorkStatus) Chinese() string {
	switch s {
	case WorkPlanned:
		return "未开工"
	case WorkInProgress:
		return "实施中"
	case WorkDone:
		return "已完成"
	}
	return ""
}

// SiteProblem is one thing wrong that a walk-through found (问题清单的一条): where, what, its national
// category, how bad, when and by whom, and the work items that fix it.
type SiteProblem struct {
	// Compound is the compound's ID or name (District.CompoundRefs).
	Compound string `json:"compound"`
	// Building and Unit narrow the place; empty for the whole compound.
	Building string `json:"building,omitempty"`
	Unit     string `json:"unit,omitempty"`
	What     string `json:"what"`
	// Category is 基础类 / 完善类 / 提升类 (国办发〔2020〕23号; budget.Category).
	Category budget.Category `json:"category"`
	Severity Severity        `json:"severity,omitempty"`
	// FoundOn is the date found, YYYY-MM-DD; FoundBy who found it (e.g. 帮扶组).
	FoundOn string     `json:"found_on,omitempty"`
	FoundBy string     `json:"found_by,omitempty"`
	Items   []WorkItem `json:"items"`
}

// WorkItem is one piece of work for a problem (整改事项): a catalogue item and its quantity, the
// cost, who is responsible (谁主管、谁负责), who pays, the deadline and the status.
type WorkItem struct {
	// Item is a code of the programme's budget.Catalogue, e.g. "roads".
	Item string `json:"item"`
	// Quantity is in Unit, exact: 127 (m of pavement), 3 (sewers).
	Quantity budget.Weight `json:"quantity"`
	// Unit is what Quantity counts, as the list writes it: 米, 处, 户, 项.
	Unit string `json:"unit"`
	// Cost is in fen. Zero with Priced false means the catalogue prices it: item price ×
	// Quantity (PriceWorkItems).
	Cost budget.Money `json:"cost"`
	// Priced says Cost was given (or set by PriceWorkItems), not left to the catalogue.
	Priced      bool   `json:"priced"`
	Responsible string `json:"responsible,omitempty"`
	// Funding is the source kind that pays; "" for none yet (the item counts in the gap).
	Funding budget.SourceKind `json:"funding,omitempty"`
	// Funder names the payer, e.g. 郑州铁路局.
	Funder   string     `json:"funder,omitempty"`
	Deadline string     `json:"deadline,omitempty"`
	Status   WorkStatus `json:"status"`
	// Synthetic says the cost is illustrative, not from the source: reports must say so.
	Synthetic bool `json:"synthetic,omitempty"`
}

// ErrWorkItems is wrapped by every error about a problem list.
var ErrWorkItems = errors.New("invalid problem list")

// ValidDate reports whether s is a calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ValidateProblems checks a problem list against the district and catalogue: every compound
// known, a known category, severity and status, dates as YYYY-MM-DD, item codes in the
// catalogue, costs not negative, funding kinds known. Errors (joined, each wrapping
// ErrWorkItems) name the problem and item by position from 1.
func ValidateProblems(d *District, cat *budget.Catalogue, problems []SiteProblem) error {
	refs := d.CompoundRefs()
	var errs []error
	bad := func(pi, ii int, format string, a ...any) {
		where := fmt.Sprintf("problem %d", pi+1)
		if ii >= 0 {
			where += fmt.Sprintf(" item %d", ii+1)
		}
		errs = append(errs, fmt.Errorf("%w: %s (%s): %s", ErrWorkItems, where, problems[pi].What, fmt.Sprintf(format, a...)))
	}
	for pi, p := range problems {
		if _, ok := refs.Find(p.Compound); !ok {
			bad(pi, -1, "no compound %q in the district", p.Compound)
		}
		if strings.TrimSpace(p.What) == "" {
			bad(pi, -1, "says nothing of what is wrong")
		}
		if p.Category.Chinese() == "" {
			bad(pi, -1, "category %q is not basic, improvement or upgrading (基础类, 完善类, 提升类)", p.Category)
		}
		if p.Severity != "" && p.Severity.Chinese() == "" {
			bad(pi, -1, "severity %q is not main, major or minor", p.Severity)
		}
		if p.FoundOn != "" && !ValidDate(p.FoundOn) {
			bad(pi, -1, "found on %q is not a date YYYY-MM-DD", p.FoundOn)
		}
		for ii, it := range p.Items {
			if _, ok := cat.Lookup(it.Item); !ok {
				bad(pi, ii, "no item %q in catalogue %q", it.Item, cat.Name)
			}
			if it.Cost < 0 {
				bad(pi, ii, "cost %s yuan is negative", it.Cost)
			}
			if it.Funding != "" && !it.Funding.Valid() {
				bad(pi, ii, "funding %q is not a known source kind", it.Funding)
			}
			if it.Deadline != "" && !ValidDate(it.Deadline) {
				bad(pi, ii, "deadline %q is not a date YYYY-MM-DD", it.Deadline)
			}
			if it.Status.Chinese() == "" {
				bad(pi, ii, "status %q is not planned, in_progress or done", it.Status)
			}
		}
	}
	return errors.Join(errs...)
}

// PriceWorkItems returns a copy of the problems in which every item without a given cost is
// priced from the catalogue: price × quantity, rounded to the nearest fen, halves up
// (budget.Catalogue.Estimate). The quantity is taken in the catalogue item's pricing unit.
// It validates first (ValidateProblems).
func PriceWorkItems(d *District, cat *budget.Catalogue, problems []SiteProblem) ([]SiteProblem, error) {
	if err := ValidateProblems(d, cat, problems); err != nil {
		return nil, err
	}
	out := make([]SiteProblem, len(problems))
	for pi, p := range problems {
		p.Items = slices.Clone(p.Items)
		for ii := range p.Items {
			it := &p.Items[ii]
			if it.Priced {
				continue
			}
			est, err := cat.Estimate([]budget.Line{{Code: it.Item, Quantity: it.Quantity}})
			if err != nil {
				return nil, fmt.Errorf("%w: problem %d item %d: %w", ErrWorkItems, pi+1, ii+1, err)
			}
			it.Cost, it.Priced = est.Total, true
		}
		out[pi] = p
	}
	return out, nil
}

// WorkItemBudget turns a problem list into the programme budget EstimateProgramme computes,
// with the work items as its lines: per compound (in model order, only those with work), per
// district, per field office and in total, split by category. A line's category is its
// problem's; its quantity and cost the item's. Funding is what the items name: each source
// kind pays the cost of its items, and items naming none are the gap. Quantities of the model
// (floor area, households…) are the compounds' as EstimateProgramme measures them.
//
// Errors are ValidateProblems', PriceWorkItems' and budget.ErrOverflow.
func WorkItemBudget(d *District, cat *budget.Catalogue, problems []SiteProblem) (*ProgrammeBudget, error) {
	priced, err := PriceWorkItems(d, cat, problems)
	if err != nil {
		return nil, err
	}
	refs := d.CompoundRefs()
	byCompound := make([][]*SiteProblem, len(d.Compounds))
	for i := range priced {
		ci, _ := refs.Find(priced[i].Compound)
		byCompound[ci] = append(byCompound[ci], &priced[i])
	}
	out := &ProgrammeBudget{Catalogue: cat.Name, StoreyHeight: DefaultStoreyHeight, Elevators: ElevatorsCandidates,
		Assumptions: []string{"lines: the problem list's work items; costs as the list gives them, else the catalogue's price × quantity",
			"funding: the source each work item names; items naming none are the gap"}}
	funding := map[string]*ProgrammeFunding{}
	for ci, ps := range byCompound {
		if len(ps) == 0 {
			continue
		}
		c := &d.Compounds[ci]
		cb := CompoundBudget{CompoundID: c.ID, Compound: c.Label(), District: c.District, FieldOffice: c.FieldOffice}
		if cb.Quantities, err = compoundQuantities(c, DefaultStoreyHeight); err != nil {
			return nil, fmt.Errorf("work item budget: compound %s: %w", c.Label(), err)
		}
		var cats [3]budget.Money
		var f workFunding
		for _, p := range ps {
			k := slices.Index(budget.Categories(), p.Category)
			for _, it := range p.Items {
				ci, _ := cat.Lookup(it.Item)
				cb.Lines = append(cb.Lines, ProgrammeLine{Code: it.Item, Name: ci.Name, Category: p.Category, Unit: ci.Unit,
					Price: ci.Price, Quantity: it.Quantity, Cost: it.Cost})
				if cats[k], err = cats[k].Add(it.Cost); err != nil {
					return nil, err
				}
				if cb.Cost, err = cb.Cost.Add(it.Cost); err != nil {
					return nil, err
				}
				if err := f.add(it.Funding, it.Funder, k, it.Cost); err != nil {
					return nil, err
				}
			}
		}
		cb.ByCategory = categoryCosts(cats)
		cb.Funding = f.result(cb.Quantities.Households)
		funding[c.ID] = cb.Funding
		out.Compounds = append(out.Compounds, cb)
	}
	// Roll-ups: EstimateProgramme's, whose lines merge by code in catalogue order; then the
	// funding of each group is the sum of its compounds'.
	o := &ProgrammeOptions{Catalogue: *cat}
	type group struct {
		lines *[]BudgetGroup
		key   func(*CompoundBudget) string
	}
	var total []BudgetGroup
	for _, g := range []group{
		{&out.Districts, func(c *CompoundBudget) string { return c.District }},
		{&out.FieldOffices, func(c *CompoundBudget) string { return c.FieldOffice }},
		{&total, func(*CompoundBudget) string { return "" }},
	} {
		if *g.lines, err = rollupBudget(out.Compounds, o, g.key); err != nil {
			return nil, err
		}
		for gi := range *g.lines {
			bg := &(*g.lines)[gi]
			var f workFunding
			for i := range out.Compounds {
				if g.key(&out.Compounds[i]) == bg.Key {
					if err := f.merge(out.Compounds[i].Funding); err != nil {
						return nil, err
					}
				}
			}
			bg.Funding = f.result(bg.Quantities.Households)
		}
	}
	if len(total) == 1 {
		out.Total = total[0]
	} else {
		out.Total = BudgetGroup{ProgrammeCost: ProgrammeCost{Lines: []ProgrammeLine{}, ByCategory: categoryCosts([3]budget.Money{}),
			Funding: (&workFunding{}).result(0)}}
	}
	if out.Compounds == nil {
		out.Compounds = []CompoundBudget{}
	}
	return out, nil
}

// workFunding sums what each (kind, funder) pays, and the gap, by category.
type workFunding struct {
	keys    []FundingLine // Kind and Name set; Amount and categories summed in cats
	cats    [][3]budget.Money
	gap     [3]budget.Money
	hasData bool
}

func (w *workFunding) add(kind budget.SourceKind, name string, k int, m budget.Money) error {
	var err error
	w.hasData = true
	if kind == "" {
		w.gap[k], err = w.gap[k].Add(m)
		return err
	}
	i := slices.IndexFunc(w.keys, func(l FundingLine) bool { return l.Kind == kind && l.Name == name })
	if i < 0 {
		i = len(w.keys)
		w.keys = append(w.keys, FundingLine{Kind: kind, Name: name})
		w.cats = append(w.cats, [3]budget.Money{})
	}
	w.cats[i][k], err = w.cats[i][k].Add(m)
	return err
}

func (w *workFunding) merge(f *ProgrammeFunding) error {
	if f == nil {
		return nil
	}
	for _, s := range f.Sources {
		for k, c := range s.ByCategory {
			if err := w.add(s.Kind, s.Name, k, c.Cost); err != nil {
				return err
			}
		}
	}
	for k, c := range f.GapByCategory {
		if err := w.add("", "", k, c.Cost); err != nil {
			return err
		}
	}
	return nil
}

// result is the funding in budget's source-kind order, then by funder name. Sums cannot
// overflow: each is a part of a cost already summed without overflow.
func (w *workFunding) result(households int) *ProgrammeFunding {
	pf := &ProgrammeFunding{Households: households, Sources: []FundingLine{}}
	order := make([]int, len(w.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := budget.CompareSourceKinds(w.keys[a].Kind, w.keys[b].Kind); c != 0 {
			return c
		}
		return strings.Compare(w.keys[a].Name, w.keys[b].Name)
	})
	for _, i := range order {
		l := w.keys[i]
		for _, c := range w.cats[i] {
			l.Amount += c
		}
		l.Offered, l.Limit, l.ByCategory = l.Amount, "work items", categoryCosts(w.cats[i])
		pf.Sources = append(pf.Sources, l)
		pf.Funded += l.Amount
	}
	for _, c := range w.gap {
		pf.Gap += c
	}
	pf.GapByCategory = categoryCosts(w.gap)
	return pf
}

// WorkProgress is how far the work items of a compound, or of all, have come, counted in
// items and in fen.
type WorkProgress struct {
	// Key is the compound's ID; "" for the total.
	Key        string       `json:"key"`
	Items      int          `json:"items"`
	Planned    int          `json:"planned"`
	InProgress int          `json:"in_progress"`
	Done       int          `json:"done"`
	Cost       budget.Money `json:"cost"`
	DoneCost   budget.Money `json:"done_cost"`
	// DoneRate is DoneCost / Cost, exact; nil when Cost is 0.
	DoneRate *Rate `json:"done_rate,omitempty"`
	// Overdue counts the items not done whose deadline is before AsOf.
	Overdue int `json:"overdue"`
}

// WorkItemProgress counts the priced problem list (PriceWorkItems) per compound, in model
// order, then the total last; asOf (YYYY-MM-DD, "" for none) dates the overdue count. Dates
// compare as text, which for YYYY-MM-DD is calendar order.
func WorkItemProgress(d *District, problems []SiteProblem, asOf string) []WorkProgress {
	refs := d.CompoundRefs()
	lines := make([]WorkProgress, len(d.Compounds)+1)
	for _, p := range problems {
		ci, ok := refs.Find(p.Compound)
		if !ok {
			continue // ValidateProblems reports it
		}
		for _, it := range p.Items {
			for _, l := range []*WorkProgress{&lines[ci], &lines[len(d.Compounds)]} {
				l.Items++
				l.Cost += it.Cost
				switch it.Status {
				case WorkDone:
					l.Done++
					l.DoneCost += it.Cost
				case WorkInProgress:
					l.InProgress++
				default:
					l.Planned++
				}
				if it.Status != WorkDone && asOf != "" && it.Deadline != "" && it.Deadline < asOf {
					l.Overdue++
				}
			}
		}
	}
	var out []WorkProgress
	for i := range lines {
		l := lines[i]
		if i < len(d.Compounds) {
			if l.Items == 0 {
				continue
			}
			l.Key = d.Compounds[i].ID
		}
		if l.Cost > 0 {
			l.DoneRate = &Rate{Num: int64(l.DoneCost), Den: int64(l.Cost)}
		}
		out = append(out, l)
	}
	return out
}
