package budget

import (
	"context"
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bruteBalance searches every integer allocation and returns the best households-served value.
func bruteBalance(pool Money, claims []Claim, groups []GroupCap) (*big.Rat, bool) {
	n := len(claims)
	lo := make([]Money, n)
	hi := make([]Money, n)
	for i, c := range claims {
		lo[i], hi[i] = c.Min, c.Max
		if hi[i] == 0 {
			hi[i] = c.Need
		}
	}
	gidx := map[string]int{}
	for k, g := range groups {
		gidx[g.Name] = k
	}
	x := make([]Money, n)
	var best *big.Rat
	var rec func(i int, used Money, gsum []Money)
	rec = func(i int, used Money, gsum []Money) {
		if i == n {
			v := new(big.Rat)
			for j, c := range claims {
				v.Add(v, servedRat(c, x[j]))
			}
			if best == nil || v.Cmp(best) > 0 {
				best = v
			}
			return
		}
		for v := lo[i]; v <= hi[i] && used+v <= pool; v++ {
			if g, ok := gidx[claims[i].Group]; ok && claims[i].Group != "" {
				if gsum[g]+v > groups[g].Max {
					break
				}
				gsum[g] += v
				x[i] = v
				rec(i+1, used+v, gsum)
				gsum[g] -= v
				continue
			}
			x[i] = v
			rec(i+1, used+v, gsum)
		}
	}
	rec(0, 0, make([]Money, len(groups)))
	return best, best != nil
}

func TestBalanceBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for iter := range 400 {
		n := 1 + rng.IntN(4)
		claims := make([]Claim, n)
		for i := range claims {
			need := Money(1 + rng.IntN(9))
			c := Claim{ID: string(rune('A' + i)), Need: need, Households: rng.IntN(20)}
			if rng.IntN(3) == 0 {
				c.Min = Money(rng.Int64N(int64(need) + 1))
			}
			if rng.IntN(3) == 0 {
				c.Max = c.Min + Money(rng.Int64N(int64(need-c.Min)+1))
			}
			claims[i] = c
		}
		var groups []GroupCap
		if rng.IntN(2) == 0 {
			groups = []GroupCap{{Name: "g", Max: Money(rng.IntN(15))}}
			for i := range claims {
				if rng.IntN(2) == 0 {
					claims[i].Group = "g"
				}
			}
		}
		pool := Money(rng.IntN(25))
		best, ok := bruteBalance(pool, claims, groups)
		res, err := Balance(context.Background(), pool, claims, groups)
		if !ok {
			if !errors.Is(err, ErrBalance) {
				t.Fatalf("iter %d: brute force finds nothing feasible, Balance says %v", iter, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("iter %d: %v (claims %+v, pool %d, groups %+v)", iter, err, claims, pool, groups)
		}
		if res.Served.Cmp(best) != 0 {
			t.Fatalf("iter %d: served %s, brute force %s (claims %+v, pool %d, groups %+v, got %v)",
				iter, res.Served.RatString(), best.RatString(), claims, pool, groups, res.Amounts)
		}
		checkBalanceFeasible(t, pool, claims, groups, res)
	}
}

func checkBalanceFeasible(t *testing.T, pool Money, claims []Claim, groups []GroupCap, res *Balancing) {
	t.Helper()
	var used Money
	gsum := map[string]Money{}
	for i, c := range claims {
		hi := c.Max
		if hi == 0 {
			hi = c.Need
		}
		if res.Amounts[i] < c.Min || res.Amounts[i] > hi {
			t.Fatalf("claim %s: %s outside %s–%s", c.ID, res.Amounts[i], c.Min, hi)
		}
		used += res.Amounts[i]
		gsum[c.Group] += res.Amounts[i]
	}
	for _, g := range groups {
		if gsum[g.Name] > g.Max {
			t.Fatalf("group %s: %s over cap %s", g.Name, gsum[g.Name], g.Max)
		}
	}
	if used != res.Used || used > pool || res.Left != pool-used {
		t.Fatalf("used %s (reported %s), pool %s, left %s", used, res.Used, pool, res.Left)
	}
}

// greedyServed is the exact optimum for claims without groups: minima first, then the rest of
// the pool to the claims with the most households per fen (a fractional knapsack).
func greedyServed(pool Money, claims []Claim) *big.Rat {
	s := &balanceState{claims: claims, x: make([]Money, len(claims)), grp: make([]int, len(claims))}
	left := pool
	for i, c := range claims {
		s.x[i] = c.Min
		left -= c.Min
	}
	for _, i := range s.order() {
		hi := claims[i].Max
		if hi == 0 {
			hi = claims[i].Need
		}
		d := min(hi-s.x[i], left)
		s.x[i] += d
		left -= d
	}
	v := new(big.Rat)
	for i, c := range claims {
		v.Add(v, servedRat(c, s.x[i]))
	}
	return v
}

func TestBalanceLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for iter := range 30 {
		n := 5 + rng.IntN(60)
		claims := make([]Claim, n)
		var needs Money
		for i := range claims {
			need := Money(100_000_00 + rng.Int64N(5_000_000_00)) // 10万–510万 yuan
			claims[i] = Claim{ID: "c", Need: need, Households: 50 + rng.IntN(1500)}
			if rng.IntN(4) == 0 {
				claims[i].Min = need / 10
			}
			needs += need
		}
		pool := Money(rng.Int64N(int64(needs)))
		for _, c := range claims {
			pool = max(pool, c.Min)
		}
		var minSum Money
		for _, c := range claims {
			minSum += c.Min
		}
		pool = max(pool, minSum)
		res, err := Balance(context.Background(), pool, claims, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkBalanceFeasible(t, pool, claims, nil, res)
		want := greedyServed(pool, claims)
		if res.Served.Cmp(want) != 0 {
			t.Fatalf("iter %d: served %s, greedy optimum %s", iter, res.Served.FloatString(4), want.FloatString(4))
		}
		// The simplex does the work: its rounded solution is already within a household of the
		// optimum before the integer polish.
		lo := make([]Money, n)
		hi := make([]Money, n)
		grp := make([]int, n)
		for i, c := range claims {
			lo[i], hi[i], grp[i] = c.Min, c.Need, -1
		}
		x, err := balanceLP(pool, claims, lo, hi, grp, nil, nil, minSum)
		if err != nil {
			t.Fatal(err)
		}
		lpServed := new(big.Rat)
		for i, c := range claims {
			lpServed.Add(lpServed, servedRat(c, x[i]))
		}
		if d := new(big.Rat).Sub(want, lpServed); d.Abs(d).Cmp(big.NewRat(1, 1)) > 0 {
			t.Fatalf("iter %d: simplex alone serves %s, optimum %s", iter, lpServed.FloatString(4), want.FloatString(4))
		}
	}
}

func TestBalanceExample(t *testing.T) {
	claims := []Claim{
		{ID: "幸福里", Need: 300 * Wan, Households: 600, Group: "east"},    // 2 households per 万
		{ID: "光明村", Need: 200 * Wan, Households: 200, Min: 50 * Wan},    // 1 per 万
		{ID: "和平新村", Need: 100 * Wan, Households: 400, Group: "east"},   // 4 per 万
		{ID: "建设小区", Need: 400 * Wan, Households: 1200, Max: 100 * Wan}, // 3 per 万, capped at 100万
	}
	res, err := Balance(context.Background(), 500*Wan, claims, []GroupCap{{Name: "east", Max: 300 * Wan}})
	if err != nil {
		t.Fatal(err)
	}
	// 光明村 gets its 50万 minimum; then by households per 万: 和平新村 its full 100万, 建设小区 its
	// 100万 maximum, 幸福里 200万 (the east group's cap of 300万 less 和平新村's 100万), and the
	// 50万 left goes to 光明村.
	want := []Money{200 * Wan, 100 * Wan, 100 * Wan, 100 * Wan}
	if diff := cmp.Diff(want, res.Amounts); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if res.Served.Cmp(big.NewRat(400+100+400+300, 1)) != 0 || res.Left != 0 {
		t.Errorf("served %s, left %s", res.Served.RatString(), res.Left)
	}
}

func TestBalanceErrors(t *testing.T) {
	c := []Claim{{ID: "a", Need: 100, Min: 60}, {ID: "b", Need: 100, Min: 50, Group: "g"}}
	for _, tt := range []struct {
		pool   Money
		claims []Claim
		groups []GroupCap
		want   string
	}{
		{100, c, []GroupCap{{"g", 100}}, "cannot balance the pool: the minimum allocations sum to 1.10 yuan, 0.10 yuan more than the pool of 1.00 yuan"},
		{20000, c, []GroupCap{{"g", 40}}, `cannot balance the pool: the minimum allocations of group "g" sum to 0.50 yuan, 0.10 yuan more than its cap of 0.40 yuan`},
		{20000, c, nil, `cannot balance the pool: claim "b" is in group "g", which has no cap`},
		{100, []Claim{{ID: "z", Need: 0}}, nil, `cannot balance the pool: claim "z" needs 0.00 yuan; a need must be positive`},
		{100, []Claim{{ID: "z", Need: 10, Max: 11}}, nil, `cannot balance the pool: claim "z" maximum 0.11 yuan is outside 0–0.10 (its need)`},
		{100, []Claim{{ID: "z", Need: 10, Min: 8, Max: 5}}, nil, `cannot balance the pool: claim "z" minimum 0.08 yuan is above its maximum 0.05 yuan`},
	} {
		_, err := Balance(context.Background(), tt.pool, tt.claims, tt.groups)
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrBalance) {
			t.Errorf("got %v\nwant %s", err, tt.want)
		}
	}
}
