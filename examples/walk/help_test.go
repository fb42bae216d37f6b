package main

import (
	"bytes"
	"strings"
	"testing"
)

// -h and -help print the usage and exit 0 (run returns nil), as in every example.
func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help"} {
		var out, errOut bytes.Buffer
		if err := run([]string{arg}, &out, &errOut); err != nil {
			t.Errorf("%s: %v, want exit 0", arg, err)
		}
		if !strings.Contains(out.String()+errOut.String(), "-osm") {
			t.Errorf("%s printed no usage:\n%s%s", arg, out.String(), errOut.String())
		}
	}
}
