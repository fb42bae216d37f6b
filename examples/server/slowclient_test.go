package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A client that sends its headers and then its body too slowly gets the documented 503 once
// the timeout passes, and one that announces a body over the limit gets 413 at once; the log
// records the status that was sent (issue 20 item 9: the connection just closed at 30 s while
// the log said 503).
func TestSlowClient(t *testing.T) {
	const timeout = 300 * time.Millisecond
	logs := &syncBuffer{}
	srv := newServer(config{MaxBody: 64 << 10, Timeout: timeout}, slog.New(slog.NewJSONHandler(logs, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	for _, tc := range []struct {
		name          string
		contentLength int
		want          int
	}{
		{"slow body", 1000, http.StatusServiceUnavailable},
		{"slow body over the limit", 64<<10 + 100, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			fmt.Fprintf(c, "POST /v1/consent/tally HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"rule\":", tc.contentLength)
			// The client sends nothing more; it waits for the answer at most 5 s (the server's
			// ReadTimeout is 30 s).
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			start := time.Now()
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatalf("no answer after %v: %v", time.Since(start), err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	// The log says what was sent. The request line is written after the answer, so the test
	// waits for both lines (at most 5 s) rather than for a fixed time.
	var sent []string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		sent = sent[:0]
		for line := range strings.Lines(logs.String()) {
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == "request" {
				sent = append(sent, fmt.Sprint(m["status"], " ", m["sent"]))
			}
		}
		if len(sent) >= 2 || time.Now().After(deadline) {
			break
		}
	}
	if got, want := strings.Join(sent, ", "), "503 true, 413 true"; got != want {
		t.Errorf("log: %s, want %s\n%s", got, want, logs)
	}
}
