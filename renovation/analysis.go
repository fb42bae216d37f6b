package renovation

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// RunProgress says how far an analysis has gone: Done of Total records in the named Stage.
// Stages are "prepare" (projecting compounds into their frames), "indicators", "life circles",
// "scope" and "join".
type RunProgress struct {
	Stage string `json:"stage"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ProgressFunc receives progress reports. Calls are serialised (never two at once), Done grows
// by one at each call within a stage, and the last call of a stage has Done == Total. It runs
// on the analysis's goroutines, so it should return quickly.
type ProgressFunc func(RunProgress)

// RunOptions are the options every analysis takes. The zero value runs on GOMAXPROCS workers
// without progress reports.
type RunOptions struct {
	// Workers is how many compounds are measured at once; 0 means runtime.GOMAXPROCS(0).
	// Results do not depend on it.
	Workers int
	// Progress, if not nil, is called after each compound.
	Progress ProgressFunc
}

func (o RunOptions) workers(n int) int {
	w := o.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, n))
}

// forEach calls fn(worker, i) for i in [0, n) on o.workers(n) goroutines, checking ctx before
// each call and reporting progress after it. worker is in [0, workers), so that fn can keep
// scratch space per worker. fn's errors are per record and do not stop the others; they come
// back in index order. A cancelled ctx stops the run and returns ctx's error.
func forEach(ctx context.Context, n int, o RunOptions, stage string, fn func(worker, i int) error) ([]error, error) {
	if n == 0 {
		return nil, ctx.Err()
	}
	workers := o.workers(n)
	errs := make([]error, n)
	var (
		next atomic.Int64
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	report := func() {
		if o.Progress == nil {
			return
		}
		mu.Lock()
		done++
		o.Progress(RunProgress{Stage: stage, Done: done, Total: n})
		mu.Unlock()
	}
	work := func(w int) {
		defer wg.Done()
		for ctx.Err() == nil {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			errs[i] = fn(w, i)
			report()
		}
	}
	wg.Add(workers)
	for w := 1; w < workers; w++ {
		go work(w)
	}
	work(0)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return errs, nil
}

// MeasureError is a record an analysis could not measure: which compound, which part of it
// (its boundary, a building's footprint, a green space) and why; or, with no compound, which
// facility or zone. Err is
// usually geo.GeometryErrors, so errors.Is(err, geo.ErrSelfIntersection) works.
type MeasureError struct {
	CompoundID string // the compound's ID
	Compound   string // its name or ID, for messages
	What       string // e.g. "boundary", "building 3 footprint", "green space g7"
	Err        error
}

// Error formats the problem as `compound 乳山二村 (c1) building 3 footprint: …`, or
// `facility f7 location: …` when no compound is concerned.
func (e *MeasureError) Error() string {
	var b strings.Builder
	if e.Compound != "" || e.CompoundID != "" {
		b.WriteString("compound ")
		b.WriteString(labelOr(e.Compound, e.CompoundID))
		if e.CompoundID != "" && e.Compound != "" && e.CompoundID != e.Compound {
			fmt.Fprintf(&b, " (%s)", e.CompoundID)
		}
		if e.What != "" {
			b.WriteString(" ")
		}
	}
	b.WriteString(e.What)
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *MeasureError) Unwrap() error { return e.Err }

// MeasureErrors lists every record an analysis could not measure, in model order. An analysis
// that returns it returns no result: fix the data (geo.Repair, or the loader in renovation/load)
// and run it again.
type MeasureErrors []*MeasureError

// Error lists the problems one per line, at most 20 of them.
func (es MeasureErrors) Error() string { return listErrors("records could not be measured", es) }

// Unwrap returns the members, for errors.Is and errors.As.
func (es MeasureErrors) Unwrap() []error { return unwrapAll(es) }

// collect gathers per-record errors, which are MeasureError or MeasureErrors, in order.
func collect(errs []error) error {
	var out MeasureErrors
	for _, err := range errs {
		switch e := err.(type) {
		case nil:
		case *MeasureError:
			out = append(out, e)
		case MeasureErrors:
			out = append(out, e...)
		default:
			out = append(out, &MeasureError{Err: err})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
