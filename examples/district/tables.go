package main

import (
	"strconv"
	"unicode"
)

// cell is one table cell: its text as shown, and, for numbers, the value a spreadsheet keeps
// with the spreadsheet number format it is shown in.
type cell struct {
	Text  string
	Num   float64
	IsNum bool
	// Format is the spreadsheet's number format code for a number ("0.00", "0.0%",
	// "#,##0.00", "0", or one with literal text such as `"✓ "0" m"`); empty for text or the
	// general format.
	Format string
}

// The spreadsheet number formats the report uses, so that every table shows the same kind of
// figure the same way.
const (
	fmtArea    = "0.00"     // square metres
	fmtRate    = "0.0%"     // ratios 0–1
	fmtMoney   = "#,##0.00" // yuan
	fmtInteger = "0"
)

func txt(s string) cell { return cell{Text: s} }

// num is a number shown with the given decimals and kept whole in the spreadsheet, where it
// shows with the same decimals.
func num(v float64, decimals int) cell {
	f := "0"
	if decimals > 0 {
		f = "0." + zeros(decimals)
	}
	return cell{Text: strconv.FormatFloat(v, 'f', decimals, 64), Num: v, IsNum: true, Format: f}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func integer(n int) cell {
	return cell{Text: strconv.Itoa(n), Num: float64(n), IsNum: true, Format: fmtInteger}
}

// percent shows a ratio (0–1) as a percentage with one decimal; the spreadsheet keeps the ratio.
func percent(r float64) cell {
	return cell{Text: strconv.FormatFloat(100*r, 'f', 1, 64) + "%", Num: r, IsNum: true, Format: fmtRate}
}

// unknown is the cell of a figure the data do not give.
func unknown() cell { return txt("未知") }

// table is one table of the report: a section of report.html and a sheet of district.xlsx.
// Every table prints whole (headers repeated on each page) and gets column widths and number
// formats in the spreadsheet from its cells: a section added through this type needs nothing
// more.
type table struct {
	Sheet   string   // sheet name, at most 31 characters, e.g. "小区指标"
	Title   string   // section heading, Chinese first
	Headers []string // column headers, Chinese first (the spreadsheet's header row)
	Rows    [][]cell
	Note    string // under the table: sources, assumptions, what is synthetic; Chinese first
	// Percent lists the columns holding ratios, formatted as percentages in the spreadsheet
	// (cells made with percent carry that format already).
	Percent map[int]bool
}

func (t *table) add(cells ...cell) { t.Rows = append(t.Rows, cells) }

// Wide reports whether the table has so many columns that it prints on a landscape page.
func (t *table) Wide() bool { return len(t.Headers) > 9 }

// displayWidth is how many columns of a fixed-width grid s takes: East Asian wide and
// full-width characters count two, as Excel, WPS and a terminal draw them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// isWide reports whether r is drawn two columns wide: Han, kana, Hangul, CJK symbols and
// punctuation, and the full-width forms.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return unicode.Is(unicode.Han, r)
}
