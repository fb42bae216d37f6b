package budget

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
)

// Method names how a cost-sharing scheme weighs each household. The residents' amount is then
// split in proportion to the weights (Apportion), so only ratios matter.
type Method string

// The cost-sharing methods (分摊方法). Floors listed in Weighting.ExemptFloors weigh 0 whatever
// the method.
const (
	// MethodArea weighs by exclusive area: Civil Code Art. 283, the legal default when the
	// owners' agreement is silent (没有约定或者约定不明确的，按照业主专有部分面积所占比例确定).
	MethodArea Method = "area"
	// MethodEqual weighs every household 1 (按户均摊).
	MethodEqual Method = "equal"
	// MethodFloorsClimbed weighs by floors travelled, floor − 1 (按使用楼层数; domain-rules
	// §3.4 Method C).
	MethodFloorsClimbed Method = "floors_climbed"
	// MethodFloorCoefficient weighs by the floor's coefficient (楼层系数), from Coefficients.
	MethodFloorCoefficient Method = "floor_coefficient"
	// MethodFloorCoefficientArea weighs by coefficient × exclusive area (楼层分摊系数 × 面积),
	// the Guangzhou community practice (domain-rules §3.4 Method A), normalised by the
	// apportionment so that it always sums to the amount split, whatever the areas.
	MethodFloorCoefficientArea Method = "floor_coefficient_area"
	// MethodFloorPercent gives each floor a percentage of the residents' amount (Percents,
	// summing to exactly 100 over the paying floors present), split equally among that floor's
	// households: a household weighs its floor's percent ÷ the floor's household count.
	MethodFloorPercent Method = "floor_percent"
	// MethodStairsSaved weighs by the stair steps the elevator saves (按台阶数; domain-rules §3.4
	// Method B): the steps of every flight from floor 1 up to the household's floor, from
	// StepsPerFloor or per-flight Steps.
	MethodStairsSaved Method = "stairs_saved"
)

// Indices of the methods in Methods, for the weigher's switch.
const (
	kindArea = iota
	kindEqual
	kindFloorsClimbed
	kindFloorCoefficient
	kindFloorCoefficientArea
	kindFloorPercent
	kindStairsSaved
)

// Methods returns every method, in a fixed order.
func Methods() []Method {
	return []Method{MethodArea, MethodEqual, MethodFloorsClimbed, MethodFloorCoefficient,
		MethodFloorCoefficientArea, MethodFloorPercent, MethodStairsSaved}
}

// Valid reports whether m is one of Methods.
func (m Method) Valid() bool { return slices.Contains(Methods(), m) }

// Weighting says how to weigh households: the method and the tables it reads. It is shared by
// elevator cost-sharing schemes (Scheme) and running-cost splits (RunningCosts).
type Weighting struct {
	Method Method
	// Coefficients maps a floor to its coefficient, for the floor_coefficient methods. A floor
	// the table does not list weighs 0, as in the published Guangzhou table, which lists only
	// the paying floors 3–9 (domain-rules §3.4 Method A); extra floors are allowed (a city table
	// may list more floors than a building has).
	Coefficients map[int]Weight
	// Percents maps a floor to its percentage of the residents' amount, for floor_percent. A
	// floor not listed pays 0%; the floors with households must sum to exactly 100 (so a
	// forgotten paying floor shows as a sum below 100); an exempt floor, or a floor without
	// households, may be listed only with 0.
	Percents map[int]Weight
	// StepsPerFloor is the number of stair steps in each flight between two floors, for
	// stairs_saved (e.g. 18).
	StepsPerFloor Weight
	// Steps overrides StepsPerFloor for single flights: Steps[k] is the steps of the flight up
	// to floor k from floor k − 1 (k ≥ 2).
	Steps map[int]Weight
	// ExemptFloors weigh 0 (e.g. floors 1 and 2, which gain little and lose light).
	ExemptFloors []int
}

// ErrScheme is wrapped by every *SchemeError.
var ErrScheme = errors.New("invalid scheme")

// SchemeError says which field of a scheme (by its JSON name, with the key for tables) is wrong.
type SchemeError struct {
	Field string // e.g. "method", "coefficients[\"3\"]", "subsidy.percent"
	Err   error
}

// Error names the field and says what is wrong.
func (e *SchemeError) Error() string { return "scheme field " + e.Field + ": " + e.Err.Error() }

// Unwrap returns the underlying error; errors.Is(err, ErrScheme) also holds.
func (e *SchemeError) Unwrap() []error { return []error{ErrScheme, e.Err} }

func schemeErr(field string, format string, args ...any) *SchemeError {
	return &SchemeError{Field: field, Err: fmt.Errorf(format, args...)}
}

func floorKey(table string, f int) string { return table + `["` + strconv.Itoa(f) + `"]` }

