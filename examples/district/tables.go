package main

import (
	"strconv"
)

// cell is one table cell: its text as shown, and, for numbers, the value a spreadsheet keeps.
type cell struct {
	Text  string
	Num   float64
	IsNum bool
}

func txt(s string) cell { return cell{Text: s} }

// num is a number shown with the given decimals and kept whole in the spreadsheet.
func num(v float64, decimals int) cell {
	return cell{Text: strconv.FormatFloat(v, 'f', decimals, 64), Num: v, IsNum: true}
}

func integer(n int) cell { return cell{Text: strconv.Itoa(n), Num: float64(n), IsNum: true} }

// percent shows a ratio (0–1) as a percentage with one decimal; the spreadsheet keeps the ratio.
func percent(r float64) cell {
	return cell{Text: strconv.FormatFloat(100*r, 'f', 1, 64) + "%", Num: r, IsNum: true}
}

// table is one table of the report: a section of report.html and a sheet of district.xlsx.
type table struct {
	Sheet   string   // sheet name, at most 31 characters, e.g. "小区指标"
	Title   string   // section heading, Chinese and English
	Headers []string // column headers, Chinese first (the spreadsheet's header row)
	Rows    [][]cell
	Note    string // under the table: sources, assumptions, what is synthetic
	// Percent lists the columns holding ratios, formatted as percentages in the spreadsheet.
	Percent map[int]bool
}

func (t *table) add(cells ...cell) { t.Rows = append(t.Rows, cells) }

// scrollRows is the length beyond which the HTML report puts a table in a scrolling box.
const scrollRows = 40

// Scroll reports whether the HTML report scrolls the table rather than printing it whole.
func (t *table) Scroll() bool { return len(t.Rows) > scrollRows }
