// Command server embeds the library in an HTTP JSON service (net/http only): POST a
// stairwell's households and a cost-sharing scheme and get the elevator cost sharing; POST
// the exclusive parts with their votes and a consent rule and get the tally.
//
// Usage:
//
//	go run ./examples/server [-addr 127.0.0.1:8080] [-max-body 1048576] [-timeout 10s]
//
// Endpoints:
//
//	POST /v1/elevator/share   households + scheme → the JSON of examples/elevator -json
//	POST /v1/consent/tally    rule + parts (+ ballots, objections) → the JSON of examples/consent -json
//	GET  /v1/rules            the consent rule presets, with sources and dates
//	GET  /v1/subsidies        the elevator subsidy presets, with sources and dates
//	GET  /healthz             {"status":"ok"}
//
// Every error is answered {"error": "...", "status": N}: 400 malformed JSON or an unknown
// member, 404, 405 (with Allow), 413 body over -max-body, 415 not application/json, 422 input
// the library rejects (its message names the household, part or field), 503 over -timeout,
// 500 only for a bug (logged with its stack). It logs one JSON line per request to standard
// error and shuts down gracefully on SIGINT or SIGTERM. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Server timeouts. The write timeout leaves the handler's -timeout room to answer 503.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second // a 1 MiB body at about 35 KB/s
	writeSlack        = 5 * time.Second  // WriteTimeout = -timeout + writeSlack
	idleTimeout       = 2 * time.Minute
	shutdownGrace     = 15 * time.Second // for requests in flight after SIGINT or SIGTERM
	maxHeaderBytes    = 64 << 10
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stderr, nil))
}

// run is the whole program, so that tests can call it: it serves until ctx is cancelled or
// the process receives SIGINT or SIGTERM, then shuts down gracefully. ready, if not nil, is
// called with the address listened on. It returns the exit status: 0 after a clean shutdown,
// 1 if the server failed, 2 for bad flags, 0 at once for -h (the usage is printed).
func run(ctx context.Context, args []string, stderr io.Writer, ready func(addr string)) int {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	maxBody := fs.Int64("max-body", defaultMaxBody, "largest request body accepted, in `bytes`; larger bodies are answered 413")
	timeout := fs.Duration("timeout", defaultTimeout, "longest time a request may take; longer ones are answered 503")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: server [-addr host:port] [-max-body bytes] [-timeout duration]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // -h asked for the usage, which is printed
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "server: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *maxBody <= 0 || *timeout <= 0 {
		fmt.Fprintln(stderr, "server: -max-body and -timeout must be positive")
		return 2
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", slog.String("error", err.Error()))
		return 1
	}
	srv := newServer(config{MaxBody: *maxBody, Timeout: *timeout}, log)
	log.Info("listening", slog.String("addr", ln.Addr().String()),
		slog.Int64("max_body", *maxBody), slog.Duration("timeout", *timeout))
	if ready != nil {
		ready(ln.Addr().String())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		log.Error("serve", slog.String("error", err.Error()))
		return 1
	case <-ctx.Done():
	}
	stop() // a second signal kills the process the default way
	log.Info("shutting down", slog.Duration("grace", shutdownGrace))
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Error("shutdown", slog.String("error", err.Error()))
		return 1
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		log.Error("serve", slog.String("error", err.Error()))
		return 1
	}
	log.Info("stopped")
	return 0
}

// newServer returns the service's http.Server, with its timeouts.
func newServer(cfg config, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           newHandler(cfg, log),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      cfg.Timeout + writeSlack,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
