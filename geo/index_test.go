package geo

import (
	"cmp"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// randomBounds returns n boxes of 0–size wide in the square [0, span]² shifted by origin.
func ovRandomBounds(rng *rand.Rand, n int, origin orb.Point, span, size float64) []orb.Bound {
	out := make([]orb.Bound, n)
	for i := range out {
		x, y := origin[0]+rng.Float64()*span, origin[1]+rng.Float64()*span
		w, h := rng.Float64()*size, rng.Float64()*size
		if i%5 == 0 {
			w, h = 0, 0 // points
		}
		out[i] = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
	}
	return out
}

func TestIndexSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	bounds := ovRandomBounds(rng, 5000, orb.Point{0, 0}, 1000, 30)
	var ix Index[int]
	for i, b := range bounds {
		if err := ix.Insert(b, i); err != nil {
			t.Fatal(err)
		}
	}
	if ix.Len() != len(bounds) {
		t.Fatalf("Len = %d", ix.Len())
	}
	for range 500 {
		q := ovRandomBounds(rng, 1, orb.Point{-50, -50}, 1100, 150)[0]
		var got, want []int
		ix.Search(q, func(_ orb.Bound, v int) bool { got = append(got, v); return true })
		for i, b := range bounds {
			if boundsMeet(b, q) {
				want = append(want, i)
			}
		}
		slices.Sort(got)
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("search %v (-brute +index):\n%s", q, diff)
		}
	}
	// Touching counts; NaN finds nothing; stopping early works.
	var n int
	ix.Search(orb.Bound{Min: bounds[0].Max, Max: bounds[0].Max}, func(_ orb.Bound, v int) bool { n++; return true })
	if n == 0 {
		t.Error("a query touching a corner found nothing")
	}
	n = 0
	ix.Search(orb.Bound{Min: orb.Point{math.NaN(), 0}, Max: orb.Point{1e9, 1e9}}, func(orb.Bound, int) bool { n++; return true })
	if n != 0 {
		t.Errorf("NaN query found %d", n)
	}
	n = 0
	ix.Search(orb.Bound{Min: orb.Point{-1e9, -1e9}, Max: orb.Point{1e9, 1e9}}, func(orb.Bound, int) bool { n++; return n < 3 })
	if n != 3 {
		t.Errorf("search did not stop: %d calls", n)
	}
}

func TestIndexInsertDelete(t *testing.T) {
	var ix Index[string]
	if err := ix.Insert(orb.Bound{Min: orb.Point{0, math.NaN()}}, "x"); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN bound: %v", err)
	}
	if err := ix.Insert(orb.Bound{Min: orb.Point{1, 0}, Max: orb.Point{0, 1}}, "x"); !errors.Is(err, ErrEmpty) {
		t.Errorf("inverted bound: %v", err)
	}
	b := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}
	for _, s := range []string{"a", "b", "c"} {
		if err := ix.Insert(b, s); err != nil {
			t.Fatal(err)
		}
	}
	if !ix.Delete(b, func(s string) bool { return s == "b" }) || ix.Len() != 2 {
		t.Errorf("Delete b: Len %d", ix.Len())
	}
	if ix.Delete(b, func(s string) bool { return s == "b" }) {
		t.Error("deleted b twice")
	}
	var got []string
	ix.Search(b, func(_ orb.Bound, s string) bool { got = append(got, s); return true })
	slices.Sort(got)
	if !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("after delete: %v", got)
	}
	// Zero value and non-comparable payloads work.
	var sl Index[[]int]
	if err := sl.Insert(b, []int{1}); err != nil || !sl.Delete(b, func(v []int) bool { return len(v) == 1 }) {
		t.Error("slice payload")
	}
	if got := sl.Nearest(orb.Point{0, 0}, 3); len(got) != 0 {
		t.Errorf("nearest in an empty index: %v", got)
	}
}

func TestIndexNearestMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	bounds := ovRandomBounds(rng, 3000, orb.Point{0, 0}, 1000, 20)
	var ix Index[int]
	for i, b := range bounds {
		ix.Insert(b, i)
	}
	for range 300 {
		p := orb.Point{rng.Float64()*1200 - 100, rng.Float64()*1200 - 100}
		k := 1 + rng.IntN(20)
		got := ix.Nearest(p, k)
		dists := make([]float64, len(bounds))
		for i, b := range bounds {
			dists[i] = math.Sqrt(boxDist2OfIndex(p, b.Min, b.Max))
		}
		sorted := slices.Clone(dists)
		slices.Sort(sorted)
		if len(got) != k {
			t.Fatalf("got %d of %d", len(got), k)
		}
		for r, n := range got {
			if n.Dist != sorted[r] || dists[n.Value] != n.Dist || n.Bound != bounds[n.Value] {
				t.Fatalf("rank %d: item %d at %v, brute force rank distance %v", r, n.Value, n.Dist, sorted[r])
			}
		}
	}
}

func TestIndexNearestGeodesicMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	for _, area := range []struct {
		name         string
		origin       orb.Point
		span, size   float64
		queries, max int
	}{
		{"district", orb.Point{121.35, 31.05}, 0.3, 0.003, 150, 30},
		{"China", orb.Point{100, 20}, 25, 0.5, 100, 10},
		{"high latitude", orb.Point{10, 60}, 15, 0.5, 50, 10},
	} {
		bounds := ovRandomBounds(rng, 800, area.origin, area.span, area.size)
		var ix Index[int]
		for i, b := range bounds {
			ix.Insert(b, i)
		}
		for range area.queries {
			p := orb.Point{area.origin[0] + rng.Float64()*area.span, area.origin[1] + rng.Float64()*area.span}
			k := 1 + rng.IntN(area.max)
			got := ix.NearestGeodesic(p, k)
			type cand struct {
				i int
				d float64
			}
			all := make([]cand, len(bounds))
			for i, b := range bounds {
				q := orb.Point{math.Max(b.Min[0], math.Min(b.Max[0], p[0])), math.Max(b.Min[1], math.Min(b.Max[1], p[1]))}
				all[i].d = Distance(p, q)
				all[i].i = i
			}
			slices.SortStableFunc(all, func(a, b cand) int { return cmp.Compare(a.d, b.d) })
			if len(got) != k {
				t.Fatalf("%s: got %d of %d", area.name, len(got), k)
			}
			for r, n := range got {
				if n.Dist != all[r].d {
					t.Fatalf("%s: query %v rank %d: item %d at %v m, brute force %v m (item %d)", area.name, p, r, n.Value, n.Dist, all[r].d, all[r].i)
				}
			}
		}
	}
	var ix Index[int]
	ix.Insert(orb.Bound{}, 0)
	if got := ix.NearestGeodesic(orb.Point{0, 91}, 1); got != nil {
		t.Errorf("latitude 91: %v", got)
	}
}
