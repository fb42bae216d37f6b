package roster

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
	"github.com/xiaoqu/xiaoqu/table"
)

// Options tune reading. The zero value (or nil) detects the encoding, reads the first sheet
// and bounds files at DefaultMaxBytes.
type Options struct {
	// Encoding forces the text encoding of a CSV file: "utf-8" or "gbk" (read as GB18030).
	// Empty detects it.
	Encoding string
	// Sheet names the xlsx sheet to read; empty reads the first.
	Sheet string
	// MaxBytes bounds the file size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxUnpacked bounds what an xlsx workbook unpacks to; 0 means xlsx.DefaultMaxUnpacked.
	MaxUnpacked int64
}

// Roster is a household roster read from one file.
type Roster struct {
	// File is the name the caller gave, used in messages.
	File string
	// Encoding is the text encoding found: EncodingUTF8, EncodingUTF8BOM or EncodingGB18030
	// for CSV; "xlsx" for a workbook.
	Encoding string
	// Ignored lists the headers the roster did not recognise; their columns were not read.
	Ignored []string
	Entries []Entry
}

// Entry is one row of a roster: a household and where it is.
type Entry struct {
	// Row is the 1-based row number in the file, as a spreadsheet shows it.
	Row int
	// Compound is the 小区 column: a compound's ID or name; empty when the file has no such
	// column (a roster of one compound).
	Compound  string
	Building  string
	Unit      string
	Household renovation.Household
}

