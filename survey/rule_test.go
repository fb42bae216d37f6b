package survey

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFraction(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Fraction
		ok   bool
	}{
		{"2/3", twoThirds, true}, {" 3 / 4 ", threeQuarters, true}, {"1/2", half, true},
		{"0/1", Fraction{0, 1}, true}, {"4/4", Fraction{4, 4}, true},
		{"4/3", Fraction{}, false}, {"1/0", Fraction{}, false}, {"-1/2", Fraction{}, false},
		{"2", Fraction{}, false}, {"a/b", Fraction{}, false}, {"", Fraction{}, false},
		{"0.5", Fraction{}, false},
	} {
		got, err := ParseFraction(tc.in)
		if tc.ok != (err == nil) || got != tc.want {
			t.Errorf("ParseFraction(%q) = %v, %v", tc.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrInvalidRule) {
			t.Errorf("ParseFraction(%q) error %v does not wrap ErrInvalidRule", tc.in, err)
		}
	}
}

// TestFractionExact checks meets and least against math/big on random and extreme inputs,
// including totals near the int64 limit where p·d overflows 64 bits.
func TestFractionExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fracs := []Fraction{half, twoThirds, threeQuarters, {1, 1}, {0, 1}, {999999999, 1000000000}, {math.MaxInt64 - 1, math.MaxInt64}}
	ds := []int64{0, 1, 2, 3, 4, 12, 90000, int64(MaxTotalArea), math.MaxInt64 - 1, math.MaxInt64 / 3}
	for range 2000 {
		ds = append(ds, rng.Int64N(math.MaxInt64-1), rng.Int64N(1000))
	}
	for _, f := range fracs {
		for _, d := range ds {
			for _, inc := range []bool{true, false} {
				least := f.least(d, inc)
				// big: least n with q·n ≥ p·d (or >)
				pd := new(big.Int).Mul(big.NewInt(f.P), big.NewInt(d))
				q := big.NewInt(f.Q)
				want, rem := new(big.Int).QuoRem(pd, q, new(big.Int))
				if !inc || rem.Sign() != 0 {
					want.Add(want, big.NewInt(1))
				}
				if want.Cmp(new(big.Int).SetUint64(uint64(least))) != 0 || least < 0 {
					t.Fatalf("%v least(%d, %v) = %d, want %v", f, d, inc, least, want)
				}
				for _, n := range []int64{least - 1, least, least + 1, 0, d} {
					if n < 0 || n > d {
						continue
					}
					qn := new(big.Int).Mul(q, big.NewInt(n))
					c := qn.Cmp(pd)
					wantMeet := c > 0 || (inc && c == 0)
					if got := f.meets(n, d, inc); got != wantMeet {
						t.Fatalf("%v meets(%d, %d, %v) = %v, want %v", f, n, d, inc, got, wantMeet)
					}
					if got := n >= least; got != wantMeet {
						t.Fatalf("%v: n=%d least=%d disagrees with meets", f, n, least)
					}
				}
			}
		}
	}
}

