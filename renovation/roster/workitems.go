package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xuri/excelize/v2"
)

// The columns of a problem list (问题清单): one row per work item, the problem's columns
// repeated on each of its items. Rows with the same 小区, 楼栋, 单元 and 问题 are one problem.
var workColumns = []struct {
	key, chinese string
	aliases      []string
	required     bool
}{
	{"compound", "小区", []string{"小区名称"}, true},
	{"building", "楼栋", []string{"楼号"}, false},
	{"unit", "单元", nil, false},
	{"what", "问题", []string{"问题描述", "problem"}, true},
	{"category", "类别", []string{"改造类别"}, true},
	{"severity", "严重程度", nil, false},
	{"found_on", "发现日期", nil, false},
	{"found_by", "发现人", []string{"发现单位"}, false},
	{"item", "改造项目", []string{"项目编码"}, true},
	{"quantity", "数量", nil, true},
	{"quantity_unit", "计量单位", []string{"单位"}, false},
	{"cost_yuan", "费用（元）", []string{"费用", "费用(元)", "金额"}, false},
	{"responsible", "责任单位", []string{"责任方"}, false},
	{"funding", "资金来源", nil, false},
	{"funder", "出资单位", []string{"出资方"}, false},
	{"deadline", "完成时限", []string{"截止日期"}, false},
	{"status", "状态", []string{"进度"}, true},
	{"synthetic", "模拟数据", nil, false},
}

// workHeaders maps every header a problem list may use, normalised, to its column index.
var workHeaders = func() map[string]int {
	m := map[string]int{}
	for i, c := range workColumns {
		for _, h := range append([]string{c.key, c.chinese}, c.aliases...) {
			m[normaliseHeader(h)] = i
		}
	}
	return m
}()

// ReadWorkItemsFile reads a problem list from a .csv or .xlsx file (see ReadWorkItems).
func ReadWorkItemsFile(path string, opts *Options) ([]renovation.SiteProblem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		return ReadWorkItems(f, path, false, opts)
	case ".xlsx":
		return ReadWorkItems(f, path, true, opts)
	}
	return nil, fmt.Errorf("%s: a problem list must be a .csv or .xlsx file", path)
}

