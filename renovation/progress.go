package renovation

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"

	"github.com/xiaoqu/xiaoqu/survey"
)

// Workload is an amount of renovation work as programmes report it: floor area, and the
// compounds, buildings and households it covers (Haidian reported its 2013 programme as 140万
// m² of task against 164.46万 m² started and 162.84万 m² completed).
type Workload struct {
	// FloorArea is the building floor area in 0.01 m².
	FloorArea  survey.Area `json:"floor_area_m2"`
	Compounds  int         `json:"compounds,omitempty"`
	Buildings  int         `json:"buildings,omitempty"`
	Households int         `json:"households,omitempty"`
}

func (w *Workload) add(o Workload) {
	w.FloorArea += o.FloorArea
	w.Compounds += o.Compounds
	w.Buildings += o.Buildings
	w.Households += o.Households
}

// Task is a programme's target (任务) for a district, a compound or a type of renovation;
// fields left empty are not part of its scope.
type Task struct {
	District string `json:"district,omitempty"`
	Compound string `json:"compound,omitempty"`
	// Type is the renovation type, e.g. 抗震节能综合改造 (seismic strengthening with energy
	// retrofit) or 节能及环境整治 (energy retrofit with environment works).
	Type   string   `json:"type,omitempty"`
	Target Workload `json:"target"`
}

// Progress is the work started (开工) and completed (竣工) as reported for a district, a
// compound or a type of renovation.
type Progress struct {
	District  string   `json:"district,omitempty"`
	Compound  string   `json:"compound,omitempty"`
	Type      string   `json:"type,omitempty"`
	Started   Workload `json:"started"`
	Completed Workload `json:"completed"`
}

// Grouping says how Rollup groups tasks and progress.
type Grouping int

const (
	// Total sums everything into one line.
	Total Grouping = iota
	// ByDistrict groups by Task.District and Progress.District.
	ByDistrict
	// ByCompound groups by compound.
	ByCompound
	// ByType groups by renovation type.
	ByType
)

// ProgressLine is one group of a roll-up.
type ProgressLine struct {
	// Key is the district, compound or type of the group; empty for the total, and for tasks
	// and reports that do not name one.
	Key       string   `json:"key"`
	Target    Workload `json:"target"`
	Started   Workload `json:"started"`
	Completed Workload `json:"completed"`
	// StartedRate and CompletedRate are the started and completed floor areas over the target
	// floor area; nil when the group has no target area.
	StartedRate   *Rate `json:"started_rate,omitempty"`
	CompletedRate *Rate `json:"completed_rate,omitempty"`
}

// Rollup sums tasks and progress into lines grouped by g, sorted by key (the empty key first).
func Rollup(tasks []Task, progress []Progress, g Grouping) []ProgressLine {
	key := func(district, compound, typ string) string {
		switch g {
		case ByDistrict:
			return district
		case ByCompound:
			return compound
		case ByType:
			return typ
		}
		return ""
	}
	lines := map[string]*ProgressLine{}
	line := func(k string) *ProgressLine {
		if l := lines[k]; l != nil {
			return l
		}
		l := &ProgressLine{Key: k}
		lines[k] = l
		return l
	}
	for _, t := range tasks {
		line(key(t.District, t.Compound, t.Type)).Target.add(t.Target)
	}
	for _, p := range progress {
		l := line(key(p.District, p.Compound, p.Type))
		l.Started.add(p.Started)
		l.Completed.add(p.Completed)
	}
	out := make([]ProgressLine, 0, len(lines))
	for _, l := range lines {
		if d := int64(l.Target.FloorArea); d > 0 {
			l.StartedRate = &Rate{Num: int64(l.Started.FloorArea), Den: d}
			l.CompletedRate = &Rate{Num: int64(l.Completed.FloorArea), Den: d}
		}
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Rate is an exact ratio Num/Den (Den > 0), such as completed over target floor area.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Percent formats the rate as a percentage with the given number of decimals, rounded half
// away from zero, e.g. "116.3" for 1628400/1400000 with one decimal.
func (r Rate) Percent(decimals int) string {
	if r.Den == 0 {
		return "—"
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
	num := new(big.Int).Mul(big.NewInt(r.Num), big.NewInt(100))
	num.Mul(num, scale)
	den := big.NewInt(r.Den)
	// Round half away from zero: (2·num + sign·den) / (2·den), truncated.
	twice := new(big.Int).Lsh(num, 1)
	if num.Sign() >= 0 {
		twice.Add(twice, den)
	} else {
		twice.Sub(twice, den)
	}
	q := new(big.Int).Quo(twice, new(big.Int).Lsh(den, 1))
	s := new(big.Rat).SetFrac(q, scale).FloatString(decimals)
	return s
}

// String formats the rate as a percentage with one decimal, e.g. "116.3%".
func (r Rate) String() string { return r.Percent(1) + "%" }

// MarshalJSON writes {"num": n, "den": d, "percent": "116.3"}: the exact ratio and its display.
func (r Rate) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Num     int64  `json:"num"`
		Den     int64  `json:"den"`
		Percent string `json:"percent"`
	}{r.Num, r.Den, r.Percent(1)})
}

// GoString makes test failures readable.
func (r Rate) GoString() string { return fmt.Sprintf("Rate{%d/%d = %s}", r.Num, r.Den, r) }
