package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// withBodyLimit limits every request body to max bytes. It must see the server's own
// ResponseWriter, so that http.MaxBytesReader can close the connection after an oversized
// body; reading past the limit fails with *http.MaxBytesError, which the decoders answer 413.
func withBodyLimit(h http.Handler, max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, max)
		h.ServeHTTP(w, r)
	})
}

// withTimeout bounds each request's handling by d with http.TimeoutHandler: the handler's
// context is cancelled at d and the client is answered 503 with a JSON error. The answer is
// buffered until the handler returns, so a timed-out handler never writes half an answer.
func withTimeout(h http.Handler, d time.Duration) http.Handler {
	body := fmt.Sprintf(`{"error":"the request took longer than %s","status":503}`+"\n", d)
	th := http.TimeoutHandler(h, d, body)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// TimeoutHandler writes its own body without a Content-Type; a successful answer
		// replaces this header with the handler's.
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		th.ServeHTTP(w, r)
	})
}

// withRecovery answers a panicking handler 500 with a generic message and logs the panic with
// its stack. It runs inside withTimeout, in the goroutine that panicked, so the stack is the
// handler's. http.ErrAbortHandler is passed on: it is how a handler asks to abort.
func withRecovery(h http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.LogAttrs(r.Context(), slog.LevelError, "panic",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack())))
			writeError(w, errorf(http.StatusInternalServerError, "internal error; the server's log has the details"))
		}()
		h.ServeHTTP(w, r)
	})
}

// withLogging logs one line per request: method, path, status, duration and bytes written.
func withLogging(h http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.status == 0 { // nothing written: net/http answers 200
			sw.status = http.StatusOK
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.Int64("bytes", sw.bytes))
	})
}

// statusWriter records the status and the number of body bytes written.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the server's writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
