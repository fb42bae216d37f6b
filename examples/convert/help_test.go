package main

import (
	"bytes"
	"strings"
	"testing"
)

// -h and -help print the usage and exit 0, as in every example.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help"} {
		var out, errOut bytes.Buffer
		if code := run([]string{arg}, strings.NewReader(""), &out, &errOut); code != 0 {
			t.Errorf("%s: exit %d, want 0", arg, code)
		}
		if !strings.Contains(out.String()+errOut.String(), "usage: convert") {
			t.Errorf("%s printed no usage:\n%s%s", arg, out.String(), errOut.String())
		}
	}
}
