package budget

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ints(ws ...uint64) []Weight {
	out := make([]Weight, len(ws))
	for i, w := range ws {
		out[i] = IntWeight(w)
	}
	return out
}

func mustWeights(t testing.TB, ss ...string) []Weight {
	t.Helper()
	out := make([]Weight, len(ss))
	for i, s := range ss {
		w, err := ParseWeight(s)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = w
	}
	return out
}

func TestApportionTable(t *testing.T) {
	tests := []struct {
		name    string
		total   Money
		weights []Weight
		caps    []Money
		r       Rounding
		want    []Money
	}{
		{"thirds, tie to the earliest", 100, ints(1, 1, 1), nil, RoundFen, []Money{34, 33, 33}},
		{"two left over, ties to the earliest two", 200, ints(1, 1, 1), nil, RoundFen, []Money{67, 67, 66}},
		{"zero weight gets zero", 100, ints(0, 1, 0, 1), nil, RoundFen, []Money{0, 50, 0, 50}},
		{"larger remainder first", 10, ints(1, 2), nil, RoundFen, []Money{3, 7}},
		{"decimals", 1000, mustWeights(t, "0.7", "1.3"), nil, RoundFen, []Money{350, 650}},
		{"mixed denominators", 600, mustWeights(t, "1/3", "0.5", "1/6"), nil, RoundFen, []Money{200, 300, 100}},
		{"jiao", 1000, ints(1, 1, 1), nil, RoundJiao, []Money{340, 330, 330}},
		{"yuan", 100000, ints(1, 1, 1), nil, RoundYuan, []Money{33400, 33300, 33300}},
		{"zero total", 0, ints(1, 2), nil, RoundFen, []Money{0, 0}},
		{"cap re-spread by weight", 1000, ints(1, 1, 2), []Money{100, NoCap, NoCap}, RoundFen, []Money{100, 300, 600}},
		{"waiver", 900, ints(1, 1, 1), []Money{NoCap, 0, NoCap}, RoundFen, []Money{450, 0, 450}},
		{"cascade of caps", 1000, ints(1, 1, 1, 1), []Money{100, 200, 300, NoCap}, RoundFen, []Money{100, 200, 300, 400}},
		{"second round binds", 1000, ints(1, 1, 1, 1), []Money{100, 290, NoCap, NoCap}, RoundFen, []Money{100, 290, 305, 305}},
		{"caps exactly enough", 600, ints(1, 1, 1), []Money{200, 200, 200}, RoundFen, []Money{200, 200, 200}},
		{"cap rounded down to the unit", 1000, ints(1, 1), []Money{105, NoCap}, RoundJiao, []Money{100, 900}},
		{"cap at the exact share, unrounded", 100, ints(1, 1, 1), []Money{33, NoCap, NoCap}, RoundFen, []Money{33, 34, 33}},
		{"zero-weight item with a cap pays zero", 100, ints(0, 1), []Money{0, NoCap}, RoundFen, []Money{0, 100}},
	}
	for _, tt := range tests {
		for _, big := range []bool{false, true} {
			a := Apportioner{forceBig: big}
			got, err := a.Apportion(nil, tt.total, tt.weights, tt.caps, tt.r)
			if err != nil {
				t.Errorf("%s (big %v): %v", tt.name, big, err)
				continue
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (big %v): (-want +got)\n%s", tt.name, big, diff)
			}
		}
	}
}

