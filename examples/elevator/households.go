package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
)

// maxCSVBytes bounds what readHouseholds reads: a stairwell roster is small, a whole city's
// fits.
const maxCSVBytes = 64 << 20

// columns are the roster's columns; the first three are required.
var columns = []string{"id", "floor", "area_m2", "hardship_cap_yuan", "waive", "provident_fund_yuan"}

// RowError says which file, row (line of the CSV, the header being row 1) and column is wrong.
type RowError struct {
	File   string
	Row    int
	Column string // "" when the whole row is wrong
	Err    error
}

// Error reads like "roster.csv row 17 column area_m2: …".
func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s row %d: %v", e.File, e.Row, e.Err)
	}
	return fmt.Sprintf("%s row %d column %s: %v", e.File, e.Row, e.Column, e.Err)
}

// Unwrap returns the underlying error.
func (e *RowError) Unwrap() error { return e.Err }

// roster is the households read from a CSV file, with the row each came from.
type roster struct {
	file       string
	ignored    []string // header cells that are not roster columns
	households []budget.Household
	rows       []int
}

// readHouseholds reads a roster: UTF-8 CSV, with or without a byte-order mark, a header row
// naming the columns (any order; id, floor and area_m2 required; hardship_cap_yuan, waive and
// provident_fund_yuan optional; other columns are ignored and listed in ignored), one household
// per row. Every wrong value is an error naming
// file, row and column; nothing is skipped.
func readHouseholds(file string, r io.Reader) (*roster, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(b) > maxCSVBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", file, maxCSVBytes)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1 // checked here, with a clearer message
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty; want a header row with %s", file, strings.Join(columns, ","))
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	col := map[string]int{}
	var ignored []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range columns {
			known = known || c == name
		}
		if !known {
			// Stairwell sheets carry more than the split needs (an owner's name, a phone
			// number); such columns are read past, and the caller says which.
			ignored = append(ignored, strings.TrimSpace(h))
			continue
		}
		if _, dup := col[name]; dup {
			return nil, &RowError{File: file, Row: 1, Column: name, Err: errors.New("appears twice")}
		}
		col[name] = i
	}
	for _, c := range columns[:3] {
		if _, ok := col[c]; !ok {
			return nil, &RowError{File: file, Row: 1, Err: fmt.Errorf("no %s column (required: id, floor, area_m2)", c)}
		}
	}
	ro := &roster{file: file, ignored: ignored}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		row, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, &RowError{File: file, Row: row, Err: fmt.Errorf("%d fields, the header has %d", len(rec), len(header))}
		}
		get := func(c string) string {
			if i, ok := col[c]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		bad := func(c string, err error) error { return &RowError{File: file, Row: row, Column: c, Err: err} }
		var h budget.Household
		h.ID = get("id")
		if h.ID == "" {
			return nil, bad("id", errors.New("empty"))
		}
		if prev, dup := seen[h.ID]; dup {
			return nil, bad("id", fmt.Errorf("%q is already used in row %d", h.ID, prev))
		}
		seen[h.ID] = row
		f, err := strconv.Atoi(get("floor"))
		if err != nil || f < 1 || f > budget.MaxFloor {
			return nil, bad("floor", fmt.Errorf("%q is not a floor number from 1 to %d", get("floor"), budget.MaxFloor))
		}
		h.Floor = f
		if h.Area, err = budget.ParseAreaWeight(get("area_m2")); err != nil {
			return nil, bad("area_m2", err)
		}
		if s := get("hardship_cap_yuan"); s != "" {
			m, err := budget.ParseMoney(s)
			if err != nil {
				return nil, bad("hardship_cap_yuan", err)
			}
			if m < 0 {
				return nil, bad("hardship_cap_yuan", fmt.Errorf("%q is negative", s))
			}
			if m == 0 {
				h.Waive = true // a cap of zero is a waiver
			}
			h.HardshipCap = m
		}
		switch s := strings.ToLower(get("waive")); s {
		case "", "no", "n", "false", "0", "否":
		case "yes", "y", "true", "1", "是":
			h.Waive = true
		default:
			return nil, bad("waive", fmt.Errorf("%q is not yes or no", get("waive")))
		}
		if s := get("provident_fund_yuan"); s != "" {
			m, err := budget.ParseMoney(s)
			if err != nil {
				return nil, bad("provident_fund_yuan", err)
			}
			if m < 0 {
				return nil, bad("provident_fund_yuan", fmt.Errorf("%q is negative", s))
			}
			h.ProvidentFund = m
		}
		ro.households = append(ro.households, h)
		ro.rows = append(ro.rows, row)
	}
	if len(ro.households) == 0 {
		return nil, fmt.Errorf("%s: no households after the header", file)
	}
	return ro, nil
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{File: file, Row: pe.Line, Err: fmt.Errorf("column %d: %v", pe.Column, pe.Err)}
	}
	return fmt.Errorf("%s: %w", file, err)
}

// householdError turns an error from applying the scheme into one naming the CSV row.
func (ro *roster) householdError(err error) error {
	var he *budget.HouseholdError
	if errors.As(err, &he) && he.Index >= 0 && he.Index < len(ro.rows) {
		return fmt.Errorf("%s row %d (id %q): %w", ro.file, ro.rows[he.Index], he.ID, err)
	}
	return fmt.Errorf("%s: %w", ro.file, err)
}