// weigher is a Weighting checked and laid out in dense per-floor tables, so that weighing a
// stairwell costs no map lookups and no allocation.
type weigher struct {
	kind int // index of method in Methods(): switch on it, not on the string

	exempt  []bool   // by floor, 0..MaxFloor
	coef    []Weight // by floor
	hasCoef []bool
	pct     []uint64 // percent × pctDen, by floor
	hasPct  []bool
	pctDen  uint64   // common denominator of the percents
	pctList []int    // floors listed in Percents, ascending
	saved   []Weight // steps saved from floor 1, by floor
	savedOK []bool
	missing []int // for stairs_saved: first floor whose flight has no step count, by floor
}

func checkFloor(field string, f int) error {
	if f < 1 || f > MaxFloor {
		return schemeErr(field, "floor %d is outside 1–%d", f, MaxFloor)
	}
	return nil
}

// compile checks the weighting and lays it out.
func (wt *Weighting) compile() (*weigher, error) {
	if !wt.Method.Valid() {
		if wt.Method == "" {
			return nil, schemeErr("method", "missing; want one of %v", Methods())
		}
		return nil, schemeErr("method", "%q is not one of %v", string(wt.Method), Methods())
	}
	g := &weigher{kind: slices.Index(Methods(), wt.Method), exempt: make([]bool, MaxFloor+1)}
	for i, f := range wt.ExemptFloors {
		field := "exempt_floors[" + strconv.Itoa(i) + "]"
		if err := checkFloor(field, f); err != nil {
			return nil, err
		}
		if g.exempt[f] {
			return nil, schemeErr(field, "floor %d is listed twice", f)
		}
		g.exempt[f] = true
	}
	needs := func(table string, m map[int]Weight, want bool) error {
		if !want && len(m) > 0 {
			return schemeErr(table, "given, but method %q does not use it", string(wt.Method))
		}
		for _, f := range sortedFloors(m) {
			if err := checkFloor(floorKey(table, f), f); err != nil {
				return err
			}
		}
		return nil
	}
	isCoef := wt.Method == MethodFloorCoefficient || wt.Method == MethodFloorCoefficientArea
	if err := needs("coefficients", wt.Coefficients, isCoef); err != nil {
		return nil, err
	}
	if err := needs("percents", wt.Percents, wt.Method == MethodFloorPercent); err != nil {
		return nil, err
	}
	if err := needs("steps", wt.Steps, wt.Method == MethodStairsSaved); err != nil {
		return nil, err
	}
	if wt.Method != MethodStairsSaved && !wt.StepsPerFloor.IsZero() {
		return nil, schemeErr("steps_per_floor", "given, but method %q does not use it", string(wt.Method))
	}
	switch wt.Method {
	case MethodFloorCoefficient, MethodFloorCoefficientArea:
		if len(wt.Coefficients) == 0 {
			return nil, schemeErr("coefficients", "missing; method %q needs a coefficient per paying floor", string(wt.Method))
		}
		g.coef = make([]Weight, MaxFloor+1)
		g.hasCoef = make([]bool, MaxFloor+1)
		for f, c := range wt.Coefficients {
			g.coef[f], g.hasCoef[f] = c, true
		}
	case MethodFloorPercent:
		if len(wt.Percents) == 0 {
			return nil, schemeErr("percents", "missing; method %q needs a percent per paying floor", string(wt.Method))
		}
		g.pct = make([]uint64, MaxFloor+1)
		g.hasPct = make([]bool, MaxFloor+1)
		g.pctDen = 1
		for _, f := range sortedFloors(wt.Percents) {
			p := wt.Percents[f]
			if p.Cmp(IntWeight(100)) > 0 {
				return nil, schemeErr(floorKey("percents", f), "%s is more than 100", p)
			}
			if g.exempt[f] && !p.IsZero() {
				return nil, schemeErr(floorKey("percents", f), "floor %d is exempt but given %s%%", f, p)
			}
			g.pctList = append(g.pctList, f)
			d := p.Den()
			hi, lo := bits.Mul64(g.pctDen/gcd(g.pctDen, d), d)
			if hi != 0 || lo > 1<<48 {
				return nil, schemeErr(floorKey("percents", f), "%s: the percents' common denominator is too large", p)
			}
			g.pctDen = lo
		}
		for _, f := range g.pctList {
			p := wt.Percents[f]
			g.pct[f] = p.Num() * (g.pctDen / p.Den()) // ≤ 100 × 2⁴⁸; 300 floors of it still fit
			g.hasPct[f] = true
		}
	case MethodStairsSaved:
		if wt.StepsPerFloor.IsZero() && len(wt.Steps) == 0 {
			return nil, schemeErr("steps_per_floor", "missing; method %q needs the steps per flight", string(wt.Method))
		}
		g.saved = make([]Weight, MaxFloor+1)
		g.savedOK = make([]bool, MaxFloor+1)
		g.missing = make([]int, MaxFloor+1)
		g.savedOK[1] = true
		for k := 2; k <= MaxFloor; k++ {
			s, ok := wt.Steps[k]
			if !ok {
				s = wt.StepsPerFloor
				if s.IsZero() {
					g.missing[k] = k
				}
			}
			if g.missing[k] == 0 {
				g.missing[k] = g.missing[k-1]
			}
			if g.missing[k] != 0 {
				continue
			}
			sum, err := g.saved[k-1].Add(s)
			if err != nil {
				return nil, schemeErr(floorKey("steps", k), "%v", err)
			}
			g.saved[k], g.savedOK[k] = sum, true
		}
	}
	return g, nil
}

