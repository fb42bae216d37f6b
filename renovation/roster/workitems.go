package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/table"
	"github.com/xiaoqu/xiaoqu/table/xlsx"
)

// workColumns are the columns of a problem list (问题清单): one row per work item, the
// problem's columns repeated on each of its items. Rows with the same 小区, 楼栋, 单元 and 问题
// are one problem.
var workColumns = []table.Column{
	{Key: "compound", Names: []string{"小区", "小区名称"}, Required: true},
	{Key: "building", Names: []string{"楼栋", "楼号"}},
	{Key: "unit", Names: []string{"单元"}},
	{Key: "what", Names: []string{"问题", "问题描述", "problem"}, Required: true},
	{Key: "category", Names: []string{"类别", "改造类别"}, Required: true},
	{Key: "severity", Names: []string{"严重程度"}},
	{Key: "found_on", Names: []string{"发现日期"}},
	{Key: "found_by", Names: []string{"发现人", "发现单位"}},
	{Key: "item", Names: []string{"改造项目", "项目编码"}, Required: true},
	{Key: "quantity", Names: []string{"数量"}, Required: true},
	{Key: "quantity_unit", Names: []string{"计量单位", "单位"}},
	{Key: "cost_yuan", Names: []string{"费用", "金额"}},
	{Key: "responsible", Names: []string{"责任单位", "责任方"}},
	{Key: "funding", Names: []string{"资金来源"}},
	{Key: "funder", Names: []string{"出资单位", "出资方"}},
	{Key: "deadline", Names: []string{"完成时限", "截止日期"}},
	{Key: "status", Names: []string{"状态", "进度"}, Required: true},
	{Key: "synthetic", Names: []string{"模拟数据"}},
}

// workHeadings are the Chinese headers WriteWorkItemsCSV writes, in workColumns order.
var workHeadings = []string{"小区", "楼栋", "单元", "问题", "类别", "严重程度", "发现日期", "发现人", "改造项目", "数量",
	"计量单位", "费用（元）", "责任单位", "资金来源", "出资单位", "完成时限", "状态", "模拟数据"}

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