func TestApportionErrors(t *testing.T) {
	var a Apportioner
	if _, err := a.Apportion(nil, 100, ints(0, 0), nil, RoundFen); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("all zero: %v", err)
	}
	if _, err := a.Apportion(nil, 100, nil, nil, RoundFen); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("no items: %v", err)
	}
	if _, err := a.Apportion(nil, -1, ints(1), nil, RoundFen); !errors.Is(err, ErrNegativeAmount) {
		t.Errorf("negative total: %v", err)
	}
	if _, err := a.Apportion(nil, 105, ints(1), nil, RoundJiao); !errors.Is(err, ErrNotMultiple) {
		t.Errorf("not a multiple: %v", err)
	}
	if _, err := a.Apportion(nil, 100, ints(1), []Money{1, 2}, RoundFen); !errors.Is(err, ErrLength) {
		t.Errorf("length: %v", err)
	}
	if _, err := a.Apportion(nil, 100, ints(1), []Money{-1}, RoundFen); !errors.Is(err, ErrNegativeAmount) {
		t.Errorf("negative cap: %v", err)
	}
	if _, err := a.Apportion(nil, 100, ints(1), nil, Rounding(9)); !errors.Is(err, ErrInvalidRounding) {
		t.Errorf("bad rounding: %v", err)
	}
	for _, big := range []bool{false, true} {
		a := Apportioner{forceBig: big}
		// Caps of the positive-weight items: 30 + 0 + 25 (rounded down from 25.5 jiao) = 55 jiao; the
		// zero-weight item's cap does not count.
		_, err := a.Apportion(nil, 1000, ints(1, 1, 1, 0), []Money{300, 0, 255, NoCap}, RoundJiao)
		var ce *CapShortfallError
		if !errors.As(err, &ce) || !errors.Is(err, ErrCapsInfeasible) {
			t.Fatalf("infeasible caps (big %v): %v", big, err)
		}
		want := CapShortfallError{Total: 1000, Room: 550, Shortfall: 450, Items: 3}
		if *ce != want {
			t.Errorf("big %v: %+v, want %+v", big, *ce, want)
		}
		if got := err.Error(); got != "caps cannot all hold: the 3 items with positive weight may pay at most 5.50 yuan in all, 4.50 yuan short of the 10.00 yuan to split" {
			t.Errorf("message: %s", got)
		}
	}
}

// randomWeights returns n weights drawn from a mix that exercises the arithmetic: zeros, small
// whole numbers (many ties), areas with two decimals, coefficients, fractions.
func randomWeights(rng *rand.Rand, n int) []Weight {
	ws := make([]Weight, n)
	for i := range ws {
		switch rng.IntN(6) {
		case 0:
			ws[i] = Weight{}
		case 1:
			ws[i] = IntWeight(uint64(rng.IntN(6)))
		case 2:
			ws[i], _ = NewWeight(uint64(3000+rng.IntN(12000)), 100)
		case 3:
			ws[i], _ = NewWeight(uint64(5+rng.IntN(10)), 10)
		case 4:
			ws[i], _ = NewWeight(uint64(1+rng.IntN(20)), uint64(1+rng.IntN(12)))
		case 5:
			ws[i] = IntWeight(rng.Uint64N(1 << 40))
		}
	}
	if n > 0 {
		ws[rng.IntN(n)] = IntWeight(1 + uint64(rng.IntN(5))) // at least one positive
	}
	return ws
}

// exactShares returns total·wᵢ/Σw in units, exactly.
func exactShares(total Money, ws []Weight, unit Money) []*big.Rat {
	sum := new(big.Rat)
	for _, w := range ws {
		sum.Add(sum, w.Rat())
	}
	out := make([]*big.Rat, len(ws))
	for i, w := range ws {
		e := new(big.Rat).Mul(big.NewRat(int64(total/unit), 1), w.Rat())
		out[i] = e.Quo(e, sum)
	}
	return out
}

func TestApportionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var a, b Apportioner
	b.forceBig = true
	for iter := range 3000 {
		n := 1 + rng.IntN(40)
		ws := randomWeights(rng, n)
		r := Rounding(rng.IntN(3))
		unit := r.Unit()
		total := Money(rng.Int64N(1e9)) * unit
		got, err := a.Apportion(nil, total, ws, nil, r)
		if err != nil {
			t.Fatalf("iter %d: %v", iter, err)
		}
		ref, err := b.Apportion(nil, total, ws, nil, r)
		if err != nil {
			t.Fatalf("iter %d big: %v", iter, err)
		}
		if !slices.Equal(got, ref) {
			t.Fatalf("iter %d: fast %v, big %v", iter, got, ref)
		}
		var sum Money
		exact := exactShares(total, ws, unit)
		for i, s := range got {
			sum += s
			if s%unit != 0 {
				t.Fatalf("iter %d: share %d is not a multiple of %d", iter, s, unit)
			}
			// One-unit bound: |s/unit − exact| < 1.
			d := new(big.Rat).Sub(big.NewRat(int64(s/unit), 1), exact[i])
			if d.Abs(d).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("iter %d: item %d share %d units, exact %s", iter, i, s/unit, exact[i].FloatString(4))
			}
			if ws[i].IsZero() && s != 0 {
				t.Fatalf("iter %d: zero weight got %d", iter, s)
			}
			// More weight never pays less.
			for j := range ws {
				if ws[i].Cmp(ws[j]) > 0 && got[i] < got[j] {
					t.Fatalf("iter %d: weight %s pays %d < weight %s pays %d", iter, ws[i], got[i], ws[j], got[j])
				}
			}
		}
		if sum != total {
			t.Fatalf("iter %d: sum %d, total %d", iter, sum, total)
		}
	}
}

