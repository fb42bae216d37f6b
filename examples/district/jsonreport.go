package main

import "github.com/xiaoqu/xiaoqu/renovation"

// jsonView is what -json prints: every analysis as the library returns it.
type jsonView struct {
	District    string                       `json:"district"`
	Attribution string                       `json:"attribution,omitempty"`
	Households  renovation.HouseholdCounts   `json:"households"`
	Indicators  *renovation.IndicatorReport  `json:"indicators"`
	Eligibility []renovation.Eligibility     `json:"eligibility"`
	Scope       *renovation.ScopeReport      `json:"scope,omitempty"`
	LifeCircle  *renovation.LifeCircleReport `json:"life_circle"`
	Elevators   *renovation.ElevatorPlans    `json:"elevator_plans"`
	Budget      *renovation.ProgrammeBudget  `json:"programme_budget"`
	Notes       []string                     `json:"notes"`
	// Problems, Standards and Prepayment: problems.go.
	Problems   []jsonProblem   `json:"problems"`
	Standards  []jsonStandard  `json:"standards"`
	Prepayment *jsonPrepayment `json:"prepayment,omitempty"`
	// Pianqu: pianqu.go; only with -pianqu.
	Pianqu []jsonPianqu `json:"pianqu,omitempty"`
}

func jsonReport(r *results) jsonView {
	return jsonView{District: r.District.Name, Attribution: r.District.Attribution, Households: r.Total,
		Indicators: r.Indicators, Eligibility: r.Eligibility, Scope: r.Scope, LifeCircle: r.LifeCircle,
		Elevators: r.Plans, Budget: r.Budget, Notes: r.Notes,
		Problems: jsonProblems(r.Work), Standards: jsonStandards(r.Work), Prepayment: jsonPrepaymentOf(r.Work),
		Pianqu: jsonPianquOf(r.Pianqu)}
}