// readTable turns the rows of src into a Roster, collecting every problem.
func readTable(src table.Source) (*Roster, error) {
	t, err := table.NewReader(src, tableColumns)
	if err != nil {
		return nil, err
	}
	file := t.File()
	r := &Roster{File: file, Ignored: t.Unread()}
	var errs Errors
	type key struct{ compound, building, unit, id string }
	firstRow := map[key]int{}
	for { // to the end, so that errs counts every problem past table.MaxErrors
		rec, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var ce *CellError
			if !errors.As(err, &ce) {
				ce = &CellError{File: file, Err: err}
			}
			errs.Add(ce)
			continue
		}
		e, rowErrs := parseRow(rec)
		for _, re := range rowErrs {
			errs.Add(re)
		}
		if len(rowErrs) > 0 {
			continue
		}
		k := key{e.Compound, e.Building, e.Unit, e.Household.ID}
		if prev, dup := firstRow[k]; dup {
			errs.Add(rec.Error(ColID.String(), fmt.Errorf("duplicate household %q in building %s unit %s (first on row %d)", e.Household.ID, e.Building, e.Unit, prev)))
			continue
		}
		firstRow[k] = rec.Row
		r.Entries = append(r.Entries, e)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// parseRow reads one data row, returning every bad cell.
func parseRow(rec table.Record) (Entry, Errors) {
	var (
		errs Errors
		cols []int // the file's column index of each error, to report them left to right
	)
	cell := func(c Column) string { return rec.Get(c.String()) }
	bad := func(c Column, err error) {
		errs = append(errs, rec.Error(c.String(), err))
		cols = append(cols, rec.Cell(c.String()))
	}

	e := Entry{Row: rec.Row, Compound: cell(ColCompound), Building: cell(ColBuilding), Unit: cell(ColUnit)}
	hh := &e.Household
	hh.ID = cell(ColID)
	hh.Room = cell(ColRoom)
	hh.OwnerID = cell(ColOwner)
	for _, c := range []Column{ColID, ColBuilding, ColUnit} {
		if cell(c) == "" {
			bad(c, errors.New("is empty"))
		}
	}
	var err error
	if hh.Floor, err = parseCount(cell(ColFloor), "层", "F", "f", "楼"); err != nil {
		bad(ColFloor, err)
	}
	if hh.Area, err = survey.ParseArea(cell(ColArea)); err != nil {
		bad(ColArea, err)
	}
	if hh.AreaSource, err = survey.ParseAreaSource(cell(ColAreaSource)); err != nil {
		bad(ColAreaSource, err)
	}
	if hh.Status, err = survey.ParseStatus(cell(ColStatus)); err != nil {
		bad(ColStatus, err)
	}
	if hh.Tenure, err = renovation.ParseTenure(cell(ColTenure)); err != nil {
		bad(ColTenure, err)
	}
	if s := cell(ColResidents); s != "" {
		if hh.Residents, err = parseCount(s, "人"); err != nil {
			bad(ColResidents, err)
		} else if hh.Residents < 0 {
			bad(ColResidents, fmt.Errorf("%d residents is negative", hh.Residents))
		}
	}
	if s := cell(ColOldestAge); s != "" {
		if hh.OldestAge, err = parseCount(s, "岁"); err != nil {
			bad(ColOldestAge, err)
		} else if hh.OldestAge < 0 || hh.OldestAge > 130 {
			bad(ColOldestAge, fmt.Errorf("age %d is out of range 0–130", hh.OldestAge))
		}
	}
	if hh.Synthetic, err = table.ParseYesNo(cell(ColSynthetic)); err != nil {
		bad(ColSynthetic, err)
	}
	sort.Stable(byColumn{errs, cols})
	return e, errs
}

// byColumn sorts a row's errors by the file's column order.
type byColumn struct {
	errs Errors
	cols []int
}

func (b byColumn) Len() int           { return len(b.errs) }
func (b byColumn) Less(i, j int) bool { return b.cols[i] < b.cols[j] }
func (b byColumn) Swap(i, j int) {
	b.errs[i], b.errs[j] = b.errs[j], b.errs[i]
	b.cols[i], b.cols[j] = b.cols[j], b.cols[i]
}

// parseCount reads a whole number, allowing one of the given unit marks after it ("5层", "3人").
func parseCount(s string, marks ...string) (int, error) {
	t := strings.TrimSpace(s)
	for _, m := range marks {
		if strings.HasSuffix(t, m) {
			t = strings.TrimSpace(strings.TrimSuffix(t, m))
			break
		}
	}
	if t == "" {
		return 0, fmt.Errorf("%q is empty; want a whole number", s)
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	return n, nil
}

// Attach places every entry of the roster into the district: into the compound its 小区 column
// names (by ID, else by name), or into defaultCompound (an ID) when the roster has no such
// column or the cell is empty. Households go into the named building and unit. Where a
// compound already has buildings (from a map), a building the roster names must be among them;
// a compound without buildings gets them from the roster. On any problem Attach changes
// nothing and returns Errors naming the rows.
func (r *Roster) Attach(d *renovation.District, defaultCompound string) error {
	refs := d.CompoundRefs()
	mapped := make([]bool, len(d.Compounds))
	for i := range d.Compounds {
		mapped[i] = len(d.Compounds[i].Buildings) > 0
	}
	targets := make([]int, len(r.Entries))
	var errs Errors
	for k, e := range r.Entries {
		ref := e.Compound
		if ref == "" {
			ref = defaultCompound
		}
		ci, ok := refs.Find(ref)
		switch {
		case !ok && ref == "":
			errs = append(errs, &CellError{File: r.File, Row: e.Row, Err: errors.New("the roster names no compound (小区) and no default was given")})
			continue
		case !ok:
			errs = append(errs, &CellError{File: r.File, Row: e.Row, Column: columnInfo[ColCompound].chinese, Value: ref, Err: fmt.Errorf("compound %q is not in the district", ref)})
			continue
		}
		c := &d.Compounds[ci]
		if mapped[ci] && c.Building(e.Building) == nil {
			errs = append(errs, &CellError{File: r.File, Row: e.Row, Column: columnInfo[ColBuilding].chinese, Value: e.Building,
				Err: fmt.Errorf("building %q is not among the %d mapped buildings of compound %s", e.Building, len(c.Buildings), c.Label())})
			continue
		}
		targets[k] = ci
	}
	if len(errs) > 0 {
		return errs
	}
	for k, e := range r.Entries {
		d.Compounds[targets[k]].AddHousehold(e.Building, e.Unit, e.Household)
	}
	return nil
}
