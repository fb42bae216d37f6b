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
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/examples/internal/texttable"
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
	var sa shaftArgs
	fs.StringVar(&sa.buildings, "buildings", "", "building geometry `GeoJSON` (polygons with id, storeys): check the stairwell's shaft and the neighbours' sunlight")
	fs.StringVar(&sa.building, "building", "", "with -buildings: the id of the stairwell's building")
	fs.IntVar(&sa.unit, "unit", 1, "with -buildings: the stairwell is this unit, counted from the west end")
	fs.IntVar(&sa.units, "units", 1, "with -buildings: how many units the building has")
	strict := fs.Bool("strict", false, "fail when the roster has a column that is not read (it is named on standard error either way)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: elevator [-households FILE.csv|FILE.xlsx] [-scheme FILE.json] [-json] [-strict]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // -h asked for the usage, which is printed
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "elevator: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if (sa.buildings == "") != (sa.building == "") {
		fmt.Fprintln(stderr, "elevator: -buildings and -building go together")
		return 2
	}
	var geometry *shaftArgs
	if sa.buildings != "" {
		geometry = &sa
	}
	res, shaft, err := compute(*householdsFile, *schemeFile, geometry, *strict, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "elevator:", err)
		return 1
	}
	if shaft != nil {
		if *asJSON {
			b, err := withShaftJSON(res, shaft)
			if err == nil {
				_, err = stdout.Write(b)
			}
			if err != nil {
				fmt.Fprintln(stderr, "elevator:", err)
				return 1
			}
			return 0
		}
		err := writeTable(stdout, res)
		if err == nil {
			err = writeShaft(stdout, shaft)
		}
		if err != nil {
			fmt.Fprintln(stderr, "elevator:", err)
			return 1
		}
		return 0
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
// scheme; given the building geometry (sa), it checks the shaft first and adds the
// neighbours' compensation to the total shared.
func compute(householdsFile, schemeFile string, sa *shaftArgs, strict bool, stderr io.Writer) (*budget.Result, *shaftOut, error) {
	// Files are read through readers, so that the roster's and the scheme's size limits bound
	// what is read, not only what is parsed.
	open := func(path, embeddedName string, embedded []byte) (string, io.ReadCloser, error) {
		if path == "" {
			return embeddedName, io.NopCloser(bytes.NewReader(embedded)), nil
		}
		f, err := os.Open(path)
		return path, f, err
	}
	hName, hFile, err := open(householdsFile, "sample/households.csv (embedded)", sampleHouseholds)
	if err != nil {
		return nil, nil, err
	}
	defer hFile.Close()
	sName, sFile, err := open(schemeFile, "sample/scheme.json (embedded)", sampleScheme)
	if err != nil {
		return nil, nil, err
	}
	defer sFile.Close()
	ro, err := readHouseholds(hName, hFile)
	if err != nil {
		return nil, nil, err
	}
	if len(ro.ignored) > 0 {
		note := fmt.Sprintf("%s: ignored columns %s (the roster reads id, floor, area_m2, hardship_cap_yuan, waive, provident_fund_yuan, or 户号, 楼层, 建筑面积, 困难户上限, 免缴, 公积金)",
			hName, ro.describeIgnored())
		if strict {
			return nil, nil, fmt.Errorf("%s; -strict makes this an error", note)
		}
		fmt.Fprintln(stderr, "elevator: note:", note)
	}
	s, err := budget.DecodeScheme(sFile)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", sName, err)
	}
	if sa == nil {
		res, err := s.Apply(context.Background(), ro.households) // a command runs to its end; Ctrl-C stops the process
		if err != nil {
			return nil, nil, ro.householdError(err)
		}
		return res, nil, nil
	}
	shaft, err := assessShaft(*sa, ro.households, s)
	if err != nil {
		return nil, nil, err
	}
	calc, err := s.Compile()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", sName, err)
	}
	total, err := s.Total.Add(shaft.Compensation)
	if err != nil {
		return nil, nil, err
	}
	res := &budget.Result{}
	if err := calc.ApplyTotal(context.Background(), res, total, ro.households); err != nil {
		return nil, nil, ro.householdError(err)
	}
	return res, shaft, nil
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
	// texttable counts a Chinese character as two columns, as terminals show it, so that IDs
	// such as 一单元401 stay aligned.
	comp := r.CompensationPool != 0
	t := texttable.Table{Header: []string{"id", "floor", "area m²", "weight", "share"}, Right: map[int]bool{}}
	if comp {
		t.Header = append(t.Header, "comp. paid", "comp. received")
	}
	t.Header = append(t.Header, "provident fund", "cash due")
	for i := range t.Header {
		t.Right[i] = true
	}
	var share, paid, recv, pf, cash budget.Money
	for _, h := range r.Households {
		note := ""
		switch {
		case h.Waived:
			note = " (waived)"
		case h.Capped:
			note = " (capped)"
		}
		row := []string{h.ID, strconv.Itoa(h.Floor), h.Area.String(), h.Weight.String(), h.Share.Grouped() + note}
		if comp {
			row = append(row, h.CompensationPaid.Grouped(), h.CompensationReceived.Grouped())
		}
		t.Add(append(row, h.ProvidentFund.Grouped(), h.CashDue.Grouped())...)
		share += h.Share
		paid += h.CompensationPaid
		recv += h.CompensationReceived
		pf += h.ProvidentFund
		cash += h.CashDue
	}
	total := []string{"total", "", "", "", share.Grouped()}
	if comp {
		total = append(total, paid.Grouped(), recv.Grouped())
	}
	t.Add(append(total, pf.Grouped(), cash.Grouped())...)
	if err := t.Write(&b); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%s\n\nHow each amount was derived:\n", r.Summary())
	for i, h := range r.Households {
		fmt.Fprintf(&b, "  %s  %s\n", h.ID, r.Explain(i))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
