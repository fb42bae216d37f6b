package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xiaoqu/xiaoqu/renovation"
)

// analysePianqu groups the compounds into 片区 as -pianqu asks: "auto" joins compounds whose
// boundaries touch or are within -pianqu-gap metres (renovation.GroupPianqu); any other value
// is a CSV file of the planner's own grouping (readPianquFile). It sums households, buildings
// and the programme budget per 片区. Nil when -pianqu is empty.
func analysePianqu(o options, r *results) ([]renovation.PianquSummary, error) {
	var groups []renovation.Pianqu
	var err error
	switch o.pianqu {
	case "":
		return nil, nil
	case "auto":
		if groups, err = renovation.GroupPianqu(r.District, renovation.PianquOptions{Gap: o.pianquGap}); err != nil {
			return nil, fmt.Errorf("-pianqu auto: %w", err)
		}
	default:
		key, err := readPianquFile(o.pianqu)
		if err != nil {
			return nil, err
		}
		if groups, err = renovation.PianquFromKeys(r.District, key); err != nil {
			return nil, fmt.Errorf("%s: %w", o.pianqu, err)
		}
	}
	return renovation.SummarisePianqu(r.District, groups, r.Budget, nil), nil
}

// pianquHeaders are the accepted names of the grouping file's two columns.
var pianquHeaders = [2][]string{{"compound", "小区", "小区名称", "小区编号"}, {"pianqu", "片区", "片区编号", "片区名称"}}

// readPianquFile reads a CSV (UTF-8) of the planner's grouping: a header naming a compound
// column (compound / 小区) and a 片区 column (pianqu / 片区), then one row per compound, the
// compound by ID or name. Errors name the file and row.
func readPianquFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty; want a header with columns compound and pianqu (小区, 片区)", path)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := [2]int{-1, -1}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		for k, names := range pianquHeaders {
			for _, n := range names {
				if strings.EqualFold(h, n) && col[k] < 0 {
					col[k] = i
				}
			}
		}
	}
	if col[0] < 0 || col[1] < 0 {
		return nil, fmt.Errorf("%s: row 1: header %q has no compound (小区) or pianqu (片区) column", path, head)
	}
	key := map[string]string{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if max(col[0], col[1]) >= len(rec) {
			return nil, fmt.Errorf("%s: row %d: %d fields, the compound and 片区 columns are %d and %d", path, row, len(rec), col[0]+1, col[1]+1)
		}
		c, p := strings.TrimSpace(rec[col[0]]), strings.TrimSpace(rec[col[1]])
		if c == "" || p == "" {
			return nil, fmt.Errorf("%s: row %d: empty compound or 片区", path, row)
		}
		if old, ok := key[c]; ok && old != p {
			return nil, fmt.Errorf("%s: row %d: compound %q is already in 片区 %q", path, row, c, old)
		}
		key[c] = p
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return key, nil
}

// jsonPianqu is one 片区 as -json prints it (the contract's keys, exactly).
type jsonPianqu struct {
	ID         string   `json:"id"`
	Compounds  []string `json:"compounds"`
	Households int      `json:"households"`
	BudgetFen  int64    `json:"budget_fen"`
}

// jsonPianquOf is nil (the key left out) when -pianqu was not given.
func jsonPianquOf(ps []renovation.PianquSummary) []jsonPianqu {
	if ps == nil {
		return nil
	}
	out := []jsonPianqu{}
	for _, p := range ps {
		out = append(out, jsonPianqu{ID: p.ID, Compounds: p.Compounds, Households: p.Households, BudgetFen: int64(p.Budget)})
	}
	return out
}
