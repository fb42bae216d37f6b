// Command elevator splits the cost of retrofitting an elevator (加装电梯) over the households of
// a stairwell, exactly to the fen, by a cost-sharing scheme written as JSON.
//
// Usage:
//
//	go run ./examples/elevator -households FILE.csv -scheme FILE.json [-json]
//
// Without flags it runs an embedded example: a 6-storey stairwell with 2 households a floor, a
// total of 60万 yuan, the Beijing subsidy of 24万, floors 1–2 exempt, weighed by floors climbed.
// Either flag alone replaces only that half of the example. See README.md for the formats.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/xiaoqu/xiaoqu/budget"
)

//go:embed sample/households.csv
var sampleHouseholds []byte

//go:embed sample/scheme.json
var sampleScheme []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program, so that tests can call it: it returns the exit status (0 ok, 1 bad
// input, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("elevator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	householdsFile := fs.String("households", "", "roster `CSV` with columns id, floor, area_m2 [, hardship_cap_yuan, waive, provident_fund_yuan] (default: the embedded sample)")
	schemeFile := fs.String("scheme", "", "cost-sharing scheme `JSON` (default: the embedded sample)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: elevator [-households FILE.csv] [-scheme FILE.json] [-json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "elevator: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	res, err := compute(*householdsFile, *schemeFile, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "elevator:", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(stderr, "elevator:", err)
			return 1
		}
		return 0
	}
	if err := writeTable(stdout, res); err != nil {
		fmt.Fprintln(stderr, "elevator:", err)
		return 1
	}
	return 0
}

// compute reads the two inputs (a file name, or "" for the embedded sample) and applies the
// scheme.
func compute(householdsFile, schemeFile string, stderr io.Writer) (*budget.Result, error) {
	hName, hData := "sample/households.csv (embedded)", sampleHouseholds
	if householdsFile != "" {
		b, err := os.ReadFile(householdsFile)
		if err != nil {
			return nil, err
		}
		hName, hData = householdsFile, b
	}
	sName, sData := "sample/scheme.json (embedded)", sampleScheme
	if schemeFile != "" {
		b, err := os.ReadFile(schemeFile)
		if err != nil {
			return nil, err
		}
		sName, sData = schemeFile, b
	}
	ro, err := readHouseholds(hName, bytes.NewReader(hData))
	if err != nil {
		return nil, err
	}
	if len(ro.ignored) > 0 {
		fmt.Fprintf(stderr, "elevator: note: %s: ignored columns %s (the roster reads id, floor, area_m2, hardship_cap_yuan, waive, provident_fund_yuan)\n",
			hName, strings.Join(ro.ignored, ", "))
	}
	s, err := budget.DecodeScheme(bytes.NewReader(sData))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", sName, err)
	}
	res, err := s.Apply(ro.households)
	if err != nil {
		return nil, ro.householdError(err)
	}
	return res, nil
}

// writeTable prints the result for people: the summary, a table in yuan, and how each amount
// was derived.
func writeTable(w io.Writer, r *budget.Result) error {
	var b strings.Builder
	if r.Name != "" {
		fmt.Fprintf(&b, "%s\n", r.Name)
	}
	fmt.Fprintf(&b, "total %s yuan, subsidy %s, residents pay %s (method %s, rounded to the %s)\n\n",
		r.Total.Grouped(), r.Subsidy.Grouped(), r.Residents.Grouped(), r.Method, r.Rounding)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	comp := r.CompensationPool != 0
	fmt.Fprint(tw, "id\tfloor\tarea m²\tweight\tshare\t")
	if comp {
		fmt.Fprint(tw, "comp. paid\tcomp. received\t")
	}
	fmt.Fprint(tw, "provident fund\tcash due\t\n")
	var share, paid, recv, pf, cash budget.Money
	for _, h := range r.Households {
		note := ""
		switch {
		case h.Waived:
			note = " (waived)"
		case h.Capped:
			note = " (capped)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s%s\t", h.ID, h.Floor, h.Area, h.Weight, h.Share.Grouped(), note)
		if comp {
			fmt.Fprintf(tw, "%s\t%s\t", h.CompensationPaid.Grouped(), h.CompensationReceived.Grouped())
		}
		fmt.Fprintf(tw, "%s\t%s\t\n", h.ProvidentFund.Grouped(), h.CashDue.Grouped())
		share += h.Share
		paid += h.CompensationPaid
		recv += h.CompensationReceived
		pf += h.ProvidentFund
		cash += h.CashDue
	}
	fmt.Fprintf(tw, "total\t\t\t\t%s\t", share.Grouped())
	if comp {
		fmt.Fprintf(tw, "%s\t%s\t", paid.Grouped(), recv.Grouped())
	}
	fmt.Fprintf(tw, "%s\t%s\t\n", pf.Grouped(), cash.Grouped())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%s\n\nHow each amount was derived:\n", r.Summary())
	for i, h := range r.Households {
		fmt.Fprintf(&b, "  %s  %s\n", h.ID, r.Explain(i))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