// ReadWorkItems reads a problem list (问题清单) from CSV (UTF-8 or GBK, as rosters) or, with
// xlsx, from the first sheet of a workbook (or Options.Sheet). The header, found in the first
// ten rows, names columns in Chinese or English: 小区 (compound), 问题 (what), 类别 (category:
// 基础类/完善类/提升类 or basic/improvement/upgrading), 改造项目 (item: a catalogue code), 数量
// (quantity, an exact decimal) and 状态 (status: 未开工/实施中/已完成 or planned/in_progress/done)
// are required; 楼栋, 单元, 严重程度 (主要/较重/一般), 发现日期, 发现人, 计量单位 (米, 处 …), 费用（元）
// (empty: the catalogue prices it), 责任单位, 资金来源 (a budget source kind, code or Chinese),
// 出资单位, 完成时限 and 模拟数据 (是/否: the cost is illustrative) are optional. Rows with the
// same 小区, 楼栋, 单元 and 问题 are one problem, in the order first seen; they must agree on the
// problem's columns. On any bad cell it returns nil and Errors naming every one.
func ReadWorkItems(r io.Reader, name string, xlsx bool, opts *Options) ([]renovation.SiteProblem, error) {
	rows, err := tableRows(r, name, xlsx, opts)
	if err != nil {
		return nil, err
	}
	file := name
	var index []int // cell index per column, -1 if absent
	headRow := 0
	for k, row := range rows {
		if k >= maxHeaderSearch {
			break
		}
		idx, found := workHeader(row.cells)
		if found {
			index, headRow = idx, k
			break
		}
	}
	if index == nil {
		return nil, &CellError{File: file, Err: fmt.Errorf("no header row in the first %d rows: expected columns 小区, 问题, 类别, 改造项目, 数量, 状态", maxHeaderSearch)}
	}
	var miss []string
	for i, c := range workColumns {
		if c.required && index[i] < 0 {
			miss = append(miss, c.chinese+" ("+c.key+")")
		}
	}
	if len(miss) > 0 {
		return nil, &CellError{File: file, Row: rows[headRow].row, Err: fmt.Errorf("missing required columns %s", strings.Join(miss, ", "))}
	}
	head := rows[headRow].cells
	var errs Errors
	var out []renovation.SiteProblem
	type key struct{ compound, building, unit, what string }
	at := map[key]int{}
	firstRow := map[key]int{}
	for _, row := range rows[headRow+1:] {
		if blank(row.cells) {
			continue
		}
		cell := func(i int) string {
			if j := index[i]; j >= 0 && j < len(row.cells) {
				return strings.TrimSpace(row.cells[j])
			}
			return ""
		}
		var rowErrs Errors
		bad := func(i int, err error) {
			col := workColumns[i].key
			if j := index[i]; j >= 0 && j < len(head) {
				col = strings.TrimSpace(head[j])
			}
			rowErrs = append(rowErrs, &CellError{File: file, Row: row.row, Column: col, Value: cell(i), Err: err})
		}
		p := renovation.SiteProblem{Compound: cell(0), Building: cell(1), Unit: cell(2), What: cell(3),
			FoundOn: cell(6), FoundBy: cell(7)}
		if p.Compound == "" {
			bad(0, errors.New("empty; name the compound"))
		}
		if p.What == "" {
			bad(3, errors.New("empty; say what is wrong"))
		}
		var ok bool
		if p.Category, ok = parseCategory(cell(4)); !ok {
			bad(4, fmt.Errorf("%q is not 基础类, 完善类 or 提升类", cell(4)))
		}
		if s := cell(5); s != "" {
			if p.Severity, ok = parseSeverity(s); !ok {
				bad(5, fmt.Errorf("%q is not 主要, 较重 or 一般", s))
			}
		}
		if p.FoundOn != "" && !renovation.ValidDate(p.FoundOn) {
			bad(6, fmt.Errorf("%q is not a date YYYY-MM-DD", p.FoundOn))
		}
		it := renovation.WorkItem{Item: cell(8), Unit: cell(10), Responsible: cell(12), Funder: cell(14), Deadline: cell(15)}
		if it.Item == "" {
			bad(8, errors.New("empty; give the catalogue item's code"))
		}
		q, err := budget.ParseWeight(cell(9))
		if err != nil {
			bad(9, err)
		}
		it.Quantity = q
		if s := cell(11); s != "" {
			m, err := budget.ParseMoney(s)
			switch {
			case err != nil:
				bad(11, err)
			case m < 0:
				bad(11, errors.New("negative"))
			}
			it.Cost, it.Priced = m, true
		}
		if s := cell(13); s != "" {
			if it.Funding, ok = budget.ParseSourceKind(s); !ok {
				bad(13, fmt.Errorf("%q is not a funding source kind (居民出资, 地方财政, 原产权单位 …)", s))
			}
		}
		if it.Deadline != "" && !renovation.ValidDate(it.Deadline) {
			bad(15, fmt.Errorf("%q is not a date YYYY-MM-DD", it.Deadline))
		}
		if it.Status, ok = parseWorkStatus(cell(16)); !ok {
			bad(16, fmt.Errorf("%q is not 未开工, 实施中 or 已完成", cell(16)))
		}
		if it.Synthetic, err = parseYesNo(cell(17)); err != nil {
			bad(17, err)
		}
		if len(rowErrs) > 0 {
			errs = append(errs, rowErrs...)
			continue
		}
		k := key{p.Compound, p.Building, p.Unit, p.What}
		if i, seen := at[k]; seen {
			q := &out[i]
			if q.Category != p.Category || q.Severity != p.Severity || q.FoundOn != p.FoundOn || q.FoundBy != p.FoundBy {
				errs = append(errs, &CellError{File: file, Row: row.row, Err: fmt.Errorf("problem %q: category, severity or finding differ from row %d", p.What, firstRow[k])})
				continue
			}
			q.Items = append(q.Items, it)
			continue
		}
		at[k], firstRow[k] = len(out), row.row
		p.Items = []renovation.WorkItem{it}
		out = append(out, p)
		if len(errs) >= maxErrors {
			break
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(out) == 0 {
		return nil, &CellError{File: file, Err: errors.New("no work items below the header")}
	}
	return out, nil
}

// maxErrors bounds how many bad cells a problem list reports, so a file of bad rows cannot
// fill memory.
const maxErrors = 1000

func workHeader(cells []string) ([]int, bool) {
	idx := make([]int, len(workColumns))
	for i := range idx {
		idx[i] = -1
	}
	found := 0
	for j, c := range cells {
		if i, ok := workHeaders[normaliseHeader(c)]; ok && idx[i] < 0 {
			idx[i] = j
			if workColumns[i].required {
				found++
			}
		}
	}
	return idx, found >= 2
}

func parseCategory(s string) (budget.Category, bool) {
	for _, c := range budget.Categories() {
		if s == string(c) || s == c.Chinese() || s+"类" == c.Chinese() {
			return c, true
		}
	}
	return "", false
}

func parseSeverity(s string) (renovation.Severity, bool) {
	for _, v := range []renovation.Severity{renovation.SeverityMain, renovation.SeverityMajor, renovation.SeverityMinor} {
		if s == string(v) || s == v.Chinese() {
			return v, true
		}
	}
	return "", false
}

func parseWorkStatus(s string) (renovation.WorkStatus, bool) {
	for _, v := range []renovation.WorkStatus{renovation.WorkPlanned, renovation.WorkInProgress, renovation.WorkDone} {
		if s == string(v) || s == v.Chinese() {
			return v, true
		}
	}
	return "", false
}

// WriteWorkItemsCSV writes a problem list as UTF-8 CSV with the Chinese headers
// ReadWorkItems reads, one row per work item; costs in yuan.
func WriteWorkItemsCSV(w io.Writer, problems []renovation.SiteProblem) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(workColumns))
	for i, c := range workColumns {
		head[i] = c.chinese
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, p := range problems {
		for _, it := range p.Items {
			cost := ""
			if it.Priced {
				cost = it.Cost.Yuan()
			}
			syn := "否"
			if it.Synthetic {
				syn = "是"
			}
			if err := cw.Write([]string{p.Compound, p.Building, p.Unit, p.What, p.Category.Chinese(), p.Severity.Chinese(),
				p.FoundOn, p.FoundBy, it.Item, it.Quantity.String(), it.Unit, cost, it.Responsible, it.Funding.Chinese(),
				it.Funder, it.Deadline, it.Status.Chinese(), syn}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// tableRow is one row of a sheet with its 1-based number.
type tableRow struct {
	row   int
	cells []string
}

// tableRows reads every row of a CSV or xlsx table, as ReadCSV and ReadXLSX read a roster.
func tableRows(r io.Reader, name string, xlsx bool, opts *Options) ([]tableRow, error) {
	data, err := readAllBounded(r, opts.maxBytes())
	if err != nil {
		return nil, &CellError{File: name, Err: err}
	}
	var out []tableRow
	if xlsx {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, &CellError{File: name, Err: fmt.Errorf("not a readable xlsx workbook: %v", err)}
		}
		defer f.Close()
		sheet := ""
		if opts != nil {
			sheet = opts.Sheet
		}
		if sheet == "" {
			if sheets := f.GetSheetList(); len(sheets) > 0 {
				sheet = sheets[0]
			}
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &CellError{File: name, Err: fmt.Errorf("sheet %q: %v", sheet, err)}
		}
		for i, cells := range rows {
			for k, c := range cells {
				cells[k] = excelPrecision(c)
			}
			out = append(out, tableRow{i + 1, cells})
		}
		return out, nil
	}
	enc := ""
	if opts != nil {
		enc = opts.Encoding
	}
	text, _, err := decodeText(data, enc)
	if err != nil {
		return nil, &CellError{File: name, Err: err}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	embedded := 0
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &CellError{File: name, Row: pe.StartLine, Err: fmt.Errorf("CSV syntax: %v", pe.Err)}
			}
			return nil, &CellError{File: name, Err: err}
		}
		line, _ := cr.FieldPos(0)
		out = append(out, tableRow{line - embedded, cells})
		for _, c := range cells {
			embedded += strings.Count(c, "\n")
		}
	}
}
