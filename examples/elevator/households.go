package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/table"
	"github.com/xiaoqu/xiaoqu/table/xlsx"
)

// columns are the roster's columns, in English and Chinese; id, floor and area_m2 are
// required.
var columns = []table.Column{
	{Key: "id", Names: []string{"户号", "房号", "household"}, Required: true},
	{Key: "floor", Names: []string{"楼层", "所在楼层", "层"}, Required: true},
	{Key: "area_m2", Names: []string{"建筑面积", "面积", "专有面积", "area"}, Required: true},
	{Key: "hardship_cap_yuan", Names: []string{"困难户上限", "分摊上限", "hardship_cap"}},
	{Key: "waive", Names: []string{"免缴", "减免"}},
	{Key: "provident_fund_yuan", Names: []string{"公积金", "住房公积金", "provident_fund"}},
}

// roster is the households read from a table, with the row each came from.
type roster struct {
	file       string
	ignored    []string // header cells that are not roster columns
	households []budget.Household
	rows       []int
}

// readHouseholds reads a roster by the rules of package table — CSV in UTF-8 (with or without
// a byte-order mark) or GBK, or an xlsx workbook when file ends in .xlsx; a title row above
// the header skipped — with a header naming the columns in English or Chinese (any order; id,
// floor and area_m2 required; hardship_cap_yuan, waive and provident_fund_yuan optional;
// other columns are read past and listed in ignored), one household per row. Every wrong
// value is an error naming file, row and column; nothing is skipped.
func readHouseholds(file string, r io.Reader) (*roster, error) {
	var src table.Source
	if strings.HasSuffix(strings.ToLower(file), ".xlsx") {
		s, err := xlsx.Open(r, file, nil)
		if err != nil {
			return nil, err
		}
		defer s.Close()
		src = s
	} else {
		s, err := table.NewCSV(r, file, nil)
		if err != nil {
			return nil, err
		}
		src = s
	}
	t, err := table.NewReader(src, columns)
	if err != nil {
		return nil, err
	}
	ro := &roster{file: t.File(), ignored: t.Unread()}
	seen := map[string]int{}
	var errs table.Errors
	for { // to the end, so that errs counts every problem past table.MaxErrors
		rec, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var ce *table.CellError
			if !errors.As(err, &ce) {
				ce = &table.CellError{File: t.File(), Err: err}
			}
			errs.Add(ce)
			continue
		}
		bad := func(c string, err error) { errs.Add(rec.Error(c, err)) }
		var h budget.Household
		h.ID = rec.Get("id")
		if h.ID == "" {
			bad("id", errors.New("empty"))
		} else if prev, dup := seen[h.ID]; dup {
			bad("id", fmt.Errorf("%q is already used in row %d", h.ID, prev))
		} else {
			seen[h.ID] = rec.Row
		}
		f, err := strconv.Atoi(rec.Get("floor"))
		if err != nil || f < 1 || f > budget.MaxFloor {
			bad("floor", fmt.Errorf("%q is not a floor number from 1 to %d", rec.Get("floor"), budget.MaxFloor))
		}
		h.Floor = f
		if h.Area, err = budget.ParseAreaWeight(rec.Get("area_m2")); err != nil {
			bad("area_m2", err)
		}
		if s := rec.Get("hardship_cap_yuan"); s != "" {
			m, err := budget.ParseMoney(s)
			switch {
			case err != nil:
				bad("hardship_cap_yuan", err)
			case m < 0:
				bad("hardship_cap_yuan", fmt.Errorf("%q is negative", s))
			}
			// 0 is no cap, as in budget.Household; the waive column waives.
			h.HardshipCap = m
		}
		if w, err := table.ParseYesNo(rec.Get("waive")); err != nil {
			bad("waive", err)
		} else if w {
			h.Waive = true
		}
		if s := rec.Get("provident_fund_yuan"); s != "" {
			m, err := budget.ParseMoney(s)
			switch {
			case err != nil:
				bad("provident_fund_yuan", err)
			case m < 0:
				bad("provident_fund_yuan", fmt.Errorf("%q is negative", s))
			}
			h.ProvidentFund = m
		}
		if len(errs) > 0 { // this row or an earlier one is bad: nothing will be returned
			continue
		}
		ro.households = append(ro.households, h)
		ro.rows = append(ro.rows, rec.Row)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ro, nil
}

// describeIgnored lists the ignored columns, each with the nearest column the roster reads.
func (ro *roster) describeIgnored() string {
	var names []string
	for _, c := range columns {
		names = append(names, c.Key)
		names = append(names, c.Names...)
	}
	parts := make([]string, len(ro.ignored))
	for i, h := range ro.ignored {
		parts[i] = h
		if near := table.Nearest(h, names); near != "" {
			parts[i] += fmt.Sprintf(" (did you mean %q?)", near)
		}
	}
	return strings.Join(parts, ", ")
}

// householdError turns an error from applying the scheme into one naming the CSV row.
func (ro *roster) householdError(err error) error {
	var he *budget.HouseholdError
	if errors.As(err, &he) && he.Index >= 0 && he.Index < len(ro.rows) {
		return fmt.Errorf("%s row %d (id %q): %w", ro.file, ro.rows[he.Index], he.ID, err)
	}
	return fmt.Errorf("%s: %w", ro.file, err)
}