// TestClauseBoundaries puts the numerator one unit below and exactly at the smallest passing
// value, for 2/3 and 3/4 inclusive and 1/2 strict, by area and by headcount.
func TestClauseBoundaries(t *testing.T) {
	type tc struct {
		name       string
		c          Clause
		n, d       int64
		held       bool
		margin     int64
		wantString string
	}
	quorumArea := Clause{Counts: Participating, Measure: ByArea, Base: OfAll, Threshold: twoThirds, Inclusive: true}
	quorumHead := Clause{Counts: Participating, Measure: ByHeadcount, Base: OfAll, Threshold: twoThirds, Inclusive: true}
	agreeArea := Clause{Counts: Agreeing, Measure: ByArea, Base: OfParticipating, Threshold: threeQuarters, Inclusive: true}
	agreeHead := Clause{Counts: Agreeing, Measure: ByHeadcount, Base: OfParticipating, Threshold: threeQuarters, Inclusive: true}
	halfArea := Clause{Counts: Agreeing, Measure: ByArea, Base: OfParticipating, Threshold: half}
	halfHead := Clause{Counts: Agreeing, Measure: ByHeadcount, Base: OfParticipating, Threshold: half}
	tests := []tc{
		{"2/3 area exactly", quorumArea, 60000, 90000, true, 0, `clause "participating area ≥ 2/3 of all": 600.00 m² of 900.00 m², 0.00 m² to spare`},
		{"2/3 area 0.01 short", quorumArea, 59999, 90000, false, -1, `clause "participating area ≥ 2/3 of all": 599.99 m² of 900.00 m², 0.01 m² short`},
		{"2/3 area 0.01 over", quorumArea, 60001, 90000, true, 1, ""},
		{"2/3 area not integral", quorumArea, 6667, 10000, true, 0, ""}, // 2/3 of 100.00 = 66.666…
		{"2/3 area not integral short", quorumArea, 6666, 10000, false, -1, ""},
		{"2/3 owners exactly", quorumHead, 8, 12, true, 0, `clause "participating owners ≥ 2/3 of all": 8 owners of 12 owners, 0 owners to spare`},
		{"2/3 owners one short", quorumHead, 7, 12, false, -1, ""},
		{"2/3 owners of 13", quorumHead, 9, 13, true, 0, ""},
		{"2/3 owners of 13 short", quorumHead, 8, 13, false, -1, ""},
		{"3/4 area exactly", agreeArea, 45000, 60000, true, 0, ""},
		{"3/4 area 0.01 short", agreeArea, 44999, 60000, false, -1, `clause "agreeing area ≥ 3/4 of participating": 449.99 m² of 600.00 m², 0.01 m² short`},
		{"3/4 owners exactly", agreeHead, 6, 8, true, 0, ""},
		{"3/4 owners one short", agreeHead, 5, 8, false, -1, ""},
		{"3/4 owners of 9", agreeHead, 7, 9, true, 0, ""},
		{"3/4 owners of 9 short", agreeHead, 6, 9, false, -1, ""},
		{"1/2 area exactly half fails", halfArea, 30000, 60000, false, -1, `clause "agreeing area > 1/2 of participating": 300.00 m² of 600.00 m², 0.01 m² short`},
		{"1/2 area 0.01 over", halfArea, 30001, 60000, true, 0, ""},
		{"1/2 area odd total", halfArea, 30001, 60001, true, 0, ""},
		{"1/2 area odd total short", halfArea, 30000, 60001, false, -1, ""},
		{"1/2 owners exactly half fails", halfHead, 4, 8, false, -1, ""},
		{"1/2 owners one over", halfHead, 5, 8, true, 0, ""},
		{"1/2 owners of 7", halfHead, 4, 7, true, 0, ""},
		{"1/2 owners of 7 short", halfHead, 3, 7, false, -1, ""},
		{"empty base never holds", agreeHead, 0, 0, false, -1, ""},
		{"empty area base never holds", agreeArea, 0, 0, false, -1, ""},
	}
	for _, tc := range tests {
		// Build counts so that clauseND yields (n, d).
		var total, part, agree Count
		set := func(c *Count, v int64) {
			if tc.c.Measure == ByArea {
				c.Area = Area(v)
			} else {
				c.Owners = v
			}
		}
		switch {
		case tc.c.Counts == Participating:
			set(&part, tc.n)
			set(&total, tc.d)
		default:
			set(&agree, tc.n)
			set(&part, tc.d)
		}
		got := evalClause(tc.c, total, part, agree)
		if got.Held != tc.held || got.Margin.Value != tc.margin || got.Numerator.Value != tc.n || got.Denominator.Value != tc.d {
			t.Errorf("%s: held %v margin %d (n %d d %d), want held %v margin %d", tc.name, got.Held, got.Margin.Value, got.Numerator.Value, got.Denominator.Value, tc.held, tc.margin)
		}
		if tc.wantString != "" && got.Error() != tc.wantString {
			t.Errorf("%s: Error() = %s\nwant %s", tc.name, got.Error(), tc.wantString)
		}
	}
}

func TestRuleJSON(t *testing.T) {
	for _, r := range Presets() {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		var back Rule
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v\n%s", r.Name, err, b)
		}
		if diff := cmp.Diff(r, back); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", r.Name, diff)
		}
	}
	var r Rule
	in := `{"name":"x","clauses":[{"counts":"同意","measure":"人数","base":"全体","threshold":"2/3","inclusive":true}]}`
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	want := Rule{Name: "x", Clauses: []Clause{{Counts: Agreeing, Measure: ByHeadcount, Base: OfAll, Threshold: twoThirds, Inclusive: true}}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("decode (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		`{"clauses":[{"measure":"volume","threshold":"1/2"}]}`,
		`{"clauses":[{"base":"some","threshold":"1/2"}]}`,
		`{"clauses":[{"counts":"voting","threshold":"1/2"}]}`,
		`{"clauses":[{"threshold":"3/2"}]}`,
		`{"clauses":[{"threshold":"0.5"}]}`,
	} {
		var r Rule
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("decode %s: no error", bad)
		}
	}
}

