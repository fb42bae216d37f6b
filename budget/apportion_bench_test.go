package budget

import (
	"math/rand/v2"
	"testing"
)

// millionWeights returns 1,000,000 exclusive areas of 30.00–150.00 m² (two decimals), seeded.
func millionWeights() []Weight {
	rng := rand.New(rand.NewPCG(1, 2))
	ws := make([]Weight, 1_000_000)
	for i := range ws {
		ws[i], _ = NewWeight(uint64(3000+rng.IntN(12001)), 100)
	}
	return ws
}

// BenchmarkApportion splits 80亿 yuan (8×10¹¹ fen) over 1,000,000 areas with a
// fresh result each time, as a one-off caller would.
func BenchmarkApportion(b *testing.B) {
	ws := millionWeights()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apportion(800_000_000_000, ws); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApportionReuse is the same split with an Apportioner and result reused: no
// allocation per call.
func BenchmarkApportionReuse(b *testing.B) {
	ws := millionWeights()
	var a Apportioner
	dst := make([]Money, len(ws))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if dst, err = a.Apportion(dst, 800_000_000_000, ws, nil, RoundFen); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApportionCapped adds a hardship cap to one item in a hundred.
func BenchmarkApportionCapped(b *testing.B) {
	ws := millionWeights()
	caps := make([]Money, len(ws))
	for i := range caps {
		caps[i] = NoCap
		if i%100 == 0 {
			caps[i] = 500_000 // 5,000 yuan
		}
	}
	var a Apportioner
	dst := make([]Money, len(ws))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if dst, err = a.Apportion(dst, 800_000_000_000, ws, caps, RoundFen); err != nil {
			b.Fatal(err)
		}
	}
}
