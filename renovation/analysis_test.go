package renovation

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProgress: each stage reports every compound once, in order, ending at its total; a
// cancelled context stops the run with its error.
func TestProgress(t *testing.T) {
	d := gridDistrict(rand.New(rand.NewPCG(1, 2)), 5, 4)
	var got []RunProgress
	var mu sync.Mutex
	o := RunOptions{Workers: 3, Progress: func(p RunProgress) {
		mu.Lock() // calls are serialised; the lock only satisfies the race detector's reading
		got = append(got, p)
		mu.Unlock()
	}}
	a := NewAnalyzer(d)
	if _, err := a.Indicators(context.Background(), &IndicatorOptions{RunOptions: o}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.LifeCircle(context.Background(), &LifeCircleOptions{RunOptions: o}); err != nil {
		t.Fatal(err)
	}
	stages := map[string]int{}
	for _, p := range got {
		stages[p.Stage]++
		if p.Total != 20 || p.Done != stages[p.Stage] {
			t.Fatalf("progress %+v after %d of its stage", p, stages[p.Stage]-1)
		}
	}
	if stages["prepare"] != 20 || stages["indicators"] != 20 || stages["life circles"] != 20 || len(stages) != 3 {
		t.Errorf("stages %v", stages)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	stop := RunOptions{Workers: 2, Progress: func(p RunProgress) {
		if n++; n == 5 {
			cancel()
		}
	}}
	if _, err := NewAnalyzer(d).LifeCircle(ctx, &LifeCircleOptions{RunOptions: stop}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
	if n >= 20 {
		t.Errorf("%d compounds measured after cancelling at the 5th", n)
	}
}

// TestAnalyzerConcurrent runs the analyses of one Analyzer at once (run with -race) and checks
// that they agree with runs on their own.
func TestAnalyzerConcurrent(t *testing.T) {
	d := gridDistrict(rand.New(rand.NewPCG(3, 5)), 6, 6)
	want, err := LifeCircle(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnalyzer(d)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	reports := make([]*LifeCircleReport, 3)
	for k := range 3 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			reports[k], errs[2*k] = a.LifeCircle(context.Background(), nil)
		}()
		go func() {
			defer wg.Done()
			_, errs[2*k+1] = a.Indicators(context.Background(), nil)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range reports {
		if diff := cmp.Diff(want, r); diff != "" {
			t.Fatalf("a concurrent run differs (-alone +concurrent):\n%s", diff)
		}
	}
}
