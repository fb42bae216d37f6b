package main

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// The embedded money inputs. Prices, funding shares and elevator costs are illustrative, and
// the report says so; subsidies are the sourced presets of package budget.
var (
	//go:embed sample/catalogue.json
	sampleCatalogue []byte
	//go:embed sample/funding.json
	sampleFunding []byte
	//go:embed sample/scheme-lujiazui.json
	sampleSchemeLujiazui []byte
	//go:embed sample/scheme-bupt.json
	sampleSchemeBUPT []byte
)

// results is everything the report shows.
type results struct {
	District    *renovation.District
	Sample      bool // the district is an embedded sample
	Counts      []renovation.HouseholdCounts
	Total       renovation.HouseholdCounts
	Indicators  *renovation.IndicatorReport
	Eligibility []renovation.Eligibility
	Eligible    int // compounds whose status is Eligible
	Rule        renovation.EligibilityRule
	Scope       *renovation.ScopeReport // nil when the district has no scope zone
	LifeCircle  *renovation.LifeCircleReport
	// Covered counts, per compound ID, the radius-table kinds within reach: the map's colour.
	Covered   map[string]int
	Plans     *renovation.ElevatorPlans
	SunHour   float64 // apparent solar time of the shadows on the shaft map, hours
	Ballots   int     // stairwells given generated sample ballots
	Scheme    *budget.Scheme
	Budget    *renovation.ProgrammeBudget
	Catalogue *budget.Catalogue
	Notes     []string
	// LoadNotes are the loader's notes alone (unread names, repairs, buildings left out), also
	// printed on standard error.
	LoadNotes []string
	// Context is what the map draws under the compounds (-context), each feature with a kind
	// property: water, green, road_major or road_minor.
	Context []*geojson.Feature
	// Work is the problem list, the facility-standard checks and a sample's prepayment.
	Work *workResults
	// Pianqu are the 片区 of -pianqu with their sums, nil without it.
	Pianqu []renovation.PianquSummary
}

// progress prints one line per step to w, with the time the step took.
type progress struct {
	w     io.Writer
	step  int
	total int
	start time.Time
	name  string
}

func (p *progress) begin(name string) {
	p.end()
	p.step++
	p.name, p.start = name, time.Now()
	fmt.Fprintf(p.w, "[%d/%d] %s …", p.step, p.total, name)
}

func (p *progress) end() {
	if p.name != "" {
		fmt.Fprintf(p.w, " %s\n", time.Since(p.start).Round(time.Millisecond))
		p.name = ""
	}
}

// readOr returns the file's bytes, or fallback when path is empty.
func readOr(path string, fallback []byte) ([]byte, error) {
	if path == "" {
		return fallback, nil
	}
	return os.ReadFile(path)
}

