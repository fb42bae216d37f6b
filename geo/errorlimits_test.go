package geo

import (
	"errors"
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

// Validation keeps at most MaxGeometryErrors problems and counts the rest (issue 20 item 1:
// one error kept per empty ring made a layer cost a hundred times its size).
func TestValidateKeepsBoundedErrors(t *testing.T) {
	p := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	for range 2 * MaxGeometryErrors {
		p = append(p, orb.Ring{})
	}
	var es GeometryErrors
	if !errors.As(Validate("f", p, nil), &es) {
		t.Fatal("no GeometryErrors")
	}
	if len(es) != MaxGeometryErrors+1 || !strings.Contains(es[len(es)-1].Error(), "and 1000 more problems, not kept") {
		t.Errorf("%d errors, last %v", len(es), es[len(es)-1])
	}
}
