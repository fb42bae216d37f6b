package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// -h and -help print the usage and exit 0 without serving, as in every example.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help"} {
		var errOut bytes.Buffer
		if code := run(context.Background(), []string{arg}, &errOut, nil); code != 0 {
			t.Errorf("%s: exit %d, want 0", arg, code)
		}
		if !strings.Contains(errOut.String(), "usage: server") {
			t.Errorf("%s printed no usage:\n%s", arg, errOut.String())
		}
	}
}
