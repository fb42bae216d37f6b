package budget

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stairwell returns households on floors 1..storeys, perFloor each, all of area m².
func stairwell(storeys, perFloor int, area string) []Household {
	a, err := ParseWeight(area)
	if err != nil {
		panic(err)
	}
	var hh []Household
	for f := 1; f <= storeys; f++ {
		for k := 1; k <= perFloor; k++ {
			hh = append(hh, Household{ID: fmt.Sprintf("%d%02d", f, k), Floor: f, Area: a})
		}
	}
	return hh
}

func decode(t *testing.T, js string) *Scheme {
	t.Helper()
	s, err := DecodeScheme(strings.NewReader(js))
	if err != nil {
		t.Fatalf("DecodeScheme: %v", err)
	}
	return s
}

func apply(t *testing.T, s *Scheme, hh []Household) *Result {
	t.Helper()
	r, err := s.Apply(context.Background(), hh)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	var sum, paid, recv Money
	for _, h := range r.Households {
		sum += h.Share
		paid += h.CompensationPaid
		recv += h.CompensationReceived
		if h.CashDue != max(0, h.Share-h.ProvidentFundWanted) {
			t.Errorf("%s: cash due %s, share %s, provident fund %s", h.ID, h.CashDue, h.Share, h.ProvidentFundWanted)
		}
	}
	if sum != r.Residents || r.Residents != r.Total-r.Subsidy {
		t.Errorf("Σ shares %s, residents %s, total %s − subsidy %s", sum, r.Residents, r.Total, r.Subsidy)
	}
	if paid != recv || paid != r.CompensationPool {
		t.Errorf("compensation paid %s, received %s, pool %s", paid, recv, r.CompensationPool)
	}
	return r
}

// perFloor returns the share of the first household of each floor, in yuan, from floor 1 up.
func perFloor(r *Result) []string {
	var out []string
	last := 0
	for _, h := range r.Households {
		if h.Floor != last {
			out = append(out, h.Share.Yuan())
			last = h.Floor
		}
	}
	return out
}

// floorPercents returns each floor's share of the residents' amount, in percent rounded half up
// to two decimals, from floor 1 up.
func floorPercents(r *Result) []string {
	sums := map[int]Money{}
	top := 0
	for _, h := range r.Households {
		sums[h.Floor] += h.Share
		top = max(top, h.Floor)
	}
	var out []string
	for f := 1; f <= top; f++ {
		bp := (int64(sums[f])*20000/int64(r.Residents) + 1) / 2 // basis points, half up
		out = append(out, fmt.Sprintf("%d.%02d", bp/100, bp%100))
	}
	return out
}

// Domain-rules §3.4 Method A (Guangzhou, 东圃丽江新村): coefficient × area, floors 1–2 free,
// C = 600,000 over floors 3–9 with 2 households of 60 m² a floor.
func TestMethodACoefficientArea(t *testing.T) {
	s := decode(t, `{"total_yuan": "600000", "method": "floor_coefficient_area",
		"coefficients": {"3": "0.7", "4": "0.8", "5": "0.9", "6": "1.0", "7": "1.1", "8": "1.2", "9": "1.3"},
		"exempt_floors": [1, 2]}`)
	r := apply(t, s, stairwell(9, 2, "60.00"))
	want := []string{"0.00", "0.00", "30000.00", "34285.71", "38571.43", "42857.14", "47142.86", "51428.57", "55714.29"}
	if diff := cmp.Diff(want, perFloor(r)); diff != "" {
		t.Errorf("per household by floor (-want +got):\n%s", diff)
	}
	for i := 0; i+1 < len(r.Households); i += 2 {
		if r.Households[i].Share != r.Households[i+1].Share {
			t.Errorf("floor %d households differ: %s, %s", r.Households[i].Floor, r.Households[i].Share, r.Households[i+1].Share)
		}
	}
	if r.Households[4].Weight.String() != "42" {
		t.Errorf("3F weight %s, want 0.7 × 60 = 42", r.Households[4].Weight)
	}
	// Unequal areas: the normalised form still sums to the cost (the published formula would not).
	hh := stairwell(9, 2, "60.00")
	hh[17].Area, _ = ParseWeight("86.53")
	apply(t, s, hh)
}

