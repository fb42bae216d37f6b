package budget

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRunningCosts(t *testing.T) {
	// Hangzhou pilot: 5,000 yuan a year of maintenance (domain-rules §3.5); electricity and a
	// renewal fund are illustrative. Floors climbed, floor 1 exempt.
	rc, err := DecodeRunningCosts(strings.NewReader(`{"method":"floors_climbed","exempt_floors":[1],
		"maintenance_yuan":"5000","electricity_yuan":"1800","renewal_yuan":"3000"}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := rc.Split(stairwell(6, 2, "60"))
	if err != nil {
		t.Fatal(err)
	}
	var m, e, rn, y Money
	for _, h := range res.Households {
		m += h.Maintenance
		e += h.Electricity
		rn += h.Renewal
		y += h.Year
		var months Money
		lo, hi := h.Months[0], h.Months[0]
		for _, x := range h.Months {
			months += x
			lo, hi = min(lo, x), max(hi, x)
		}
		if months != h.Year || hi-lo > 1 || h.Year != h.Maintenance+h.Electricity+h.Renewal {
			t.Errorf("%s: year %s, months %v", h.ID, h.Year, h.Months)
		}
	}
	if m != 5000*Yuan || e != 1800*Yuan || rn != 3000*Yuan || y != 9800*Yuan || res.Year != 9800*Yuan {
		t.Errorf("totals %s %s %s %s", m, e, rn, y)
	}
	// Floor 6 (weight 5 of 2×(1+2+3+4+5) = 30): 5000 × 5/30 = 833.33 maintenance.
	top := res.Households[11]
	if top.Maintenance != 83333 || res.Households[0].Year != 0 {
		t.Errorf("6F maintenance %s, 1F year %s", top.Maintenance, res.Households[0].Year)
	}
}

func TestRunningMonths(t *testing.T) {
	rc := RunningCosts{Weighting: Weighting{Method: MethodEqual}, Maintenance: 1000 * Yuan}
	res, err := rc.Split([]Household{{ID: "a", Floor: 1}})
	if err != nil {
		t.Fatal(err)
	}
	// 1000.00 / 12 = 83.333…: four months of 83.34 and eight of 83.33, the extra fen first.
	want := [12]Money{8334, 8334, 8334, 8334, 8333, 8333, 8333, 8333, 8333, 8333, 8333, 8333}
	if diff := cmp.Diff(want, res.Households[0].Months); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRunningErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"method":"floors_climbed","maintenance_yuan":"-1"}`: `scheme field maintenance_yuan: -1.00 is negative`,
		`{"method":"fast"}`:                   `scheme field method: "fast" is not one of [area equal floors_climbed floor_coefficient floor_coefficient_area floor_percent stairs_saved]`,
		`{"method":"equal","total_yuan":"1"}`: `scheme field total_yuan: unknown field`,
	} {
		_, err := DecodeRunningCosts(strings.NewReader(in))
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", in, err, want)
		}
	}
	rc := RunningCosts{Weighting: Weighting{Method: MethodFloorsClimbed}, Maintenance: 1}
	if _, err := rc.Split(stairwell(1, 2, "50")); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("only floor 1: %v", err)
	}
}

func FuzzDecodeRunningCosts(f *testing.F) {
	f.Add([]byte(`{"method":"floors_climbed","exempt_floors":[1],"maintenance_yuan":"5000","electricity_yuan":1800,"renewal_yuan":"3000"}`))
	f.Add([]byte(`{"method":"floor_coefficient","coefficients":{"2":"1.5"},"maintenance_yuan":"1万"}`))
	hh := stairwell(4, 2, "60")
	f.Fuzz(func(t *testing.T, b []byte) {
		rc, err := DecodeRunningCosts(strings.NewReader(string(b)))
		if err != nil {
			if !errors.Is(err, ErrScheme) {
				t.Fatalf("%v does not wrap ErrScheme", err)
			}
			return
		}
		out, _ := json.Marshal(rc)
		back, err := DecodeRunningCosts(strings.NewReader(string(out)))
		if err != nil || !cmp.Equal(rc, back, cmp.AllowUnexported(Weight{})) {
			t.Fatalf("round trip %s: %v", out, err)
		}
		res, err := rc.Split(hh)
		if err != nil {
			return
		}
		var y Money
		for _, h := range res.Households {
			y += h.Year
		}
		if y != res.Year {
			t.Fatalf("Σ %s ≠ %s", y, res.Year)
		}
	})
}
