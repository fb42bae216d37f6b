package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A handler that outlives the timeout is answered 503 with a JSON error, and its context is
// cancelled.
func TestTimeout(t *testing.T) {
	cancelled := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
		close(cancelled)
	})
	rec := httptest.NewRecorder()
	withTimeout(slow, 20*time.Millisecond).ServeHTTP(rec, httptest.NewRequest("POST", "/v1/elevator/share", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d", rec.Code)
	}
	if got, want := rec.Body.String(), `{"error":"the request took longer than 20ms","status":503}`+"\n"; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Error("the handler's context was not cancelled")
	}
}

// A panicking handler is answered 500 with a generic message, and the panic is logged with
// its stack; the next request is served as usual.
func TestRecovery(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	mux := http.NewServeMux()
	mux.HandleFunc("/boom", func(http.ResponseWriter, *http.Request) { panic("boom: secret detail") })
	mux.HandleFunc("/ok", healthz)
	h := withLogging(withTimeout(withRecovery(mux, log), time.Second), log)
	srv := httptest.NewServer(h)
	defer srv.Close()

	code, _, body := send(t, srv.Client(), "GET", srv.URL+"/boom", "", nil)
	if code != 500 || string(body) != `{"error":"internal error; the server's log has the details","status":500}`+"\n" {
		t.Errorf("status %d, body %s", code, body)
	}
	if code, _, _ := send(t, srv.Client(), "GET", srv.URL+"/ok", "", nil); code != 200 {
		t.Errorf("after a panic: status %d", code)
	}
	// The logging middleware writes its request line after the response is flushed, so the
	// server must be closed (its handlers finished) before the log is read.
	srv.Close()
	var panicLine, reqLine map[string]any
	for line := range strings.Lines(logs.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		switch {
		case m["msg"] == "panic":
			panicLine = m
		case m["msg"] == "request" && m["path"] == "/boom":
			reqLine = m
		}
	}
	if panicLine == nil || panicLine["panic"] != "boom: secret detail" || !strings.Contains(panicLine["stack"].(string), "middleware_test.go") {
		t.Errorf("panic log %v", panicLine)
	}
	if reqLine == nil || reqLine["level"] != "ERROR" || reqLine["status"] != 500.0 || reqLine["method"] != "GET" {
		t.Errorf("request log %v", reqLine)
	}
	if _, ok := reqLine["duration_ms"].(float64); !ok {
		t.Errorf("request log has no duration_ms: %v", reqLine)
	}
}

// A body over the limit is 413 also when it is sent without a Content-Length, and the
// server closes the connection rather than read the rest.
func TestTooLargeChunked(t *testing.T) {
	srv := newTestServer(t, config{MaxBody: 1000, Timeout: time.Second})
	body := io.MultiReader(strings.NewReader(`{"households":[`), strings.NewReader(strings.Repeat(`{"id":"1","floor":1,"area_m2":"1"},`, 100)), strings.NewReader(`]}`))
	req, _ := http.NewRequest("POST", srv.URL+"/v1/elevator/share", body) // io.MultiReader: length unknown, sent chunked
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 413 || string(b) != `{"error":"the request body is larger than 1000 bytes (the server's -max-body)","status":413}`+"\n" {
		t.Errorf("status %d, body %s", resp.StatusCode, b)
	}
	if req.ContentLength != 0 || !resp.Close {
		t.Errorf("content length %d, close %v", req.ContentLength, resp.Close)
	}
}

// The GET endpoints list every preset with its source and date, and answer HEAD.
func TestPresetsEndpoints(t *testing.T) {
	srv := newTestServer(t, testConfig)
	code, _, body := send(t, srv.Client(), "GET", srv.URL+"/v1/rules", "", nil)
	var rules struct {
		Rules []struct {
			Name, Source, Date string
			Clauses            []json.RawMessage
		}
	}
	if err := json.Unmarshal(body, &rules); code != 200 || err != nil {
		t.Fatalf("rules: status %d, %v", code, err)
	}
	names := map[string]bool{}
	for _, r := range rules.Rules {
		names[r.Name] = true
		if r.Source == "" || r.Date == "" || len(r.Clauses) == 0 {
			t.Errorf("rule %q: source %q, date %q, %d clauses", r.Name, r.Source, r.Date, len(r.Clauses))
		}
	}
	if len(rules.Rules) < 10 || !names["civil-code-2021-major"] || !names["beijing-2020-elevator"] {
		t.Errorf("rules %v", names)
	}

	code, _, body = send(t, srv.Client(), "GET", srv.URL+"/v1/subsidies", "", nil)
	var subs struct {
		Subsidies []struct {
			Name, Source, Date string
			Subsidy            map[string]string
		}
	}
	if err := json.Unmarshal(body, &subs); code != 200 || err != nil {
		t.Fatalf("subsidies: status %d, %v", code, err)
	}
	got := map[string]map[string]string{}
	for _, s := range subs.Subsidies {
		got[s.Name] = s.Subsidy
		if s.Source == "" || s.Date == "" {
			t.Errorf("subsidy %q: source %q, date %q", s.Name, s.Source, s.Date)
		}
	}
	if b, s := got["beijing-2018"], got["shanghai-2020"]; len(b) != 1 || b["fixed_yuan"] != "240000.00" || s["percent"] != "40" || s["cap_yuan"] != "280000.00" {
		t.Errorf("subsidies %v", got)
	}

	code, _, body = send(t, srv.Client(), "GET", srv.URL+"/healthz", "", nil)
	if code != 200 || string(body) != `{"status":"ok"}`+"\n" {
		t.Errorf("healthz: %d %s", code, body)
	}
	code, h, body := send(t, srv.Client(), "HEAD", srv.URL+"/v1/rules", "", nil)
	if code != 200 || len(body) != 0 || h.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("HEAD: %d, %d bytes, %v", code, len(body), h)
	}
}

// run serves with the flags given until its context is cancelled (as SIGINT or SIGTERM
// cancel it), then shuts down and exits 0; bad flags exit 2.
func TestRunShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-max-body", "2048"}, &logs, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("run exited %d: %s", code, logs.String())
	}
	resp, err := http.Post("http://"+addr+"/v1/elevator/share", "application/json", strings.NewReader(`{"households":[`+strings.Repeat(" ", 3000)+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Errorf("-max-body 2048: status %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	for _, want := range []string{`"msg":"listening"`, `"msg":"request","method":"POST","path":"/v1/elevator/share","status":413`, `"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
	if code := run(context.Background(), []string{"-timeout", "0s"}, io.Discard, nil); code != 2 {
		t.Errorf("-timeout 0s: exit %d", code)
	}
	if code := run(context.Background(), []string{"extra"}, io.Discard, nil); code != 2 {
		t.Errorf("an argument: exit %d", code)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// SIGTERM stops run the way cancelling its context does.
func TestRunSignal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	addrc := make(chan string, 1)
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"-addr", "127.0.0.1:0"}, &logs, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc: // run is listening for signals before it calls ready
	case code := <-done:
		t.Fatalf("run exited %d: %s", code, logs.String())
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := self.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(logs.String(), `"msg":"stopped"`) {
			t.Errorf("exit %d: %s", code, logs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after SIGTERM")
	}
}
