package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// withBodyLimit limits every request body to max bytes and to the time d. It must see the
// server's own ResponseWriter, so that http.MaxBytesReader can close the connection after an
// oversized body (reading past the limit fails with *http.MaxBytesError, which the decoders
// answer 413) and so that it can set the connection's deadlines for this request: the body
// must arrive within d, as the answer is due then (a read past it fails, which the decoders
// answer 503), and the answer must be written within d + writeSlack. Without the read
// deadline a slow client held the handler, and then net/http's reading of the rest of the
// body before answering, until the server's ReadTimeout, long after the write deadline had
// passed: the 503 or 413 was never sent.
func withBodyLimit(h http.Handler, max int64, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(start.Add(d)) // ErrNotSupported only for a test's recorder
		_ = rc.SetWriteDeadline(start.Add(d + writeSlack))
		r.Body = &body{ReadCloser: http.MaxBytesReader(w, r.Body, max)}
		h.ServeHTTP(w, r)
	})
}

// body records whether the request body was read to its end.
type body struct {
	io.ReadCloser
	ended atomic.Bool // set by the handler's goroutine, read by withLogging's
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.ended.Store(true)
	}
	return n, err
}

// unread reports whether r has a body that was not read to its end.
func unread(r *http.Request) bool {
	b, ok := r.Body.(*body)
	return ok && r.ContentLength != 0 && !b.ended.Load()
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

// withLogging logs one line per request: method, path, status, duration, bytes written and
// whether the answer reached the connection ("sent"; if not, "write_error" says why). To know
// that, it sends the answer itself once the handler returns: any part of the body the handler
// left unread is abandoned (the connection then closes after the answer) instead of being
// read, as net/http would, from a client that may be slow to send it.
func withLogging(h http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.status == 0 { // nothing written: net/http answers 200
			sw.status = http.StatusOK
		}
		rc := http.NewResponseController(w)
		if unread(r) {
			// net/http would read up to 256 KiB more before answering. (Only here: once a
			// body has ended, net/http reads the connection in the background, and a
			// deadline then would cancel the next request on it.)
			_ = rc.SetReadDeadline(time.Now()) // ErrNotSupported only for a test's recorder
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.Int64("bytes", sw.bytes),
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		switch err := rc.Flush(); {
		case err == nil, errors.Is(err, http.ErrNotSupported):
			attrs = append(attrs, slog.Bool("sent", true))
		default:
			level = slog.LevelError
			attrs = append(attrs, slog.Bool("sent", false), slog.String("write_error", err.Error()))
		}
		log.LogAttrs(r.Context(), level, "request", attrs...)
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
