package main

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
)

// Floor coefficients 1/p with many distinct large primes are refused 422 at once instead of
// burning a core for minutes past the 503 (issue 20 item 2).
func TestTooComplexScheme(t *testing.T) {
	srv := newTestServer(t, testConfig)
	var cs, hh []string
	f := 0
	for p := int64(1_000_000_007); f < 60; p += 2 {
		if !big.NewInt(p).ProbablyPrime(10) {
			continue
		}
		f++
		cs = append(cs, fmt.Sprintf(`"%d":"1/%d"`, f, p))
		hh = append(hh, fmt.Sprintf(`{"id":"%d01","floor":%d,"area_m2":"60"}`, f, f))
	}
	scheme := `{"total_yuan":"600000","method":"floor_coefficient_area","coefficients":{` + strings.Join(cs, ",") + `}}`
	code, body := post(t, srv, "/v1/elevator/share", shareBody("["+strings.Join(hh, ",")+"]", scheme))
	if code != 422 || !strings.Contains(string(body), "MaxDenominatorBits") {
		t.Errorf("status %d: %.300s", code, body)
	}
}
