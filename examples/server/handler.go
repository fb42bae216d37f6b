package main

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"
)

// config holds the limits of the service.
type config struct {
	// MaxBody is the largest request body accepted, in bytes; larger bodies are answered 413.
	MaxBody int64
	// Timeout bounds each request's handling; a request that takes longer is answered 503.
	Timeout time.Duration
}

// Defaults of the command-line flags.
const (
	defaultMaxBody = 1 << 20
	defaultTimeout = 10 * time.Second
)

// endpoints lists the service's paths, for the 404 answer.
var endpoints = []string{
	"POST /v1/elevator/share", "POST /v1/consent/tally", "GET /v1/rules", "GET /v1/subsidies", "GET /healthz",
}

// newHandler returns the service: the endpoints behind, from the outside in, the body limit,
// a structured log line per request, the per-request timeout and the recovery of panics.
// It holds no mutable state: every request decodes, computes and encodes on its own values,
// and the presets are looked up per request, so it is safe for any number of concurrent
// requests.
func newHandler(cfg config, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/elevator/share", endpoint(http.MethodPost, func(w http.ResponseWriter, r *http.Request) { share(w, r, cfg.MaxBody) }))
	mux.Handle("/v1/consent/tally", endpoint(http.MethodPost, func(w http.ResponseWriter, r *http.Request) { tally(w, r, cfg.MaxBody) }))
	mux.Handle("/v1/rules", endpoint(http.MethodGet, rules))
	mux.Handle("/v1/subsidies", endpoint(http.MethodGet, subsidies))
	mux.Handle("/healthz", endpoint(http.MethodGet, healthz))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errorf(http.StatusNotFound, "no endpoint %s; the endpoints are %s", r.URL.Path, strings.Join(endpoints, ", ")))
	})
	var h http.Handler = mux
	h = withRecovery(h, log)
	h = withTimeout(h, cfg.Timeout)
	h = withLogging(h, log)
	return withBodyLimit(h, cfg.MaxBody, cfg.Timeout)
}

// endpoint answers 405 with an Allow header for a method other than method (GET endpoints
// also take HEAD), and 415 for a POST whose body is not declared as JSON.
func endpoint(method string, f http.HandlerFunc) http.Handler {
	allowed := []string{method}
	if method == http.MethodGet {
		allowed = append(allowed, http.MethodHead)
	}
	allow := strings.Join(allowed, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !slices.Contains(allowed, r.Method) {
			w.Header().Set("Allow", allow)
			writeError(w, errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s; use %s", r.Method, r.URL.Path, allow))
			return
		}
		if r.Method == http.MethodPost {
			if e := checkJSONContent(r); e != nil {
				writeError(w, e)
				return
			}
		}
		f(w, r)
	})
}
