package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// -h and -help print the usage (on standard error, the flag package's default) and exit 0
// (run returns nil), as in every example; no database is needed for that.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help"} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		stderr := os.Stderr
		os.Stderr = w
		runErr := run(context.Background(), []string{arg}, io.Discard)
		os.Stderr = stderr
		w.Close()
		usage, _ := io.ReadAll(r)
		r.Close()
		if runErr != nil {
			t.Errorf("%s: %v, want exit 0", arg, runErr)
		}
		if !strings.Contains(string(usage), "-schema") {
			t.Errorf("%s printed no usage:\n%s", arg, usage)
		}
	}
}
