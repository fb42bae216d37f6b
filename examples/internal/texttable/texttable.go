// Package texttable prints aligned text tables for the example programs, counting Chinese
// characters as two columns wide as terminals show them.
package texttable

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Table is a text table: a header row and data rows, each cell a string. Columns whose
// header is in Right are right-aligned (numbers).
type Table struct {
	Header []string
	Rows   [][]string
	Right  map[int]bool
}

// Add appends a row.
func (t *Table) Add(cells ...string) { t.Rows = append(t.Rows, cells) }

// Width returns how many terminal columns s occupies: East Asian wide and full-width
// characters count two.
func Width(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < 0x20:
		case unicode.Is(unicode.Han, r), r >= 0x3000 && r <= 0x30FF, r >= 0xFF00 && r <= 0xFF60, r >= 0xAC00 && r <= 0xD7A3:
			w += 2
		default:
			w++
		}
	}
	return w
}

// Write prints the table to w with two spaces between columns and a rule under the header.
func (t *Table) Write(w io.Writer) error {
	widths := make([]int, len(t.Header))
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(c))
		}
	}
	line := func(row []string) string {
		var b strings.Builder
		for i, wd := range widths {
			c := ""
			if i < len(row) {
				c = row[i]
			}
			pad := strings.Repeat(" ", wd-Width(c))
			if t.Right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
			if i < len(widths)-1 {
				b.WriteString("  ")
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	total := 0
	for _, wd := range widths {
		total += wd
	}
	total += 2 * (len(widths) - 1)
	if _, err := fmt.Fprintln(w, line(t.Header)); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(w, strings.Repeat("─", total)); err != nil {
		return err
	}
	for _, row := range t.Rows {
		if _, err := fmt.Fprintln(w, line(row)); err != nil {
			return err
		}
	}
	return nil
}