// Domain-rules §3.4 Method B: stairs saved, 6 storeys × 18 steps: floor k pays (k−1)/15.
func TestMethodBStairsSaved(t *testing.T) {
	s := decode(t, `{"total_yuan": "150000", "method": "stairs_saved", "steps_per_floor": 18}`)
	r := apply(t, s, stairwell(6, 1, "70"))
	if diff := cmp.Diff([]string{"0.00", "10000.00", "20000.00", "30000.00", "40000.00", "50000.00"}, perFloor(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0.00", "6.67", "13.33", "20.00", "26.67", "33.33"}, floorPercents(r)); diff != "" {
		t.Errorf("floor percents (-want +got):\n%s", diff)
	}
	if got := r.Households[5].Weight.String(); got != "90" {
		t.Errorf("6F steps saved %s, want 90", got)
	}
	// A short flight (错层): the flight up to floor 2 has 9 steps.
	s2 := decode(t, `{"total_yuan": "1000", "method": "stairs_saved", "steps_per_floor": 18, "steps": {"2": 9}}`)
	r2 := apply(t, s2, stairwell(3, 1, "70"))
	if got := []string{r2.Households[1].Weight.String(), r2.Households[2].Weight.String()}; !cmp.Equal(got, []string{"9", "27"}) {
		t.Errorf("weights %v, want [9 27]", got)
	}
}

// Domain-rules §3.4 Method C: floors travelled, 7 storeys × 3 households: total usage 63, floor
// shares 4.76% … 28.57%, each household a third of its floor's.
func TestMethodCFloorsClimbed(t *testing.T) {
	s := decode(t, `{"total_yuan": "1000000", "method": "floors_climbed"}`)
	r := apply(t, s, stairwell(7, 3, "60"))
	want := []string{"0.00", "4.76", "9.52", "14.29", "19.05", "23.81", "28.57"}
	if diff := cmp.Diff(want, floorPercents(r)); diff != "" {
		t.Errorf("floor percents (-want +got):\n%s", diff)
	}
	if got := r.totalWeight().RatString(); got != "63" {
		t.Errorf("total weight %s, want 63", got)
	}
	// 1,000,000 × 1/63 = 15873.0158…: the three 2F households get 15873.02, 15873.02, 15873.01
	// or similar, within a fen of each other.
	for f := 0; f < 7; f++ {
		a, c := r.Households[3*f].Share, r.Households[3*f+2].Share
		if a-c > 1 || a < c {
			t.Errorf("floor %d: %s … %s", f+1, a, c)
		}
	}
}

// Domain-rules §3.4 Example D (新民村): 3F 10% … 6F 40%, floors 1–2 pay 0; with 2 households a
// floor, 25,500 × (floor − 2) per household for a residents' amount of 510,000.
func TestExampleDFloorPercent(t *testing.T) {
	s := decode(t, `{"total_yuan": "510000", "method": "floor_percent",
		"percents": {"1": "0", "2": "0", "3": "10", "4": "20", "5": "30", "6": "40"}}`)
	r := apply(t, s, stairwell(6, 2, "60"))
	want := []string{"0.00", "0.00", "25500.00", "51000.00", "76500.00", "102000.00"}
	if diff := cmp.Diff(want, perFloor(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := r.Households[4].Weight.String(); got != "5" {
		t.Errorf("3F household weight %s, want 10%% ÷ 2 = 5", got)
	}
	// Three households on a floor: the weight has no finite decimal and is written as a fraction,
	// and the floor still gets exactly its percent.
	hh := stairwell(6, 2, "60")
	hh = append(hh, Household{ID: "303", Floor: 3})
	r = apply(t, s, hh)
	if got := r.Households[12].Weight.String(); got != "10/3" {
		t.Errorf("weight %s, want 10/3", got)
	}
	var f3 Money
	for _, h := range r.Households {
		if h.Floor == 3 {
			f3 += h.Share
		}
	}
	if f3 != 51000*Yuan {
		t.Errorf("floor 3 pays %s, want 10%% = 51000.00", f3)
	}
	// The contract's "weight" is a decimal string; the exact fraction goes beside it.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Households []struct {
			ID          string `json:"id"`
			Weight      string `json:"weight"`
			WeightExact string `json:"weight_exact"`
		} `json:"households"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if h := out.Households[12]; h.ID != "303" || h.Weight != "3.333333333333" || h.WeightExact != "10/3" {
		t.Errorf("household 303 in JSON: %+v", h)
	}
	if h := out.Households[6]; h.ID != "401" || h.Weight != "10" || h.WeightExact != "" {
		t.Errorf("household 401 in JSON: %+v", h)
	}
}

func TestWeightDecimal(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		exact bool
	}{
		{"5", "5", true}, {"0.7", "0.7", true}, {"1/8", "0.125", true}, {"10/3", "3.333333333333", false},
		{"2/3", "0.666666666667", false}, {"1/7", "0.142857142857", false}, {"0", "0", true},
		{"1/3000000000000", "0.000000000000", false},
	}
	for _, tc := range tests {
		w, err := ParseWeight(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got, exact := w.Decimal(); got != tc.want || exact != tc.exact {
			t.Errorf("Decimal(%s) = %q, %v; want %q, %v", tc.in, got, exact, tc.want, tc.exact)
		}
	}
}

func TestWeightingWeights(t *testing.T) {
	wt := Weighting{Method: MethodStairsSaved, StepsPerFloor: IntWeight(18), ExemptFloors: []int{2}}
	ws, err := wt.Weights(stairwell(4, 1, "60"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	if diff := cmp.Diff([]string{"0", "0", "36", "54"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFloorPercentErrors(t *testing.T) {
	tests := []struct{ scheme, want string }{
		{`{"total_yuan":"1000","method":"floor_percent","percents":{"1":"0","2":"30","3":"60"}}`,
			`scheme field percents: the percents of the paying floors present sum to 90, not 100`},
		{`{"total_yuan":"1000","method":"floor_percent","percents":{"2":"40","3":"50"}}`,
			`scheme field percents: the percents of the paying floors present sum to 90, not 100`},
		{`{"total_yuan":"1000","method":"floor_percent","percents":{"1":"0","2":"40","3":"50","4":"10"}}`,
			`scheme field percents["4"]: floor 4 has no households in this stairwell`},
	}
	for _, tt := range tests {
		s := decode(t, tt.scheme)
		_, err := s.Apply(context.Background(), stairwell(3, 1, "50"))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.scheme, err, tt.want)
		}
	}
}

func TestSubsidies(t *testing.T) {
	tests := []struct {
		subsidy string
		total   string
		want    Money
	}{
		{`{"preset":"beijing-2018"}`, "600000", 240000 * Yuan},
		{`{"preset":"beijing-2018"}`, "200000", 200000 * Yuan}, // never above the total
		{`{"preset":"shanghai-2020"}`, "600000", 240000 * Yuan},
		{`{"preset":"shanghai-2020"}`, "800000", 280000 * Yuan},
		{`{"percent":"40","cap_yuan":"28万"}`, "123456.78", 4938271}, // 49382.712 rounded down
		{`{"percent":"33.3"}`, "100", 3330},
		{`{"fixed_yuan":"20万"}`, "500000", 200000 * Yuan},
		{`{"preset":"chengdu-2018"}`, "500000", 200000 * Yuan},
		{`{"preset":"hangzhou-2018"}`, "500000", 200000 * Yuan},
		{`{"preset":"wuhan-2024"}`, "500000", 200000 * Yuan},
	}
	for _, tt := range tests {
		s := decode(t, `{"total_yuan":"`+tt.total+`","method":"equal","subsidy":`+tt.subsidy+`}`)
		r := apply(t, s, stairwell(2, 1, "50"))
		if r.Subsidy != tt.want {
			t.Errorf("%s on %s: %s, want %s", tt.subsidy, tt.total, r.Subsidy, tt.want)
		}
	}
	// A coarser rounding unit rounds the subsidy down to it, so the residents' amount stays whole.
	s := decode(t, `{"total_yuan":"123456","method":"equal","subsidy":{"percent":"40"},"rounding":"yuan"}`)
	r := apply(t, s, stairwell(2, 1, "50"))
	if r.Subsidy != 49382*Yuan || r.Residents%Yuan != 0 {
		t.Errorf("subsidy %s, residents %s", r.Subsidy, r.Residents)
	}
	for _, p := range SubsidyPresets() {
		if p.Source == "" || p.Date == "" || !strings.HasPrefix(p.Reliability, "[N]") || p.Subsidy.Preset != p.Name {
			t.Errorf("preset %s lacks a source, date or reliability grade", p.Name)
		}
	}
}

func TestHardshipAndProvidentFund(t *testing.T) {
	s := decode(t, `{"total_yuan": "600000", "method": "floors_climbed", "exempt_floors": [1, 2],
		"subsidy": {"fixed_yuan": "240000"}}`)
	hh := stairwell(6, 2, "60")
	hh[4].HardshipCap = 10000 * Yuan // 3F: would pay 25714.29
	hh[6].Waive = true               // 4F
	hh[11].ProvidentFund = 20000 * Yuan
	hh[10].ProvidentFund = 999999 * Yuan // more than the share: cash due 0
	r := apply(t, s, hh)
	got := r.Households
	if got[4].Share != 10000*Yuan || !got[4].Capped || got[6].Share != 0 || !got[6].Waived {
		t.Errorf("cap/waiver: 3F %s capped %v, 4F %s waived %v", got[4].Share, got[4].Capped, got[6].Share, got[6].Waived)
	}
	// Rest: 360000 − 10000 = 350000 over weights 2 + 3 + 4+4 + 5+5 = 23.
	want := map[string]Money{"302": 3043478, "402": 4565217, "501": 6086957, "502": 6086956, "601": 7608696, "602": 7608696}
	for _, h := range got {
		if w, ok := want[h.ID]; ok && h.Share != w {
			t.Errorf("%s: %d fen, want %d", h.ID, h.Share, w)
		}
	}
	if got[11].CashDue != got[11].Share-20000*Yuan || got[11].ProvidentFund != 20000*Yuan {
		t.Errorf("602: share %s, provident fund %s, cash due %s", got[11].Share, got[11].ProvidentFund, got[11].CashDue)
	}
	if got[10].CashDue != 0 || got[10].ProvidentFund != got[10].Share {
		t.Errorf("601: share %s, provident fund %s, cash due %s", got[10].Share, got[10].ProvidentFund, got[10].CashDue)
	}
	ex := r.Explain(4)
	if !strings.Contains(ex, "held at its hardship cap of 10000.00 yuan") || !strings.Contains(ex, "would pay 25714.2857…") {
		t.Errorf("explanation: %s", ex)
	}
	if ex := r.Explain(6); !strings.Contains(ex, "waived") {
		t.Errorf("explanation: %s", ex)
	}
	if ex := r.Explain(11); !strings.Contains(ex, "350000.00 yuan left after caps and waivers × 5 / 23") {
		t.Errorf("explanation: %s", ex)
	}
	// Caps that cannot hold: everyone above floor 2 waived.
	for i := 4; i < 12; i++ {
		hh[i].Waive = true
	}
	_, err := s.Apply(context.Background(), hh)
	var ce *CapShortfallError
	if !errors.As(err, &ce) || ce.Shortfall != 360000*Yuan {
		t.Errorf("all waived: %v", err)
	}
}

func TestCompensation(t *testing.T) {
	s := decode(t, `{"total_yuan": "600000", "method": "floors_climbed", "exempt_floors": [1, 2],
		"subsidy": {"preset": "beijing-2018"},
		"compensation": {"floors": [1, 2], "per_household_yuan": "5000"}}`)
	hh := stairwell(6, 2, "60")
	hh[4].HardshipCap = 26000 * Yuan // 3F: share 25714.29, so at most 285.71 of compensation
	r := apply(t, s, hh)
	if r.CompensationPool != 20000*Yuan {
		t.Errorf("pool %s", r.CompensationPool)
	}
	for _, h := range r.Households[:4] {
		if h.CompensationReceived != 5000*Yuan || h.CompensationPaid != 0 || h.Net() != -5000*Yuan {
			t.Errorf("%s: received %s paid %s", h.ID, h.CompensationReceived, h.CompensationPaid)
		}
	}
	h3 := r.Households[4]
	if h3.Share+h3.CompensationPaid != 26000*Yuan {
		t.Errorf("3F capped household bears %s + %s, cap 26000", h3.Share, h3.CompensationPaid)
	}
	// The others pay in proportion to their shares: 6F pays more than 4F.
	if r.Households[10].CompensationPaid <= r.Households[6].CompensationPaid {
		t.Errorf("6F pays %s, 4F pays %s", r.Households[10].CompensationPaid, r.Households[6].CompensationPaid)
	}
	// Percent form: 5% of 360000 = 18000 over 4 households.
	s2 := decode(t, `{"total_yuan": "600000", "method": "floors_climbed", "exempt_floors": [1, 2],
		"subsidy": {"preset": "beijing-2018"}, "compensation": {"floors": [1, 2], "percent": "5"}}`)
	r2 := apply(t, s2, stairwell(6, 2, "60"))
	if r2.CompensationPool != 18000*Yuan || r2.Households[0].CompensationReceived != 4500*Yuan {
		t.Errorf("pool %s, 101 receives %s", r2.CompensationPool, r2.Households[0].CompensationReceived)
	}
	// Nobody to pay.
	s3 := decode(t, `{"total_yuan": "200000", "method": "floors_climbed", "subsidy": {"preset": "beijing-2018"},
		"compensation": {"floors": [1], "per_household_yuan": "100"}}`)
	if _, err := s3.Apply(context.Background(), stairwell(3, 1, "60")); !errors.Is(err, ErrNoPayers) {
		t.Errorf("no payers: %v", err)
	}
}

func TestAreaDefault(t *testing.T) {
	// Civil Code Art. 283: no agreement ⇒ by exclusive area.
	s := decode(t, `{"total_yuan": "1000", "method": "area"}`)
	hh := []Household{{ID: "a", Floor: 1, Area: mustWeights(t, "50")[0]}, {ID: "b", Floor: 2, Area: mustWeights(t, "150")[0]}}
	r := apply(t, s, hh)
	if r.Households[0].Share != 250*Yuan || r.Households[1].Share != 750*Yuan {
		t.Errorf("%s, %s", r.Households[0].Share, r.Households[1].Share)
	}
	if ex := r.Explain(1); !strings.Contains(ex, "Civil Code Art. 283") || !strings.Contains(ex, "→ 750.00 exactly") {
		t.Errorf("explanation: %s", ex)
	}
}

func TestSchemeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"method":"area"}`, `scheme field total_yuan: missing`},
		{`{"total_yuan":"1000","method":"by_height"}`, `scheme field method: "by_height" is not one of [area equal floors_climbed floor_coefficient floor_coefficient_area floor_percent stairs_saved]`},
		{`{"total_yuan":"1000"}`, `scheme field method: missing; want one of [area equal floors_climbed floor_coefficient floor_coefficient_area floor_percent stairs_saved]`},
		{`{"total_yuan":"七十","method":"area"}`, `scheme field total_yuan: invalid amount of money: "七十" is not an amount of money`},
		{`{"total_yuan":"-5","method":"area"}`, `scheme field total_yuan: -5.00 is negative`},
		{`{"total_yuan":"1000.5","method":"area","rounding":"yuan"}`, `scheme field total_yuan: 1000.50 yuan is not a whole number of yuans`},
		{`{"total_yuan":"1000","method":"area","rounding":"mao"}`, `scheme field rounding: invalid rounding unit: "mao" (want "fen", "jiao" or "yuan")`},
		{`{"total_yuan":"1000","method":"area","colour":"red"}`, `scheme field colour: unknown field`},
		{`{"total_yuan":"1000","method":"area","exempt_floors":["1"]}`, `scheme field exempt_floors: expected int, got JSON string at byte 57`},
		{`{"total_yuan":"1000","method":"area","exempt_floors":[1,1]}`, `scheme field exempt_floors[1]: floor 1 is listed twice`},
		{`{"total_yuan":"1000","method":"area","exempt_floors":[0]}`, `scheme field exempt_floors[0]: floor 0 is outside 1–300`},
		{`{"total_yuan":"1000","method":"floor_coefficient","coefficients":{"3F":"0.7"}}`, `scheme field coefficients["3F"]: key is not a floor number`},
		{`{"total_yuan":"1000","method":"floor_coefficient","coefficients":{"3":"-0.7"}}`, `scheme field coefficients["3"]: invalid weight: "-0.7" is negative`},
		{`{"total_yuan":"1000","method":"floor_coefficient"}`, `scheme field coefficients: missing; method "floor_coefficient" needs a coefficient per paying floor`},
		{`{"total_yuan":"1000","method":"area","coefficients":{"3":"1"}}`, `scheme field coefficients: given, but method "area" does not use it`},
		{`{"total_yuan":"1000","method":"floor_percent","percents":{"3":"101"}}`, `scheme field percents["3"]: 101 is more than 100`},
		{`{"total_yuan":"1000","method":"floor_percent","percents":{"1":"5","2":"95"},"exempt_floors":[1]}`, `scheme field percents["1"]: floor 1 is exempt but given 5%`},
		{`{"total_yuan":"1000","method":"stairs_saved"}`, `scheme field steps_per_floor: missing; method "stairs_saved" needs the steps per flight`},
		{`{"total_yuan":"1000","method":"area","subsidy":{"fixed_yuan":"1","percent":"40"}}`, `scheme field subsidy: give fixed_yuan or percent, not both`},
		{`{"total_yuan":"1000","method":"area","subsidy":{"preset":"paris-2024"}}`, `scheme field subsidy.preset: "paris-2024" is not one of [beijing-2018 shanghai-2020 hangzhou-2018 chengdu-2018 wuhan-2024]`},
		{`{"total_yuan":"1000","method":"area","subsidy":{"fixed_yuan":"1","cap_yuan":"2"}}`, `scheme field subsidy.cap_yuan: a cap goes with percent; with fixed_yuan the amount is the cap`},
		{`{"total_yuan":"1000","method":"area","compensation":{"per_household_yuan":"100"}}`, `scheme field compensation.floors: missing; say which floors receive compensation`},
		{`{"total_yuan":"1000","method":"area","compensation":{"floors":[1]}}`, `scheme field compensation: give per_household_yuan or percent`},
		{`{"total_yuan":"1000","method":"area"} {}`, `scheme field (file): data after the scheme object at byte 39`},
		{`{"total_yuan":"1000",`, `scheme field (file): ends in the middle of the JSON`},
		{``, `scheme field (file): empty`},
		{`{"total_yuan":1000,,}`, `scheme field (file): JSON syntax error at byte 20: invalid character ',' looking for beginning of object key string`},
	}
	for _, tt := range tests {
		_, err := DecodeScheme(strings.NewReader(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\n got %v\nwant %s", tt.in, err, tt.want)
			continue
		}
		if !errors.Is(err, ErrScheme) {
			t.Errorf("%s: %v does not wrap ErrScheme", tt.in, err)
		}
	}
	// Apply-time errors name the household.
	s := decode(t, `{"total_yuan":"1000","method":"stairs_saved","steps":{"2":"18"}}`)
	_, err := s.Apply(context.Background(), stairwell(3, 1, "50"))
	var he *HouseholdError
	if !errors.As(err, &he) || he.ID != "301" || err.Error() != `household "301" (item 3) floor: the flight up to floor 3 has no step count (give steps_per_floor or steps["3"])` {
		t.Errorf("missing step count: %v", err)
	}
	_, err = s.Apply(context.Background(), []Household{{ID: "x", Floor: 0}})
	if !errors.As(err, &he) || he.Field != "floor" {
		t.Errorf("floor 0: %v", err)
	}
}

// Floors a coefficient or percent table does not list pay nothing, as in the published
// Guangzhou table (floors 3–9 only).
func TestUnlistedFloors(t *testing.T) {
	s := decode(t, `{"total_yuan":"1000","method":"floor_coefficient","coefficients":{"2":"1","3":"3"}}`)
	r := apply(t, s, stairwell(3, 1, "50"))
	if diff := cmp.Diff([]string{"0.00", "250.00", "750.00"}, perFloor(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if ex := r.Explain(0); !strings.HasPrefix(ex, "floor 1: floor 1 has no coefficient in the scheme, weight 0") {
		t.Errorf("explanation: %s", ex)
	}
	p := decode(t, `{"total_yuan":"510000","method":"floor_percent","percents":{"3":"10","4":"20","5":"30","6":"40"}}`)
	r = apply(t, p, stairwell(6, 2, "60"))
	if diff := cmp.Diff([]string{"0.00", "0.00", "25500.00", "51000.00", "76500.00", "102000.00"}, perFloor(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if ex := r.Explain(2); !strings.HasPrefix(ex, "floor 2: floor 2 has no percent in the scheme, weight 0") {
		t.Errorf("explanation: %s", ex)
	}
	// Nobody listed at all: nothing to split over.
	z := decode(t, `{"total_yuan":"1000","method":"floor_coefficient","coefficients":{"9":"1"}}`)
	if _, err := z.Apply(context.Background(), stairwell(3, 1, "50")); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("no listed floor present: %v", err)
	}
}

func TestSchemeJSONRoundTrip(t *testing.T) {
	in := `{"name":"3号楼2单元","total_yuan":"60万","method":"floor_coefficient_area",
		"coefficients":{"3":"0.7","4":0.8,"10":"1.0"},"exempt_floors":[1,2],
		"subsidy":{"percent":"40","cap_yuan":"280000"},
		"compensation":{"floors":[1,2],"per_household_yuan":"5000"},"rounding":"jiao"}`
	s := decode(t, in)
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"3号楼2单元","total_yuan":"600000.00","method":"floor_coefficient_area","coefficients":{"10":"1","3":"0.7","4":"0.8"},"exempt_floors":[1,2],"subsidy":{"percent":"40","cap_yuan":"280000.00"},"compensation":{"floors":[1,2],"per_household_yuan":"5000.00"},"rounding":"jiao"}`
	if string(b) != want {
		t.Errorf("Marshal:\n got %s\nwant %s", b, want)
	}
	back := decode(t, string(b))
	if !cmp.Equal(s, back, cmp.AllowUnexported(Weight{})) {
		t.Errorf("round trip differs: %s", cmp.Diff(s, back, cmp.AllowUnexported(Weight{})))
	}
	// A preset is written by name.
	p := decode(t, `{"total_yuan":"1","method":"equal","subsidy":{"preset":"shanghai-2020"}}`)
	b, _ = json.Marshal(p)
	if !strings.Contains(string(b), `"subsidy":{"preset":"shanghai-2020"}`) {
		t.Errorf("preset: %s", b)
	}
}

func FuzzDecodeScheme(f *testing.F) {
	for _, s := range []string{
		`{"total_yuan":"600000","method":"floors_climbed","exempt_floors":[1,2],"subsidy":{"fixed_yuan":"240000"},"rounding":"fen"}`,
		`{"total_yuan":"60万","method":"floor_coefficient_area","coefficients":{"3":"0.7","4":"0.8"},"exempt_floors":[1,2]}`,
		`{"total_yuan":600000,"method":"floor_percent","percents":{"1":"0","2":"50","3":"50"}}`,
		`{"total_yuan":"1","method":"stairs_saved","steps_per_floor":18,"steps":{"2":"9"}}`,
		`{"total_yuan":"1","method":"area","subsidy":{"percent":"40","cap_yuan":"28万"},"compensation":{"floors":[1],"percent":"5"}}`,
		`{"total_yuan":"1","method":"equal","subsidy":{"preset":"beijing-2018"},"rounding":"yuan"}`,
	} {
		f.Add([]byte(s))
	}
	hh := stairwell(6, 2, "60")
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeScheme(strings.NewReader(string(b)))
		if err != nil {
			if !errors.Is(err, ErrScheme) {
				t.Fatalf("error %v does not wrap ErrScheme", err)
			}
			return
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := DecodeScheme(strings.NewReader(string(out)))
		if err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		if !cmp.Equal(s, back, cmp.AllowUnexported(Weight{})) {
			t.Fatalf("round trip %s differs", out)
		}
		// Applying it never panics and, if it succeeds, conserves the money.
		r, err := s.Apply(context.Background(), hh)
		if err != nil {
			return
		}
		var sum Money
		for _, h := range r.Households {
			sum += h.Share
		}
		if sum != r.Residents {
			t.Fatalf("Σ %s ≠ residents %s", sum, r.Residents)
		}
		_, _ = json.Marshal(r)
	})
}

// TestCalculatorConcurrent applies one Calculator from several goroutines, each with its own
// Result (run with -race), and checks every result against a sequential run.
func TestCalculatorConcurrent(t *testing.T) {
	s := decode(t, `{"total_yuan": "600000", "method": "floor_coefficient_area",
		"coefficients": {"3": "0.7", "4": "0.8", "5": "0.9", "6": "1.0"}, "exempt_floors": [1, 2],
		"subsidy": {"preset": "shanghai-2020"}, "compensation": {"floors": [1, 2], "percent": "3"}}`)
	c, err := s.Compile()
	if err != nil {
		t.Fatal(err)
	}
	hh := stairwell(6, 2, "60")
	hh[5].HardshipCap = 9000 * Yuan
	want := make([][]Share, 8)
	for k := range want {
		r := new(Result)
		if err := c.ApplyTotal(context.Background(), r, Money(400000+k*10000)*Yuan, hh); err != nil {
			t.Fatal(err)
		}
		want[k] = r.Households
	}
	done := make(chan error, 4)
	for g := range 4 {
		go func() {
			var r Result
			for iter := range 200 {
				k := (g + iter) % len(want)
				if err := c.ApplyTotal(context.Background(), &r, Money(400000+k*10000)*Yuan, hh); err != nil {
					done <- err
					return
				}
				if !cmp.Equal(want[k], r.Households, cmp.AllowUnexported(Weight{})) {
					done <- fmt.Errorf("goroutine %d iteration %d differs", g, iter)
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// Errors about the JSON's form wrap ErrSchemeJSON; errors about values do not.
func TestErrSchemeJSON(t *testing.T) {
	for in, shape := range map[string]bool{
		`{"total_yuan": "1000", "method": "equal",`:         true, // cut off
		`{"total_yuan": 1000, "method": 7}`:                 true, // wrong JSON type
		`{"total_yuan": "1000", "method": "equal", "x": 1}`: true, // unknown member
		``: true,
		`{"total_yuan": "1000", "method": "by_mood"}`:                     false, // unknown method
		`{"total_yuan": "-1000", "method": "equal"}`:                      false,
		`{"total_yuan": "1000", "method": "equal", "exempt_floors": [0]}`: false,
	} {
		_, err := DecodeScheme(strings.NewReader(in))
		if err == nil {
			t.Errorf("%s: no error", in)
			continue
		}
		if got := errors.Is(err, ErrSchemeJSON); got != shape {
			t.Errorf("%s: errors.Is(ErrSchemeJSON) = %v, want %v (%v)", in, got, shape, err)
		}
		if !errors.Is(err, ErrScheme) {
			t.Errorf("%s: does not wrap ErrScheme", in)
		}
	}
}
