package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// fuzzBody sends body to path through the whole handler (limits, timeout, recovery) and
// checks that the answer is 200 or a 4xx with a well-formed error: never a 500 (which is what
// a panic becomes), never a 503 (an input that takes over 10 s), never something that is not
// JSON.
func fuzzBody(t *testing.T, h http.Handler, path string, body []byte) map[string]json.RawMessage {
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("status %d, answer is not a JSON object: %v\n%s", rec.Code, err, rec.Body.Bytes())
	}
	switch rec.Code {
	case http.StatusOK:
		return m
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		var e apiError
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Status != rec.Code || e.Message == "" {
			t.Fatalf("status %d, error body %s", rec.Code, rec.Body.Bytes())
		}
		return nil
	}
	t.Fatalf("status %d for %q:\n%s", rec.Code, body, rec.Body.Bytes())
	return nil
}

func fuzzHandler() http.Handler {
	return newHandler(config{MaxBody: 64 << 10, Timeout: 10 * time.Second}, slog.New(slog.DiscardHandler))
}

func addSeeds(f *testing.F, path string) {
	for _, rq := range variedRequests() {
		if rq.path == path && len(rq.body) < 4000 {
			f.Add([]byte(rq.body))
		}
	}
	for _, tc := range errorCases {
		if tc.path == path && len(tc.body) < 4000 {
			f.Add([]byte(tc.body))
		}
	}
}

// FuzzShare decodes arbitrary bodies as POST /v1/elevator/share. An answer of 200 must
// conserve the money: the shares sum to the residents' amount.
func FuzzShare(f *testing.F) {
	addSeeds(f, "/v1/elevator/share")
	h := fuzzHandler()
	f.Fuzz(func(t *testing.T, body []byte) {
		m := fuzzBody(t, h, "/v1/elevator/share", body)
		if m == nil {
			return
		}
		var res struct {
			ResidentsFen int64 `json:"residents_fen"`
			Households   []struct {
				ShareFen int64 `json:"share_fen"`
			} `json:"households"`
		}
		b, _ := json.Marshal(m)
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, h := range res.Households {
			sum += h.ShareFen
		}
		if sum != res.ResidentsFen || len(res.Households) == 0 {
			t.Fatalf("Σ share %d, residents %d, %d households", sum, res.ResidentsFen, len(res.Households))
		}
	})
}

// FuzzTally decodes arbitrary bodies as POST /v1/consent/tally. An answer of 200 must say
// whether the vote passed.
func FuzzTally(f *testing.F) {
	addSeeds(f, "/v1/consent/tally")
	h := fuzzHandler()
	f.Fuzz(func(t *testing.T, body []byte) {
		m := fuzzBody(t, h, "/v1/consent/tally", body)
		if m == nil {
			return
		}
		if p := string(m["passed"]); p != "true" && p != "false" {
			t.Fatalf("passed is %q", p)
		}
	})
}
