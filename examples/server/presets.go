package main

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/survey"
)

// subsidyJSON is a budget.SubsidyPreset as GET /v1/subsidies lists it; "subsidy" is in the
// scheme's JSON form, so that it can be pasted into a scheme in place of {"preset": name}.
type subsidyJSON struct {
	Name        string            `json:"name"`
	City        string            `json:"city"`
	Subsidy     map[string]string `json:"subsidy"`
	Rule        string            `json:"rule"`
	Source      string            `json:"source"`
	Reliability string            `json:"reliability"`
	Date        string            `json:"date"`
}

// rules answers GET /v1/rules: survey.Presets, each with its clauses, source and date.
func rules(w http.ResponseWriter, _ *http.Request) {
	writeIndented(w, struct {
		Rules []survey.Rule `json:"rules"`
	}{survey.Presets()})
}

// subsidies answers GET /v1/subsidies: budget.SubsidyPresets with their sources and dates.
func subsidies(w http.ResponseWriter, _ *http.Request) {
	var out struct {
		Subsidies []subsidyJSON `json:"subsidies"`
	}
	for _, p := range budget.SubsidyPresets() {
		s := map[string]string{}
		if p.Subsidy.Fixed != 0 {
			s["fixed_yuan"] = p.Subsidy.Fixed.Yuan()
		}
		if !p.Subsidy.Percent.IsZero() {
			s["percent"] = p.Subsidy.Percent.String()
		}
		if p.Subsidy.Cap != 0 {
			s["cap_yuan"] = p.Subsidy.Cap.Yuan()
		}
		out.Subsidies = append(out.Subsidies, subsidyJSON{
			Name: p.Name, City: p.City, Subsidy: s, Rule: p.Rule,
			Source: p.Source, Reliability: p.Reliability, Date: p.Date,
		})
	}
	writeIndented(w, out)
}

// healthz answers GET /healthz.
func healthz(w http.ResponseWriter, _ *http.Request) {
	writeBody(w, http.StatusOK, []byte(`{"status":"ok"}`+"\n"))
}

// writeIndented writes v as JSON indented by two spaces, as the examples print.
func writeIndented(w http.ResponseWriter, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("encoding presets: %v", err)) // a bug, answered 500 by recovery
	}
	writeBody(w, http.StatusOK, append(b, '\n'))
}
