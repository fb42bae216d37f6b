package geo

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// A coordinate of 1e308 is printed as 1e+308, not as 309 digits (issue 20).
func TestErrorHugeCoordinate(t *testing.T) {
	err := Validate("f", orb.Polygon{{{1e308, 0}, {1, 0}, {1, 1}, {1e308, 0}}}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "1e+308") || len(msg) > 2000 {
		t.Errorf("%d bytes: %.400s", len(msg), msg)
	}
}