func TestRuleValidate(t *testing.T) {
	for _, r := range Presets() {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", r.Name, err)
		}
		if r.Source == "" || r.Date == "" || r.Title == "" || r.TitleZh == "" {
			t.Errorf("%s: source, date or title missing", r.Name)
		}
	}
	bad := []Rule{
		{Name: "empty"},
		{Name: "q0", Clauses: []Clause{{Threshold: Fraction{1, 0}}}},
		{Name: "trivial", Clauses: []Clause{{Counts: Participating, Base: OfParticipating, Threshold: half}}},
		{Name: "measure", Clauses: []Clause{{Measure: 9, Threshold: half}}},
		{Name: "base", Clauses: []Clause{{Base: -1, Threshold: half}}},
		{Name: "counts", Clauses: []Clause{{Counts: 5, Threshold: half}}},
	}
	for _, r := range bad {
		if err := r.Validate(); !errors.Is(err, ErrInvalidRule) {
			t.Errorf("%s: Validate() = %v, want ErrInvalidRule", r.Name, err)
		}
	}
}

func TestPreset(t *testing.T) {
	want := []string{
		"beijing-2020-elevator", "beijing-2023-elevator", "chengdu-2018-elevator",
		"civil-code-2021-major", "civil-code-2021-ordinary", "jinan-2019-elevator",
		"property-law-2007-major", "property-law-2007-ordinary",
		"property-regulation-2018-major", "property-regulation-2018-ordinary",
		"shanghai-2019-elevator", "shanghai-2021-elevator", "wuhan-2024-elevator",
	}
	if diff := cmp.Diff(want, PresetNames()); diff != "" {
		t.Errorf("PresetNames (-want +got):\n%s", diff)
	}
	r, err := Preset("civil-code-2021-major")
	if err != nil {
		t.Fatal(err)
	}
	wantClauses := []string{
		"participating area ≥ 2/3 of all", "participating owners ≥ 2/3 of all",
		"agreeing area ≥ 3/4 of participating", "agreeing owners ≥ 3/4 of participating",
	}
	var got []string
	for _, c := range r.Clauses {
		got = append(got, c.Label())
	}
	if diff := cmp.Diff(wantClauses, got); diff != "" {
		t.Errorf("civil-code-2021-major clauses (-want +got):\n%s", diff)
	}
	r.Clauses[0].Threshold = half // a copy: must not change the preset
	if again, _ := Preset("civil-code-2021-major"); again.Clauses[0].Threshold != twoThirds {
		t.Error("Preset returned a shared value")
	}
	if _, err := Preset("nope"); !errors.Is(err, ErrUnknownRule) {
		t.Errorf("Preset(nope) = %v", err)
	}
	if got := r.Clauses[2].LabelZh(); got != "同意面积占参与表决面积 ≥ 3/4" {
		t.Errorf("LabelZh = %q", got)
	}
}

func FuzzRuleJSON(f *testing.F) {
	for _, r := range Presets() {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"clauses":[{"counts":"同意","measure":"人数","base":"全体","threshold":"1/1","inclusive":false}]}`))
	f.Add([]byte(`{"clauses":[{"threshold":"9223372036854775807/9223372036854775807"}]}`))
	poll := Poll{
		Parts: []Part{
			{ID: "1", Owner: "a", Area: 7500, Occupied: true}, {ID: "2", Owner: "b", Area: 9000},
			{ID: "3", Owner: "c", Area: 6000}, {ID: "4", Area: 5000, Status: Unsold},
		},
		Ballots: []Ballot{{Owner: "a", Vote: Agree}, {Owner: "b", Vote: Oppose}, {Owner: DeveloperBloc, Vote: Abstain}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Rule
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			if !errors.Is(err, ErrInvalidRule) {
				t.Fatalf("Validate error %v does not wrap ErrInvalidRule", err)
			}
			return
		}
		res, err := Tally(poll, r)
		if err != nil {
			t.Fatalf("valid rule does not tally: %v", err)
		}
		for _, c := range res.Clauses {
			if c.Held != (c.Margin.Value >= 0) {
				t.Fatalf("clause %s: held %v but margin %d", c.Name, c.Held, c.Margin.Value)
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("valid rule does not encode: %v", err)
		}
		var back Rule
		if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(r, back) {
			t.Fatalf("round trip: %v\n%s", err, b)
		}
	})
}