// analyse loads the district and runs every analysis on it, reporting each step to p.
func analyse(ctx context.Context, o options, p *progress) (*results, error) {
	r := &results{}

	p.begin("loading the district")
	d, loadNotes, err := loadDistrict(ctx, o) // loaders validate what they return
	if err != nil {
		return nil, err
	}
	r.District, r.Sample = d, o.compounds == ""
	d.Name = districtName(o, d)
	for i := range d.Compounds {
		n := renovation.CountHouseholds(&d.Compounds[i])
		r.Counts = append(r.Counts, n)
		r.Total.Add(n)
	}

	p.begin("compound indicators")
	a := renovation.NewAnalyzer(d)
	if r.Indicators, err = a.Indicators(ctx, nil); err != nil {
		return nil, err
	}

	p.begin("eligibility")
	r.Rule = renovation.NationalEligibility()
	if o.cutoff != 0 {
		r.Rule = renovation.EligibilityRule{CutoffYear: o.cutoff, Source: "set with -cutoff"}
	}
	r.Eligibility = renovation.CheckEligibility(d, r.Rule)

	p.begin("programme scope")
	if hasScope(d) {
		if r.Scope, err = a.Scope(ctx, nil); err != nil {
			return nil, err
		}
	}

	p.begin("life-circle coverage (GB 50180-2018)")
	lo := &renovation.LifeCircleOptions{}
	if o.radii != "" {
		b, err := os.ReadFile(o.radii)
		if err != nil {
			return nil, err
		}
		if lo.Radii, err = renovation.ParseRadii(b); err != nil {
			return nil, fmt.Errorf("%s: %w", o.radii, err)
		}
	}
	if r.LifeCircle, err = a.LifeCircle(ctx, lo); err != nil {
		return nil, err
	}
	r.Covered = map[string]int{}
	for _, c := range r.LifeCircle.Compounds {
		for _, f := range c.Reach {
			if f.Covered {
				r.Covered[c.ID]++
			}
		}
	}

	p.begin("elevator plans")
	schemeBytes := sampleSchemeLujiazui
	if o.sample == sample.BUPT {
		schemeBytes = sampleSchemeBUPT
	}
	if schemeBytes, err = readOr(o.scheme, schemeBytes); err != nil {
		return nil, err
	}
	if r.Scheme, err = budget.DecodeScheme(bytes.NewReader(schemeBytes)); err != nil {
		return nil, fmt.Errorf("scheme: %w", err)
	}
	candidates := renovation.ElevatorCandidates(d)
	stairwells := map[renovation.StairwellKey]renovation.StairwellInput{}
	if r.Sample {
		stairwells = sampleBallots(d, candidates)
		r.Ballots = len(stairwells)
	}
	r.SunHour = o.sunHour
	if r.Plans, err = renovation.PlanElevators(ctx, d, renovation.ElevatorPlanOptions{Scheme: *r.Scheme, Stairwells: stairwells, Shafts: shaftOptions()}); err != nil {
		return nil, err
	}

	p.begin("programme budget")
	catBytes, err := readOr(o.catalogue, sampleCatalogue)
	if err != nil {
		return nil, err
	}
	if r.Catalogue, err = budget.DecodeCatalogue(bytes.NewReader(catBytes)); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	fundBytes, err := readOr(o.funding, sampleFunding)
	if err != nil {
		return nil, err
	}
	funding, err := budget.DecodeFunding(bytes.NewReader(fundBytes))
	if err != nil {
		return nil, fmt.Errorf("funding: %w", err)
	}
	if r.Budget, err = renovation.EstimateProgramme(ctx, d, renovation.ProgrammeOptions{
		Catalogue: *r.Catalogue, Eligibility: r.Rule, Funding: funding,
	}); err != nil {
		return nil, err
	}

	for _, e := range r.Eligibility {
		if e.Status == renovation.Eligible {
			r.Eligible++
		}
	}
	if r.Work, err = analyseWork(o, r); err != nil {
		return nil, err
	}
	if r.Pianqu, err = analysePianqu(o, r); err != nil {
		return nil, err
	}
	r.Notes = append(notes(r), loadNotes...)
	r.LoadNotes = loadNotes
	if o.context != "" {
		var crs geo.CRS
		if o.crs != "" {
			if crs, err = geo.ParseCRS(o.crs); err != nil {
				return nil, err
			}
		}
		var ctxNotes []string
		if r.Context, ctxNotes, err = readContext(o.context, crs); err != nil {
			return nil, err
		}
		r.Notes = append(r.Notes, ctxNotes...)
	}
	return r, nil
}

// loadDistrict reads the user's files, or the embedded sample, with the loader's notes of what
// it repaired or left out.
func loadDistrict(ctx context.Context, o options) (*renovation.District, []string, error) {
	if o.compounds == "" {
		if o.buildings != "" || o.households != "" || o.facilities != "" || o.green != "" || o.zones != "" {
			return nil, nil, fmt.Errorf("-buildings, -facilities, -green, -zones and -households need -compounds")
		}
		d, err := sample.Load(o.sample)
		return d, nil, err
	}
	lo := load.Options{Compounds: o.compounds, Buildings: o.buildings, Facilities: o.facilities,
		GreenSpaces: o.green, Zones: o.zones, Households: o.households, LayerCRS: o.layerCRS, Strict: o.strict}
	if o.crs != "" {
		c, err := geo.ParseCRS(o.crs)
		if err != nil {
			return nil, nil, err
		}
		lo.CRS = c
	}
	d, rep, err := load.District(ctx, lo)
	if err != nil {
		return nil, nil, err
	}
	return d, rep.Notes(), nil
}

// districtName is the name the report gives the district: -name, else the data's, else the
// folder the compounds file is in.
func districtName(o options, d *renovation.District) string {
	if o.name != "" {
		return o.name
	}
	if d.Name != "" || o.compounds == "" {
		return d.Name
	}
	dir, err := filepath.Abs(filepath.Dir(o.compounds))
	if err != nil {
		return filepath.Base(filepath.Dir(o.compounds))
	}
	return filepath.Base(dir)
}

func hasScope(d *renovation.District) bool {
	for _, z := range d.Zones {
		if z.Kind == renovation.ZoneScope {
			return true
		}
	}
	return false
}
