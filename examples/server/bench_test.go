package main

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchRequests are the requests the benchmarks send: a six-storey stairwell and an
// eighteen-storey block, a twelve-part sample poll and a poll of 400 parts.
func benchRequests(b *testing.B) []request {
	var out []request
	for _, rq := range variedRequests() {
		switch rq.name {
		case "floors climbed, Beijing preset", "tall block", "ordinary, many parts":
			out = append(out, rq)
		}
	}
	sample := readFile(b, "testdata/consent_sample.json")
	out = append(out, request{name: "consent sample", path: "/v1/consent/tally", body: sample, status: 200})
	if len(out) != 4 {
		b.Fatalf("%d requests", len(out))
	}
	return out
}

// BenchmarkHTTP sends each request over loopback HTTP/1.1 from parallel clients
// (GOMAXPROCS goroutines, keep-alive) and reports requests per second.
func BenchmarkHTTP(b *testing.B) {
	for _, rq := range benchRequests(b) {
		b.Run(rq.name, func(b *testing.B) {
			srv := newTestServer(b, config{MaxBody: defaultMaxBody, Timeout: defaultTimeout})
			client := srv.Client()
			client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
			url, body := srv.URL+rq.path, []byte(rq.body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Post(url, "application/json", bytes.NewReader(body))
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != rq.status {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// BenchmarkHandler calls the handler directly, one request at a time: the cost of decoding,
// computing and encoding one request without the network.
func BenchmarkHandler(b *testing.B) {
	h := newHandler(config{MaxBody: defaultMaxBody, Timeout: defaultTimeout}, slog.New(slog.DiscardHandler))
	for _, rq := range benchRequests(b) {
		b.Run(rq.name, func(b *testing.B) {
			body := []byte(rq.body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, rq.path, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != rq.status {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
