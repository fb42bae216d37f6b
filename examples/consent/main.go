// Command consent tallies an owners' vote under the Civil Code Art. 278 (or another consent
// rule) from a CSV roster, and says what it would take to pass.
//
//	go run ./examples/consent -parts FILE.csv -rule RULE -json
//
// Without flags it tallies an embedded sample stairwell and prints a readable report in
// Chinese and English. See README.md for the input format and the JSON output.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xiaoqu/xiaoqu/survey"
	"github.com/xiaoqu/xiaoqu/table"
	"github.com/xiaoqu/xiaoqu/table/xlsx"
)

//go:embed sample.csv
var sample string

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program: it returns the exit status (0 tallied, 1 bad input, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("consent", flag.ContinueOnError)
	fs.SetOutput(stderr)
	parts := fs.String("parts", "", "CSV roster of exclusive parts with votes (default: the embedded sample stairwell)")
	ruleName := fs.String("rule", "civil-code-2021-major", "consent rule: a preset name (see -list) or a JSON rule file ending in .json")
	asJSON := fs.Bool("json", false, "print the result as one JSON object instead of a readable report")
	list := fs.Bool("list", false, "list the preset rules and exit")
	strict := fs.Bool("strict", false, "fail when the roster has a column that is not read (it is named on standard error either way)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: consent [-parts FILE.csv|FILE.xlsx] [-rule RULE] [-json] [-list] [-strict]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // -h asked for the usage, which is printed
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "consent: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *list {
		for _, r := range survey.Presets() {
			fmt.Fprintf(stdout, "%-34s %s (%s)\n", r.Name, r.Title, r.Date)
		}
		return 0
	}
	rule, err := loadRule(*ruleName)
	if err != nil {
		fmt.Fprintf(stderr, "consent: %v\n", err)
		if errors.Is(err, survey.ErrUnknownRule) {
			return 2
		}
		return 1
	}

	var in io.Reader = strings.NewReader(sample)
	name := "sample.csv"
	if *parts != "" {
		f, err := os.Open(*parts)
		if err != nil {
			fmt.Fprintf(stderr, "consent: %v\n", err)
			return 1
		}
		defer f.Close()
		in, name = f, *parts
	}
	roster, err := readParts(in, name)
	if err != nil {
		fmt.Fprintf(stderr, "consent: %v\n", err)
		return 1
	}
	for _, h := range roster.Ignored {
		note := fmt.Sprintf("%s: column %q is not read", name, h)
		if near := table.Nearest(h, survey.RosterHeaders()); near != "" {
			note += fmt.Sprintf(" — did you mean %q?", near)
		}
		if *strict {
			fmt.Fprintf(stderr, "consent: %s; -strict makes this an error\n", note)
			return 1
		}
		fmt.Fprintf(stderr, "consent: note: %s\n", note)
	}
	res, err := survey.Tally(roster.Poll(), rule)
	if err != nil {
		fmt.Fprintf(stderr, "consent: %s: %v\n", name, err)
		return 1
	}
	if *asJSON {
		b, err := res.MarshalIndent()
		if err != nil {
			fmt.Fprintf(stderr, "consent: %v\n", err)
			return 1
		}
		stdout.Write(b)
		return 0
	}
	if *parts == "" {
		fmt.Fprintln(stdout, "示例楼道 Sample stairwell: 3号楼2单元, 6 storeys × 2 flats (embedded sample.csv)")
		fmt.Fprintln(stdout)
	}
	if err := res.WriteReport(stdout, rule); err != nil {
		fmt.Fprintf(stderr, "consent: %v\n", err)
		return 1
	}
	return 0
}

// loadRule returns the preset called name, or the rule in the JSON file name if it ends in
// ".json".
func loadRule(name string) (survey.Rule, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".json") {
		return survey.Preset(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return survey.Rule{}, err
	}
	defer f.Close()
	r, err := survey.DecodeRule(f)
	if err != nil {
		return survey.Rule{}, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

// readParts reads the parts roster: an xlsx workbook when name ends in .xlsx, else CSV (UTF-8
// or GBK), both by the rules of package table.
func readParts(in io.Reader, name string) (survey.Roster, error) {
	if !strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		return survey.ReadRoster(in, name)
	}
	s, err := xlsx.Open(in, name, nil)
	if err != nil {
		return survey.Roster{}, err
	}
	defer s.Close()
	return survey.ReadRosterTable(s)
}