// TestApportionOrder checks that permuting the items permutes the shares, except where the
// documented tie-break (equal remainders go to the earlier item) decides between items.
func TestApportionOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 2000 {
		n := 1 + rng.IntN(30)
		ws := randomWeights(rng, n)
		total := Money(rng.Int64N(1e7))
		got, err := Apportion(total, ws)
		if err != nil {
			t.Fatal(err)
		}
		perm := rng.Perm(n)
		pw := make([]Weight, n)
		for k, i := range perm {
			pw[k] = ws[i]
		}
		pgot, err := Apportion(total, pw)
		if err != nil {
			t.Fatal(err)
		}
		exact := exactShares(total, ws, 1)
		// Group items by the fractional part of their exact share (the remainder the
		// largest-remainder step ranks): within a group the tie-break may move the extra unit
		// between items, so compare the number of items rounded up per group, and each item's
		// rounded-down part.
		type group struct{ a, b int }
		groups := map[string]*group{}
		for k, i := range perm {
			fl := new(big.Int).Quo(exact[i].Num(), exact[i].Denom())
			frac := new(big.Rat).Sub(exact[i], new(big.Rat).SetInt(fl))
			key := frac.RatString()
			g := groups[key]
			if g == nil {
				g = &group{}
				groups[key] = g
			}
			g.a += int(got[i] - Money(fl.Int64()))
			g.b += int(pgot[k] - Money(fl.Int64()))
			if frac.Sign() == 0 && (got[i] != pgot[k]) {
				t.Fatalf("iter %d: item %d with a whole exact share got %d and %d", iter, i, got[i], pgot[k])
			}
		}
		for key, g := range groups {
			if g.a != g.b {
				t.Fatalf("iter %d: items with remainder %s were rounded up %d times in input order, %d permuted", iter, key, g.a, g.b)
			}
		}
		// Where a remainder is unique, the item's share does not depend on order at all.
		for k, i := range perm {
			fl := new(big.Int).Quo(exact[i].Num(), exact[i].Denom())
			frac := new(big.Rat).Sub(exact[i], new(big.Rat).SetInt(fl))
			unique := true
			for j := range ws {
				if j != i {
					fj := new(big.Int).Quo(exact[j].Num(), exact[j].Denom())
					if new(big.Rat).Sub(exact[j], new(big.Rat).SetInt(fj)).Cmp(frac) == 0 {
						unique = false
						break
					}
				}
			}
			if unique && got[i] != pgot[k] {
				t.Fatalf("iter %d: item %d (unique remainder) got %d in input order, %d permuted", iter, i, got[i], pgot[k])
			}
		}
		// And the tie-break itself: among equal exact shares the earlier item never gets less.
		for i := range ws {
			for j := i + 1; j < n; j++ {
				if exact[i].Cmp(exact[j]) == 0 && got[i] < got[j] {
					t.Fatalf("iter %d: tie between items %d and %d went to the later one", iter, i, j)
				}
			}
		}
	}
}

func TestApportionCapsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var a, b Apportioner
	b.forceBig = true
	feasible := 0
	for iter := range 4000 {
		n := 1 + rng.IntN(25)
		ws := randomWeights(rng, n)
		r := Rounding(rng.IntN(3))
		unit := r.Unit()
		total := Money(rng.Int64N(1e6)) * unit
		caps := make([]Money, n)
		for i := range caps {
			switch rng.IntN(4) {
			case 0:
				caps[i] = 0
			case 1:
				caps[i] = Money(rng.Int64N(int64(total)/int64(n)*2 + 2))
			default:
				caps[i] = NoCap
			}
		}
		got, err := a.Apportion(nil, total, ws, caps, r)
		ref, errRef := b.Apportion(nil, total, ws, caps, r)
		if (err == nil) != (errRef == nil) {
			t.Fatalf("iter %d: fast err %v, big err %v", iter, err, errRef)
		}
		if err != nil {
			var ce, ceRef *CapShortfallError
			if !errors.As(err, &ce) || !errors.As(errRef, &ceRef) || *ce != *ceRef {
				t.Fatalf("iter %d: %v / %v", iter, err, errRef)
			}
			// The shortfall is real: the rounded-down caps of positive-weight items sum to Room.
			var room Money
			for i := range ws {
				if !ws[i].IsZero() {
					room += min(caps[i]-caps[i]%unit, total)
				}
			}
			if room != ce.Room || ce.Total-ce.Room != ce.Shortfall || ce.Shortfall <= 0 {
				t.Fatalf("iter %d: %+v, room %d", iter, *ce, room)
			}
			continue
		}
		feasible++
		if !slices.Equal(got, ref) {
			t.Fatalf("iter %d: fast %v, big %v (weights %v caps %v)", iter, got, ref, ws, caps)
		}
		var sum Money
		for i, s := range got {
			sum += s
			if s > caps[i] {
				t.Fatalf("iter %d: item %d pays %d over its cap %d", iter, i, s, caps[i])
			}
			if ws[i].IsZero() && s != 0 {
				t.Fatalf("iter %d: zero weight pays %d", iter, s)
			}
		}
		if sum != total {
			t.Fatalf("iter %d: sum %d, total %d", iter, sum, total)
		}
	}
	if feasible < 1000 {
		t.Fatalf("only %d feasible cases: the generator needs tuning", feasible)
	}
}

// TestApportionCapsWaterLevel checks the capped result against its definition: there is a
// rate λ such that every uncapped item is within one unit of λ·w and every item held at its cap
// would get more than its cap at rate λ.
func TestApportionCapsWaterLevel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for iter := range 1000 {
		n := 2 + rng.IntN(10)
		ws := make([]Weight, n)
		caps := make([]Money, n)
		for i := range ws {
			ws[i] = IntWeight(1 + uint64(rng.IntN(9)))
			caps[i] = NoCap
			if rng.IntN(3) == 0 {
				caps[i] = Money(rng.Int64N(3000))
			}
		}
		caps[0] = NoCap
		total := Money(1000 + rng.Int64N(20000))
		got, err := ApportionCapped(total, ws, caps, RoundFen)
		if err != nil {
			t.Fatal(err)
		}
		// λ = (total − Σ capped) / Σ w of the others, where "capped" = held at cap and the
		// cap is below λ·w; find it by trying the sets the result implies.
		rest, restW := total, new(big.Rat)
		held := make([]bool, n)
		for i := range ws {
			if got[i] == caps[i] {
				held[i] = true
				rest -= got[i]
			} else {
				restW.Add(restW, ws[i].Rat())
			}
		}
		if restW.Sign() == 0 {
			continue
		}
		lambda := new(big.Rat).Quo(big.NewRat(int64(rest), 1), restW)
		for i := range ws {
			lw := new(big.Rat).Mul(lambda, ws[i].Rat())
			if held[i] {
				// A held item could also be one whose exact share equals its cap; either way
				// λ·w ≥ cap − 1 unit.
				if lw.Cmp(big.NewRat(int64(caps[i])-1, 1)) < 0 {
					t.Fatalf("iter %d: item %d held at cap %d but λw = %s", iter, i, caps[i], lw.FloatString(3))
				}
				continue
			}
			d := new(big.Rat).Sub(big.NewRat(int64(got[i]), 1), lw)
			if d.Abs(d).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("iter %d: item %d got %d, λw = %s", iter, i, got[i], lw.FloatString(3))
			}
		}
	}
}

