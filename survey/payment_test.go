package survey

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func kanghua(t testing.TB) Collection {
	var ids []string
	for i := 1; i <= 141; i++ {
		ids = append(ids, fmt.Sprintf("H%03d", i))
	}
	dues, err := EqualDues(70_000_000, ids) // 70万元 in fen
	if err != nil {
		t.Fatal(err)
	}
	c := Collection{Name: "康华小区 gas installation prepayment", Deadline: "2024-06-30", Dues: dues}
	for i := 1; i <= 135; i++ {
		d := dues[i-1]
		if i%10 == 0 { // some paid in two instalments
			c.Payments = append(c.Payments, Payment{Household: d.Household, AmountFen: 200_000, Ref: fmt.Sprintf("R%03da", i)},
				Payment{Household: d.Household, AmountFen: d.AmountFen - 200_000, Ref: fmt.Sprintf("R%03db", i)})
			continue
		}
		c.Payments = append(c.Payments, Payment{Household: d.Household, AmountFen: d.AmountFen, Ref: fmt.Sprintf("R%03d", i)})
	}
	for i := 136; i <= 139; i++ {
		c.Waivers = append(c.Waivers, Waiver{Household: fmt.Sprintf("H%03d", i), Proof: fmt.Sprintf("放弃声明 W%03d", i), Reason: "不装燃气"})
	}
	c.Unreachable = []Unreachable{{Household: "H140", Reason: "空置 vacant"}, {Household: "H141", Reason: "空置 vacant"}}
	return c
}

func TestEqualDues(t *testing.T) {
	var ids []string
	for i := 141; i >= 1; i-- { // order of input does not matter
		ids = append(ids, fmt.Sprintf("H%03d", i))
	}
	dues, err := EqualDues(70_000_000, ids)
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	counts := map[int64]int{}
	for i, d := range dues {
		sum += d.AmountFen
		counts[d.AmountFen]++
		if want := fmt.Sprintf("H%03d", i+1); d.Household != want {
			t.Fatalf("due %d is %s, want %s", i, d.Household, want)
		}
	}
	if sum != 70_000_000 {
		t.Errorf("sum %d", sum)
	}
	if diff := cmp.Diff(map[int64]int{496_454: 127, 496_453: 14}, counts); diff != "" {
		t.Errorf("amounts (-want +got):\n%s", diff)
	}
	if dues[126].AmountFen != 496_454 || dues[127].AmountFen != 496_453 {
		t.Errorf("the extra fen go to the first IDs: %v %v", dues[126], dues[127])
	}
	for _, bad := range [][]string{nil, {"a", "a"}, {""}} {
		if _, err := EqualDues(100, bad); !errors.Is(err, ErrInvalidCollection) {
			t.Errorf("EqualDues(%q): %v", bad, err)
		}
	}
	if _, err := EqualDues(-1, []string{"a"}); !errors.Is(err, ErrInvalidCollection) {
		t.Errorf("negative total: %v", err)
	}
}

func TestKanghua(t *testing.T) {
	r, err := kanghua(t).Report()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"paid": 135, "waived": 4, "unreachable": 2}, r.Count); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	// Paid: H001–H127 at 496,454 fen and H128–H135 at 496,453; waived H136–H139; vacant
	// H140–H141.
	want := struct{ Due, Paid, Collected, Waived, Expected, Outstanding int64 }{
		70_000_000, 127*496_454 + 8*496_453, 67_021_282, 4 * 496_453, 70_000_000 - 4*496_453, 2 * 496_453,
	}
	got := struct{ Due, Paid, Collected, Waived, Expected, Outstanding int64 }{
		r.DueFen, r.PaidFen, r.CollectedFen, r.WaivedFen, r.ExpectedFen, r.OutstandingFen,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("amounts (-want +got):\n%s", diff)
	}
	if r.CollectedFen+r.WaivedFen+r.OutstandingFen != r.DueFen {
		t.Error("collected + waived + outstanding ≠ due")
	}
	if r.Rate != (Fraction{33510641, 34007094}) || r.RatePercent != "98.54%" {
		t.Errorf("rate %v %s", r.Rate, r.RatePercent)
	}
	if r.RateOfAsked != (Fraction{33510641, 35000000}) || r.RateOfAskedPercent != "95.74%" {
		t.Errorf("rate of asked %v %s", r.RateOfAsked, r.RateOfAskedPercent)
	}
	if len(r.Chase) != 0 || len(r.UnreachedOutstanding) != 2 || r.UnreachedOutstanding[0].Household != "H140" {
		t.Errorf("chase %v unreached %v", r.Chase, r.UnreachedOutstanding)
	}
}

