package main

import (
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readAll(t *testing.T, text string, n int) ([][]float64, error) {
	t.Helper()
	r := newNumberReader(strings.NewReader(text), "in.txt")
	var out [][]float64
	for {
		v, err := r.Next(n)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, append([]float64(nil), v...))
	}
}

func TestNumberReader(t *testing.T) {
	for _, c := range []struct {
		name, text string
		n          int
		want       [][]float64
		err        string
	}{
		{"pairs", "31.2 121.5\n22.5\t118.5\r\n", 2, [][]float64{{31.2, 121.5}, {22.5, 118.5}}, ""},
		{"cs2cs output, third field ignored", "3454118.132166\t642964.159847 0.000000\n", 2, [][]float64{{3454118.132166, 642964.159847}}, ""},
		{"blank line ends a polygon", "1 2\n  \n3 4", 2, [][]float64{{1, 2}, nil, {3, 4}}, ""},
		{"planimeter line", "21 1234.5 98765.43210\n", 3, [][]float64{{21, 1234.5, 98765.4321}}, ""},
		{"negative and exponent", "-1e-3 +2.5E2\n", 2, [][]float64{{-0.001, 250}}, ""},
		{"too few", "1 2\n3\n", 2, [][]float64{{1, 2}}, "in.txt line 2: 1 numbers, want 2"},
		{"not a number", "1 x2\n", 2, nil, `in.txt line 1 field 2: "x2" is not a finite number`},
		{"NaN", "NaN 1\n", 2, nil, `in.txt line 1 field 1: "NaN" is not a finite number`},
		{"infinity", "1 -Inf\n", 2, nil, `in.txt line 1 field 2: "-Inf" is not a finite number`},
		{"long field", "1 " + strings.Repeat("1", 400) + "\n", 2, nil, `in.txt line 1 field 2: "1111111111111111111111111111111111111..." is not a finite number`},
		{"too long", "1 " + strings.Repeat("1", maxLine) + "\n", 2, nil, "in.txt line 1: longer than 4096 bytes"},
	} {
		got, err := readAll(t, c.text, c.n)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			if c.name == "not a number" && !errors.Is(err, errNotNumber) {
				t.Errorf("%s: error does not wrap errNotNumber", c.name)
			}
		} else if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

// TestWriteRead: what the writers print reads back, exactly with the shortest form and to
// half a unit of the last decimal with a fixed number of decimals.
func TestWriteRead(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []byte
	type rec struct{ a, b float64 }
	var recs []rec
	for range 1000 {
		a, b := 18+36*rng.Float64(), 118.5+3*rng.Float64()
		recs = append(recs, rec{a, b})
		buf = appendLatLon(buf, a, b, -1)
	}
	got, err := readAll(t, string(buf), 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range recs {
		if got[i][0] != r.a || got[i][1] != r.b {
			t.Fatalf("record %d: wrote %v %v, read %v", i, r.a, r.b, got[i])
		}
	}
	buf = buf[:0]
	for _, r := range recs {
		buf = appendCS2CS(buf, r.a*1e5, r.b*1e4)
	}
	got, err = readAll(t, string(buf), 3)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range recs {
		if math.Abs(got[i][0]-r.a*1e5) > 5e-7 || math.Abs(got[i][1]-r.b*1e4) > 5e-7 || got[i][2] != 0 {
			t.Fatalf("record %d: wrote %v %v, read %v", i, r.a*1e5, r.b*1e4, got[i])
		}
	}
	if s := string(appendCS2CS(nil, 3454118.1321664, 642964.1598466)); s != "3454118.132166\t642964.159847 0.000000\n" {
		t.Errorf("cs2cs line %q", s)
	}
	if s := string(appendArea(nil, 21, 98765.432104)); s != "21 98765.43210\n" {
		t.Errorf("area line %q", s)
	}
}

// FuzzNumberReader: any input reads without panic, every number read is finite, and a line
// written back in the shortest form reads back the same.
func FuzzNumberReader(f *testing.F) {
	for _, s := range []string{"31.2 121.5\n", "1 2\n\n3 4", "3454118.132166\t642964.159847 0.000000\n", "x", "1e400 1", "-0 +0\r\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := newNumberReader(strings.NewReader(text), "fuzz")
		for {
			v, err := r.Next(2)
			if err != nil {
				return
			}
			if v == nil {
				continue
			}
			for _, x := range v {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("non-finite %v read", x)
				}
			}
			back := newNumberReader(strings.NewReader(string(appendLatLon(nil, v[0], v[1], -1))), "back")
			w, err := back.Next(2)
			if err != nil || w[0] != v[0] || w[1] != v[1] {
				t.Fatalf("%v written and read back as %v, %v", v, w, err)
			}
		}
	})
}
