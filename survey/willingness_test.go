package survey

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestWilson(t *testing.T) {
	if z := Z95(); math.Abs(z-1.959963984540054) > 1e-12 {
		t.Errorf("Z95 = %v", z)
	}
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{5, 10, 0.236593090512564, 0.7634069094874361},
		{0, 10, 0, 0.2775327998628892},
		{10, 10, 0.7224672001371107, 1},
		{9, 12, 0.46769466506643426, 0.9110583316059453},
		{1, 1, 0.20654931437723745, 1},
		{0, 0, 0, 1},
		{3, -1, 0, 1},
		{12, 10, 0.7224672001371107, 1}, // clamped to n
	}
	for _, tc := range tests {
		lo, hi := Wilson(tc.k, tc.n, Z95())
		if math.Abs(lo-tc.lo) > 1e-12 || math.Abs(hi-tc.hi) > 1e-12 {
			t.Errorf("Wilson(%d, %d) = [%v, %v], want [%v, %v]", tc.k, tc.n, lo, hi, tc.lo, tc.hi)
		}
		if lo < 0 || hi > 1 || lo > hi {
			t.Errorf("Wilson(%d, %d) = [%v, %v] outside [0, 1]", tc.k, tc.n, lo, hi)
		}
	}
}

func TestRates(t *testing.T) {
	var rs []Response
	// Floors 1–10, one household per floor and answer pattern; "10" must sort after "9".
	for f := 1; f <= 10; f++ {
		v := Agree
		switch {
		case f <= 2:
			v = Oppose
		case f == 5:
			v = Abstain
		case f == 7:
			v = NoVote
		}
		tenure := "自住"
		if f%3 == 0 {
			tenure = "出租"
		}
		rs = append(rs, Response{Part: fmt.Sprint(f), Vote: v, Floor: f, Tenure: tenure, AgeBand: []string{"60–69", "70–79", "80+"}[f%3]})
	}
	floors := RatesByFloor(rs)
	var got []string
	for _, r := range floors {
		got = append(got, r.Group)
	}
	if diff := cmp.Diff([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, got); diff != "" {
		t.Errorf("floor order (-want +got):\n%s", diff)
	}
	if f7 := floors[6]; f7.NotReached != 1 || f7.Responded != 0 || f7.Low != 0 || f7.High != 1 {
		t.Errorf("floor 7: %+v", f7)
	}
	tenure := RatesByTenure(rs)
	want := []Rate{
		{Group: "出租", Agree: 3, Responded: 3, Share: 1},                                           // floors 3, 6, 9
		{Group: "自住", Agree: 3, Oppose: 2, Undecided: 1, NotReached: 1, Responded: 6, Share: 0.5}, // floors 1, 2, 4, 5, 7, 8, 10
	}
	if diff := cmp.Diff(want, tenure, cmpopts.IgnoreFields(Rate{}, "Low", "High")); diff != "" {
		t.Errorf("tenure (-want +got):\n%s", diff)
	}
	lo, hi := Wilson(3, 6, Z95())
	if tenure[1].Low != lo || tenure[1].High != hi {
		t.Errorf("interval %v–%v, want %v–%v", tenure[1].Low, tenure[1].High, lo, hi)
	}
	all := OverallRate(rs)
	if all.Agree != 6 || all.Responded != 9 || all.NotReached != 1 {
		t.Errorf("overall %+v", all)
	}
	if n := len(RatesByAgeBand(rs)); n != 3 {
		t.Errorf("%d age bands", n)
	}
}

// stairwell makes 12 parts of 75.00 m² in unit u of building 1, owners u-101 … u-602.
func stairwell(u string) []Part {
	var ps []Part
	for f := 1; f <= 6; f++ {
		for d := 1; d <= 2; d++ {
			id := fmt.Sprintf("%s-%d0%d", u, f, d)
			ps = append(ps, Part{ID: id, Owner: "业主" + id, Area: 7500, Building: "1", Unit: u})
		}
	}
	return ps
}

func TestTriage(t *testing.T) {
	parts := append(append(stairwell("A"), stairwell("B")...), stairwell("C")...)
	parts[12].Area = 9000 // B-101 is larger
	var rs []Response
	answer := func(unit string, votes string) {
		for i, c := range votes {
			v := map[rune]Vote{'a': Agree, 'o': Oppose, 'u': Abstain, '-': NoVote}[c]
			id := fmt.Sprintf("%s-%d0%d", unit, i/2+1, i%2+1)
			r := Response{Part: id, Vote: v}
			if v == Oppose {
				r.Reason = "采光 light"
			}
			rs = append(rs, r)
		}
	}
	answer("A", "aaaaaaaaaaoo") // 10 of 12 agree: passes
	answer("B", "ooaaaaaaaa--") // 8 agree, 2 oppose, 2 not reached: 8 of 10 ≥ 3/4 passes
	answer("C", "uuuu--aaaaoo") // 4 agree: waiting
	got, err := Triage(parts, rs, TriageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d stairwells", len(got))
	}
	type short struct {
		Key   string
		Group Group
		Visit []string
	}
	var sum []short
	for _, s := range got {
		var v []string
		for _, x := range s.Visit {
			v = append(v, x.Owner)
		}
		sum = append(sum, short{s.Key, s.Group, v})
	}
	want := []short{
		{"1 A", ReadyToSign, nil},
		{"1 B", ReadyToSign, nil},
		{"1 C", Waiting, []string{"业主C-101", "业主C-102", "业主C-201", "业主C-202", "业主C-301", "业主C-302", "业主C-601", "业主C-602"}},
	}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// Under Beijing 2020 (double 2/3 agree of all, no objection) the opposers block. In A one
	// objection is compensated: one visit left. In B the agreeing area is 600.00 of 915.00 m²,
	// 10.00 m² short of 2/3: one more owner and two objections make three visits: waiting.
	bj, _ := Preset("beijing-2020-elevator")
	got, err = Triage(parts, rs, TriageOptions{Rule: bj, Objections: map[string][]Objection{"1 A": {{By: "业主A-601", Resolution: Compensated}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Group != FewObjectors || len(got[0].Visit) != 1 || got[0].Visit[0].Owner != "业主A-602" || got[0].Visit[0].Reasons != "采光 light; voted oppose (反对)" {
		t.Errorf("A: %+v", got[0])
	}
	if got[1].Group != Waiting || len(got[1].Visit) != 4 {
		t.Errorf("B: %+v", got[1])
	}
	// With three visits allowed, B has few objectors: the owner to persuade, then the two
	// objectors.
	got, _ = Triage(parts, rs, TriageOptions{Rule: bj, MaxVisits: 3})
	var visit []string
	for _, v := range got[1].Visit {
		visit = append(visit, v.Owner)
	}
	if diff := cmp.Diff([]string{"业主B-601", "业主B-101", "业主B-102"}, visit); got[1].Group != FewObjectors || diff != "" {
		t.Errorf("B with MaxVisits 3: %v (-want +got):\n%s", got[1].Group, diff)
	}

	if _, err := Triage(parts, append(rs, Response{Part: "Z-101", Vote: Agree}), TriageOptions{}); !errors.Is(err, ErrInvalidBallot) {
		t.Errorf("unknown part: %v", err)
	}
}

// TestTriageFewObjectors: a stairwell one owner short under the Civil Code.
func TestTriageFewObjectors(t *testing.T) {
	parts := stairwell("D")
	var rs []Response
	for i, p := range parts {
		v := Agree
		switch {
		case i < 3:
			v = Oppose
		case i >= 10:
			v = NoVote
		}
		rs = append(rs, Response{Part: p.ID, Vote: v})
	}
	// 7 agree, 3 oppose of 10 taking part: 7/10 < 3/4. One more agreeing passes, but it must
	// be an opposer: a non-voter would raise participation to 825.00 m², of which 600.00 is
	// short of 3/4.
	got, err := Triage(parts, rs, TriageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := got[0]
	if s.Group != FewObjectors || len(s.Visit) != 1 || s.Visit[0].Owner != "业主D-101" {
		t.Errorf("%+v", s)
	}
	if s.Group.Chinese() != "个别反对" || s.Group.String() != "few-objectors" {
		t.Errorf("names %q %q", s.Group.Chinese(), s.Group)
	}
}

// The same part ID in two stairwells would send one stairwell's responses to the other: it is
// refused.
func TestTriageRepeatedPartIDs(t *testing.T) {
	var parts []Part
	var responses []Response
	for _, unit := range []string{"1", "2"} {
		for _, id := range []string{"101", "201", "301"} {
			parts = append(parts, Part{ID: id, Owner: unit + "-" + id, Area: 6000, Building: "3", Unit: unit})
		}
	}
	for _, id := range []string{"101", "201", "301"} {
		responses = append(responses, Response{Part: id, Vote: Agree})
	}
	_, err := Triage(parts, responses, TriageOptions{})
	if !errors.Is(err, ErrInvalidPart) || !strings.Contains(err.Error(), `part "101" is in stairwells "3 1" and "3 2"`) {
		t.Errorf("Triage with repeated part IDs: %v", err)
	}
}
