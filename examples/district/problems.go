package main

import (
	"fmt"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
	"github.com/xiaoqu/xiaoqu/survey"
)

// workResults are the problem list, the facility-standard checks and a sample's fee
// prepayment: what the report shows besides the compound analyses.
type workResults struct {
	// Problems are the problem list with every work item priced (renovation.PriceWorkItems).
	Problems []renovation.SiteProblem
	// Catalogue prices the problem list: the sample's own, else the district's.
	Catalogue *budget.Catalogue
	Standards []renovation.StandardCheck
	// Prepayment and its report, nil when the sample has none.
	Prepayment       *sample.Prepayment
	PrepaymentReport *survey.CollectionReport
}

// analyseWork reads the sample's problem list and prepayment (none for the user's own files)
// and checks the facility standards' presets; the rooms the checks count are those of a rooms
// table, which no sample has yet, so every area rule shows its full shortfall.
func analyseWork(o options, r *results) (*workResults, error) {
	w := &workResults{Catalogue: r.Catalogue}
	d := r.District
	if r.Sample {
		ps, err := sample.Problems(o.sample)
		if err != nil {
			return nil, fmt.Errorf("sample %s: problems: %w", o.sample, err)
		}
		if cat, err := sample.Catalogue(o.sample); err != nil {
			return nil, fmt.Errorf("sample %s: catalogue: %w", o.sample, err)
		} else if cat != nil {
			w.Catalogue = cat
		}
		if len(ps) > 0 {
			if w.Problems, err = renovation.PriceWorkItems(d, w.Catalogue, ps); err != nil {
				return nil, fmt.Errorf("sample %s: problems: %w", o.sample, err)
			}
		}
		if w.Prepayment, err = sample.GasPrepayment(o.sample, d); err != nil {
			return nil, fmt.Errorf("sample %s: %w", o.sample, err)
		}
		if w.Prepayment != nil {
			rep, err := w.Prepayment.Collection.Report()
			if err != nil {
				return nil, fmt.Errorf("sample %s: prepayment: %w", o.sample, err)
			}
			w.PrepaymentReport = &rep
		}
	}
	var err error
	if w.Standards, err = renovation.CheckStandards(d, renovation.StandardPresets(), nil); err != nil {
		return nil, err
	}
	return w, nil
}

// jsonProblem is one problem as -json prints it (the contract's keys, exactly).
type jsonProblem struct {
	Compound string            `json:"compound"`
	What     string            `json:"what"`
	Category budget.Category   `json:"category"`
	Items    []jsonWorkItemOut `json:"items"`
}

// jsonWorkItemOut is one work item as -json prints it: quantity an exact decimal string,
// cost in fen.
type jsonWorkItemOut struct {
	Item        string                `json:"item"`
	Quantity    budget.Weight         `json:"quantity"`
	Unit        string                `json:"unit"`
	CostFen     int64                 `json:"cost_fen"`
	Responsible string                `json:"responsible"`
	Funding     budget.SourceKind     `json:"funding"`
	Deadline    string                `json:"deadline"`
	Status      renovation.WorkStatus `json:"status"`
}

// jsonStandard is one standard check as -json prints it (the contract's keys, exactly).
type jsonStandard struct {
	Community string `json:"community"`
	Rule      string `json:"rule"`
	Required  string `json:"required"`
	Actual    string `json:"actual"`
	Shortfall string `json:"shortfall"`
	Passed    bool   `json:"passed"`
}

// jsonPrepayment is a sample's fee collection: each household's due and the reconciliation.
type jsonPrepayment struct {
	Compound string                  `json:"compound"`
	AsOf     string                  `json:"as_of"`
	Dues     []survey.Due            `json:"dues"`
	Report   survey.CollectionReport `json:"report"`
}

func jsonProblems(w *workResults) []jsonProblem {
	out := []jsonProblem{}
	if w == nil {
		return out
	}
	for _, p := range w.Problems {
		jp := jsonProblem{Compound: p.Compound, What: p.What, Category: p.Category, Items: []jsonWorkItemOut{}}
		for _, it := range p.Items {
			jp.Items = append(jp.Items, jsonWorkItemOut{Item: it.Item, Quantity: it.Quantity, Unit: it.Unit, CostFen: int64(it.Cost),
				Responsible: it.Responsible, Funding: it.Funding, Deadline: it.Deadline, Status: it.Status})
		}
		out = append(out, jp)
	}
	return out
}

func jsonStandards(w *workResults) []jsonStandard {
	out := []jsonStandard{}
	if w == nil {
		return out
	}
	for _, s := range w.Standards {
		out = append(out, jsonStandard{Community: s.Community, Rule: s.Rule, Required: s.Required, Actual: s.Actual, Shortfall: s.Shortfall, Passed: s.Passed})
	}
	return out
}

func jsonPrepaymentOf(w *workResults) *jsonPrepayment {
	if w == nil || w.Prepayment == nil {
		return nil
	}
	return &jsonPrepayment{Compound: w.Prepayment.Compound, AsOf: w.Prepayment.AsOf, Dues: w.Prepayment.Collection.Dues, Report: *w.PrepaymentReport}
}
