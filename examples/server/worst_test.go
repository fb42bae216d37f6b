package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// largePrimes returns the first n primes at or above from.
func largePrimes(from int64, n int) []int64 {
	var ps []int64
	for p := from | 1; len(ps) < n; p += 2 {
		if big.NewInt(p).ProbablyPrime(10) {
			ps = append(ps, p)
		}
	}
	return ps
}

// worstShare is the costliest elevator request the service accepts that fits in maxBody
// bytes: floor coefficients 1/p for eight distinct 31-bit primes, so that with the areas'
// hundredths the weights' common denominator has 255 bits, one under
// budget.MaxDenominatorBits, which sends the apportionment down its math/big path; as many
// households as the body holds, spread over 300 floors; and, if capped, hardship caps on
// every household, rising with the floor so that the water-filling fixes households at their
// caps in many rounds.
func worstShare(maxBody int, capped bool) string {
	ps := largePrimes(1<<31-1<<27, 8)
	var cs []string
	for f := 1; f <= 300; f++ {
		cs = append(cs, fmt.Sprintf(`"%d":"1/%d"`, f, ps[f%len(ps)]))
	}
	scheme := `{"total_yuan":"60000000","method":"floor_coefficient_area","coefficients":{` + strings.Join(cs, ",") + `}}`
	var b strings.Builder
	b.WriteString(`{"scheme":` + scheme + `,"households":[`)
	for i := 0; ; i++ {
		h := fmt.Sprintf(`{"id":"%d","floor":%d,"area_m2":"%d.%02d"`, i, 1+i%300, 50+i%70, 1+2*(i%49))
		if capped {
			h += fmt.Sprintf(`,"hardship_cap_yuan":"%d"`, 1000+i%9000)
		}
		h += "}"
		if b.Len()+len(h)+3 > maxBody {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(h)
	}
	b.WriteString("]}")
	return b.String()
}

// BenchmarkWorstShare sends the worst accepted elevator requests (worstShare) to the handler,
// with and without hardship caps (issue 20 item 2).
func BenchmarkWorstShare(b *testing.B) {
	h := newHandler(config{MaxBody: defaultMaxBody, Timeout: defaultTimeout}, slog.New(slog.DiscardHandler))
	for _, capped := range []bool{false, true} {
		b.Run(fmt.Sprintf("capped=%v", capped), func(b *testing.B) {
			body := []byte(worstShare(defaultMaxBody, capped))
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/v1/elevator/share", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %.300s", rec.Code, rec.Body)
				}
			}
		})
	}
}