// Weights returns each household's weight under the weighting, without splitting anything:
// for showing a plan before the cost is known. Errors are *SchemeError for the weighting and
// *HouseholdError for a household the weighting cannot weigh.
func (wt *Weighting) Weights(hh []Household) ([]Weight, error) {
	g, err := wt.compile()
	if err != nil {
		return nil, err
	}
	var sc weightScratch
	return g.weigh(nil, hh, &sc)
}

// weightScratch is per-call scratch space for weigh.
type weightScratch struct {
	count []int32 // households per floor, for floor_percent
}

// weigh stores each household's weight in dst (grown as needed) and returns it. Errors are
// *HouseholdError (floor out of range, a missing coefficient or step count) or *SchemeError
// (percents that do not sum to 100 over the floors present).
func (g *weigher) weigh(dst []Weight, hh []Household, sc *weightScratch) ([]Weight, error) {
	n := len(hh)
	if cap(dst) < n {
		dst = make([]Weight, n)
	}
	dst = dst[:n]
	for i := range hh {
		if f := hh[i].Floor; f < 1 || f > MaxFloor {
			return nil, &HouseholdError{Index: i, ID: hh[i].ID, Field: "floor", Err: fmt.Errorf("%d is outside 1–%d", f, MaxFloor)}
		}
	}
	if g.kind == kindFloorPercent {
		return g.weighPercent(dst, hh, sc)
	}
	for i := range hh {
		h := &hh[i]
		if g.exempt[h.Floor] {
			dst[i] = Weight{}
			continue
		}
		switch g.kind {
		case kindArea:
			dst[i] = h.Area
		case kindEqual:
			dst[i] = IntWeight(1)
		case kindFloorsClimbed:
			dst[i] = IntWeight(uint64(h.Floor - 1))
		case kindFloorCoefficient, kindFloorCoefficientArea:
			dst[i] = g.coef[h.Floor] // 0 for a floor the table does not list
			if g.kind == kindFloorCoefficientArea {
				w, err := dst[i].Mul(h.Area)
				if err != nil {
					return nil, &HouseholdError{Index: i, ID: h.ID, Field: "area_m2", Err: err}
				}
				dst[i] = w
			}
		case kindStairsSaved:
			if !g.savedOK[h.Floor] {
				return nil, &HouseholdError{Index: i, ID: h.ID, Field: "floor",
					Err: fmt.Errorf("the flight up to floor %d has no step count (give steps_per_floor or steps[\"%d\"])", g.missing[h.Floor], g.missing[h.Floor])}
			}
			dst[i] = g.saved[h.Floor]
		}
	}
	return dst, nil
}

func (g *weigher) weighPercent(dst []Weight, hh []Household, sc *weightScratch) ([]Weight, error) {
	if len(sc.count) < MaxFloor+1 {
		sc.count = make([]int32, MaxFloor+1)
	}
	count := sc.count
	defer func() {
		for i := range hh {
			count[hh[i].Floor] = 0
		}
	}()
	for i := range hh {
		count[hh[i].Floor]++
	}
	for _, f := range g.pctList {
		if count[f] == 0 && g.pct[f] != 0 {
			return nil, schemeErr(floorKey("percents", f), "floor %d has no households in this stairwell", f)
		}
	}
	var sum uint64
	for i := range hh {
		f := hh[i].Floor
		if count[f] < 0 || g.exempt[f] {
			continue
		}
		sum += g.pct[f]      // 0 for a floor the table does not list
		count[f] = -count[f] // counted once
	}
	if sum != 100*g.pctDen {
		s, _ := NewWeight(sum, g.pctDen)
		return nil, schemeErr("percents", "the percents of the paying floors present sum to %s, not 100", s)
	}
	for i := range hh {
		f := hh[i].Floor
		if g.exempt[f] {
			dst[i] = Weight{}
			continue
		}
		p, _ := NewWeight(g.pct[f], g.pctDen) // pctDen ≥ 1
		w, err := p.DivInt(uint64(-count[f]))
		if err != nil {
			return nil, &HouseholdError{Index: i, ID: hh[i].ID, Field: "floor", Err: err}
		}
		dst[i] = w
	}
	return dst, nil
}

// sortedFloors returns the keys of m in ascending order, so that checks and errors never
// depend on map iteration order.
func sortedFloors(m map[int]Weight) []int {
	fs := make([]int, 0, len(m))
	for f := range m {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	return fs
}