func TestChaseList(t *testing.T) {
	c := Collection{
		Dues: []Due{{"A", 1000}, {"B", 1000}, {"C", 2000}, {"D", 500}, {"E", 1000}, {"F", 0}},
		Payments: []Payment{
			{Household: "A", AmountFen: 400}, {Household: "A", AmountFen: 100}, // 500 outstanding
			{Household: "C", AmountFen: 1500}, // 500 outstanding
			{Household: "E", AmountFen: 1200}, // overpaid 200
		},
		Pledges: []Pledge{{Household: "B", Date: "2024-06-15"}},
	}
	r, err := c.Report()
	if err != nil {
		t.Fatal(err)
	}
	var chase []string
	for _, s := range r.Chase {
		chase = append(chase, fmt.Sprintf("%s %s %d %s", s.Household, s.State, s.OutstandingFen, s.PledgedBy))
	}
	want := []string{"B unpaid 1000 2024-06-15", "A partial 500 ", "C partial 500 ", "D unpaid 500 "}
	if diff := cmp.Diff(want, chase); diff != "" {
		t.Errorf("chase (-want +got):\n%s", diff)
	}
	if r.OverpaidFen != 200 || r.Status[4].State != Overpaid || r.Status[5].State != Paid {
		t.Errorf("overpaid %d, E %v, F %v", r.OverpaidFen, r.Status[4].State, r.Status[5].State)
	}
	// Collected counts E's due only: 500 + 1500 + 1000 = 3000 of 5500.
	if r.CollectedFen != 3000 || r.Rate != (Fraction{6, 11}) || r.RatePercent != "54.55%" {
		t.Errorf("collected %d rate %v %s", r.CollectedFen, r.Rate, r.RatePercent)
	}
}

func TestCollectionErrors(t *testing.T) {
	c := Collection{
		Dues: []Due{{"A", 100}, {"A", 100}, {"B", -1}, {"C", 100}, {"D", 100}, {"E", 100}, {"", 5}},
		Payments: []Payment{
			{Household: "Z", AmountFen: 100}, {Household: "C", AmountFen: 0, Ref: "R1"},
			{Household: "D", AmountFen: 50},
		},
		Waivers:     []Waiver{{Household: "C"}, {Household: "D", Proof: "W"}},
		Unreachable: []Unreachable{{Household: "D"}, {Household: "Y"}},
	}
	_, err := c.Report()
	want := []string{
		`household "A" is asked twice`,
		`household "B" is asked a negative amount -¥0.01`,
		`a due has no household`,
		`a payment for household "Z", which is not asked to pay`,
		`payment "R1" by household "C" is ¥0.00: not positive`,
		`the waiver of household "C" has no proof`,
		`household "D" signed a waiver but has paid ¥0.50`,
		`household "D" is marked unreachable but has paid ¥0.50`,
		`an unreachable mark for household "Y", which is not asked to pay`,
	}
	for _, w := range want {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if !errors.Is(err, ErrInvalidCollection) {
		t.Errorf("not ErrInvalidCollection: %v", err)
	}
	big := Collection{Dues: []Due{{"A", math.MaxInt64}, {"B", 1}}}
	if _, err := big.Report(); !errors.Is(err, ErrInvalidCollection) {
		t.Errorf("overflow: %v", err)
	}
}

func TestPercentAndFen(t *testing.T) {
	for _, tc := range []struct {
		f    Fraction
		want string
	}{
		{Fraction{135, 141}, "95.74%"}, {Fraction{1, 1}, "100.00%"}, {Fraction{0, 7}, "0.00%"},
		{Fraction{1, 8}, "12.50%"}, {Fraction{1, 80000}, "0.00%"}, {Fraction{1, 20000}, "0.01%"}, // half up
		{Fraction{math.MaxInt64 - 1, math.MaxInt64}, "100.00%"}, {Fraction{1, 0}, "—"},
	} {
		if got := Percent(tc.f); got != tc.want {
			t.Errorf("Percent(%v) = %s, want %s", tc.f, got, tc.want)
		}
	}
	for _, tc := range []struct {
		f    int64
		want string
	}{{0, "¥0.00"}, {1, "¥0.01"}, {496_454, "¥4,964.54"}, {70_000_000, "¥700,000.00"}, {-1, "-¥0.01"}, {math.MinInt64, "-¥92,233,720,368,547,758.08"}} {
		if got := FormatFen(tc.f); got != tc.want {
			t.Errorf("FormatFen(%d) = %s, want %s", tc.f, got, tc.want)
		}
	}
}