// ReadWorkItems reads a problem list (问题清单) from CSV or, with xlsx, from a workbook's sheet,
// by package table's rules (encodings, title rows, cell counts). Columns, in Chinese or
// English: 小区 (compound), 问题 (what), 类别 (category: 基础类/完善类/提升类 or
// basic/improvement/upgrading), 改造项目 (item: a catalogue code), 数量 (quantity, an exact
// decimal) and 状态 (status: 未开工/实施中/已完成 or planned/in_progress/done) are required;
// 楼栋, 单元, 严重程度 (主要/较重/一般), 发现日期, 发现人, 计量单位 (米, 处 …), 费用（元） (empty: the
// catalogue prices it), 责任单位, 资金来源 (a budget source kind, code or Chinese), 出资单位,
// 完成时限 and 模拟数据 (是/否: the cost is illustrative) are optional. Rows with the same 小区,
// 楼栋, 单元 and 问题 are one problem, in the order first seen, and must agree on its columns.
// On any bad cell it returns nil and Errors naming every one.
func ReadWorkItems(r io.Reader, name string, xlsxFile bool, opts *Options) ([]renovation.SiteProblem, error) {
	var src table.Source
	if xlsxFile {
		var xopts xlsx.Options
		if opts != nil {
			xopts = xlsx.Options{Sheet: opts.Sheet, MaxBytes: opts.MaxBytes, MaxUnpacked: opts.MaxUnpacked}
		}
		s, err := xlsx.Open(r, name, &xopts)
		if err != nil {
			return nil, err
		}
		defer s.Close()
		src = s
	} else {
		var topts *table.Options
		if opts != nil {
			topts = &table.Options{Encoding: opts.Encoding, MaxBytes: opts.MaxBytes}
		}
		s, err := table.NewCSV(r, name, topts)
		if err != nil {
			return nil, err
		}
		src = s
	}
	tr, err := table.NewReader(src, workColumns)
	if err != nil {
		return nil, err
	}
	var errs Errors
	var out []renovation.SiteProblem
	type key struct{ compound, building, unit, what string }
	at := map[key]int{}
	firstRow := map[key]int{}
	for { // to the end, so that errs counts every problem past table.MaxErrors
		rec, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var ce *CellError
			if !errors.As(err, &ce) {
				return nil, err
			}
			errs.Add(ce)
			continue
		}
		p, it, rowErrs := parseWorkRow(rec)
		if len(rowErrs) > 0 {
			for _, e := range rowErrs {
				errs.Add(e)
			}
			continue
		}
		k := key{p.Compound, p.Building, p.Unit, p.What}
		if i, seen := at[k]; seen {
			q := &out[i]
			if q.Category != p.Category || q.Severity != p.Severity || q.FoundOn != p.FoundOn || q.FoundBy != p.FoundBy {
				errs.Add(rec.RowError(fmt.Errorf("problem %q: category, severity or finding differ from row %d", p.What, firstRow[k])))
				continue
			}
			q.Items = append(q.Items, it)
			continue
		}
		at[k], firstRow[k] = len(out), rec.Row
		p.Items = []renovation.WorkItem{it}
		out = append(out, p)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// parseWorkRow reads one row: the problem's columns and its work item.
func parseWorkRow(rec table.Record) (renovation.SiteProblem, renovation.WorkItem, []*CellError) {
	var errs []*CellError
	bad := func(key string, err error) { errs = append(errs, rec.Error(key, err)) }
	p := renovation.SiteProblem{Compound: rec.Get("compound"), Building: rec.Get("building"), Unit: rec.Get("unit"),
		What: rec.Get("what"), FoundOn: rec.Get("found_on"), FoundBy: rec.Get("found_by")}
	if p.Compound == "" {
		bad("compound", errors.New("empty; name the compound"))
	}
	if p.What == "" {
		bad("what", errors.New("empty; say what is wrong"))
	}
	var ok bool
	if p.Category, ok = parseCategory(rec.Get("category")); !ok {
		bad("category", fmt.Errorf("%q is not 基础类, 完善类 or 提升类", rec.Get("category")))
	}
	if s := rec.Get("severity"); s != "" {
		if p.Severity, ok = parseSeverity(s); !ok {
			bad("severity", fmt.Errorf("%q is not 主要, 较重 or 一般", s))
		}
	}
	if p.FoundOn != "" && !renovation.ValidDate(p.FoundOn) {
		bad("found_on", fmt.Errorf("%q is not a date YYYY-MM-DD", p.FoundOn))
	}
	it := renovation.WorkItem{Item: rec.Get("item"), Unit: rec.Get("quantity_unit"), Responsible: rec.Get("responsible"),
		Funder: rec.Get("funder"), Deadline: rec.Get("deadline")}
	if it.Item == "" {
		bad("item", errors.New("empty; give the catalogue item's code"))
	}
	q, err := budget.ParseWeight(rec.Get("quantity"))
	if err != nil {
		bad("quantity", err)
	}
	it.Quantity = q
	if s := rec.Get("cost_yuan"); s != "" {
		m, err := budget.ParseMoney(s)
		switch {
		case err != nil:
			bad("cost_yuan", err)
		case m < 0:
			bad("cost_yuan", errors.New("negative"))
		}
		it.Cost, it.Priced = m, true
	}
	if s := rec.Get("funding"); s != "" {
		if it.Funding, ok = budget.ParseSourceKind(s); !ok {
			bad("funding", fmt.Errorf("%q is not a funding source kind (居民出资, 地方财政, 原产权单位 …)", s))
		}
	}
	if it.Deadline != "" && !renovation.ValidDate(it.Deadline) {
		bad("deadline", fmt.Errorf("%q is not a date YYYY-MM-DD", it.Deadline))
	}
	if it.Status, ok = parseWorkStatus(rec.Get("status")); !ok {
		bad("status", fmt.Errorf("%q is not 未开工, 实施中 or 已完成", rec.Get("status")))
	}
	if it.Synthetic, err = table.ParseYesNo(rec.Get("synthetic")); err != nil {
		bad("synthetic", err)
	}
	return p, it, errs
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
	if err := cw.Write(workHeadings); err != nil {
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