func TestApportionBigFallback(t *testing.T) {
	// Denominators that are distinct large primes overflow a 64-bit common denominator.
	ws := []Weight{}
	for _, p := range []uint64{1000003, 1000033, 1000037, 1000039, 1000081} {
		w, _ := NewWeight(1, p)
		ws = append(ws, w)
	}
	var a Apportioner
	if a.scale(ws) {
		t.Fatal("expected these weights to overflow 64 bits")
	}
	got, err := a.Apportion(nil, 1000000, ws, nil, RoundFen)
	if err != nil {
		t.Fatal(err)
	}
	var sum Money
	for i, s := range got {
		sum += s
		if i > 0 && s > got[i-1] { // weights 1/p fall as p rises
			t.Errorf("share %d = %d exceeds share %d = %d", i, s, i-1, got[i-1])
		}
	}
	if sum != 1000000 {
		t.Errorf("sum %d", sum)
	}
	exact := exactShares(1000000, ws, 1)
	for i := range got {
		fl := Money(new(big.Int).Quo(exact[i].Num(), exact[i].Denom()).Int64())
		if got[i] != fl && got[i] != fl+1 {
			t.Errorf("item %d: %d, floor of exact %d", i, got[i], fl)
		}
	}
}

func TestSelectTop(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for iter := range 500 {
		n := 1 + rng.IntN(300)
		keys := make([]remKey, n)
		for i := range keys {
			keys[i] = remKey{rem: uint64(rng.IntN(1 + rng.IntN(50))), idx: int32(i)}
		}
		k := rng.IntN(n + 1)
		sorted := slices.Clone(keys)
		slices.SortFunc(sorted, func(a, b remKey) int {
			if keyBefore(a, b) {
				return -1
			}
			return 1
		})
		sel := slices.Clone(keys)
		if iter%2 == 0 {
			selectTop(sel, k)
		} else {
			heapSelect(sel, k)
		}
		top := slices.Clone(sel[:k])
		slices.SortFunc(top, func(a, b remKey) int {
			if keyBefore(a, b) {
				return -1
			}
			return 1
		})
		if !slices.Equal(top, sorted[:k]) {
			t.Fatalf("iter %d: n %d k %d: got %v want %v", iter, n, k, top, sorted[:k])
		}
	}
}

func FuzzApportion(f *testing.F) {
	f.Add(int64(100), []byte{1, 1, 1}, []byte{}, uint8(0))
	f.Add(int64(60000000), []byte{0, 0, 2, 2, 3, 3, 4, 4, 5, 5}, []byte{255, 255, 0, 10}, uint8(1))
	f.Add(int64(5), []byte{0, 0}, []byte{}, uint8(2))
	f.Fuzz(func(t *testing.T, total int64, wb, cb []byte, r uint8) {
		if len(wb) > 200 {
			wb = wb[:200]
		}
		ws := make([]Weight, len(wb))
		for i, b := range wb {
			ws[i], _ = NewWeight(uint64(b>>2), uint64(b&3)+1)
		}
		var caps []Money
		if len(cb) > 0 {
			caps = make([]Money, len(ws))
			for i := range caps {
				caps[i] = NoCap
				if i < len(cb) && cb[i] != 255 {
					caps[i] = Money(cb[i]) * Money(1+total/256)
				}
			}
		}
		rounding := Rounding(r % 4)
		var a, b Apportioner
		b.forceBig = true
		got, err := a.Apportion(nil, Money(total), ws, caps, rounding)
		ref, errRef := b.Apportion(nil, Money(total), ws, caps, rounding)
		if (err == nil) != (errRef == nil) || !slices.Equal(got, ref) {
			t.Fatalf("fast %v %v, big %v %v", got, err, ref, errRef)
		}
		if err != nil {
			return
		}
		var sum Money
		for i, s := range got {
			sum += s
			if s < 0 || (caps != nil && s > caps[i]) {
				t.Fatalf("item %d: %d (cap %v)", i, s, caps)
			}
		}
		if sum != Money(total) {
			t.Fatalf("sum %d, total %d", sum, total)
		}
	})
}
