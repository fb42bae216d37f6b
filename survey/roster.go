package survey

import (
	"errors"
	"fmt"
	"io"

	"github.com/xiaoqu/xiaoqu/table"
)

// Roster is a table of exclusive parts with the vote written beside each, as street offices
// keep them: what ReadRoster decodes.
type Roster struct {
	Parts   []Part
	Ballots []Ballot
	// Ignored lists the header cells that name no column ReadRoster reads, in the file's
	// order: columns that were not read.
	Ignored []string
}

// Poll returns the roster as a poll with no objections.
func (r Roster) Poll() Poll { return Poll{Parts: r.Parts, Ballots: r.Ballots} }

// MaxRosterRows is the largest number of data rows ReadRoster accepts.
const MaxRosterRows = 5_000_000

// ErrInvalidRoster is matched (errors.Is) by every error ReadRoster returns.
var ErrInvalidRoster = errors.New("invalid roster")

// RosterError says where a roster is wrong: file, row (as a spreadsheet shows it), column (as
// written in the header), the value and the cause (for example an error wrapping
// ErrInvalidArea). It is the one cell-error type of every table reader (see package table).
type RosterError = table.CellError

// rosterErrors is what ReadRoster returns on bad input: the problems, matching
// ErrInvalidRoster.
type rosterErrors struct{ table.Errors }

func (e rosterErrors) Is(target error) bool { return target == ErrInvalidRoster }
func (e rosterErrors) Unwrap() error        { return e.Errors }

// rosterColumns are the columns ReadRoster reads, keyed by their canonical name.
var rosterColumns = []table.Column{
	{Key: "part", Names: []string{"专有部分", "房号", "户号"}, Required: true},
	{Key: "owner", Names: []string{"业主", "业主姓名"}, Required: true},
	{Key: "area_m2", Names: []string{"面积", "area", "专有部分面积"}},
	{Key: "status", Names: []string{"状态", "销售状态"}},
	{Key: "vote", Names: []string{"表决", "表决意见", "投票"}},
	{Key: "occupied", Names: []string{"占用"}},
	{Key: "building", Names: []string{"楼栋", "楼号"}},
	{Key: "unit", Names: []string{"单元"}},
	{Key: "area_source", Names: []string{"面积来源"}},
	{Key: "register_m2", Names: []string{"登记面积"}},
	{Key: "survey_m2", Names: []string{"实测面积"}},
	{Key: "contract_m2", Names: []string{"合同面积"}},
}

// RosterHeaders returns every header ReadRoster reads, English and Chinese, for hints such as
// "did you mean".
func RosterHeaders() []string {
	var out []string
	for _, c := range rosterColumns {
		out = append(out, c.Key)
		out = append(out, c.Names...)
	}
	return out
}

// ReadRoster reads a CSV roster by the rules of package table: UTF-8 with or without a
// byte-order mark, or GBK/GB18030; CR, LF or CRLF line endings; a title row above the header
// skipped. Columns may come in any order; the header names them in English or Chinese:
//
//	part        the part's ID (required, unique; 专有部分, 房号, 户号)
//	owner       the owner's ID; may be empty for unsold and undelivered parts (业主)
//	area_m2     exclusive area in m², at most two decimals ("86.50"; 面积)
//	status      sold | unsold | undelivered (or 已售, 未售, 已售未交付); empty means sold
//	vote        agree | oppose | abstain (or 同意, 反对, 弃权); empty means no ballot
//	occupied    yes (是) if the works occupy the part; empty or no (否) otherwise (占用)
//	building, unit                              scope labels (楼栋, 单元)
//	area_source register | survey | contract   where area_m2 came from (面积来源)
//	register_m2, survey_m2, contract_m2         the recorded areas (登记面积, 实测面积,
//	            合同面积): when given, the area is chosen by SPC interpretation Art. 8 and
//	            must match area_m2 if that is given
//
// A vote becomes a Ballot naming the part, with Ref "FILE row N"; the vote on an unsold or
// undelivered part is the developer's (SPC interpretation Art. 9). Rows whose cells are all
// empty are skipped.
//
// file names the input in errors. On bad input it returns every problem (at most
// table.MaxErrors kept, the rest counted), each a *RosterError naming file, row and column; the error matches
// ErrInvalidRoster. A row with the wrong number of cells, a file with no data rows, more than
// MaxRosterRows rows or more than table.DefaultMaxBytes bytes are errors too.
func ReadRoster(r io.Reader, file string) (Roster, error) {
	src, err := table.NewCSV(r, file, nil)
	if err != nil {
		return Roster{}, rosterErrors{table.Errors{asCellError(file, err)}}
	}
	return ReadRosterTable(src)
}

// ReadRosterTable is ReadRoster for any table.Source, such as a workbook sheet from package
// table/xlsx.
func ReadRosterTable(src table.Source) (Roster, error) {
	file := src.Name()
	t, err := table.NewReader(src, rosterColumns)
	if err != nil {
		return Roster{}, rosterErrors{table.Errors{asCellError(file, err)}}
	}
	if !t.Has("area_m2") && !t.Has("register_m2") && !t.Has("survey_m2") && !t.Has("contract_m2") {
		return Roster{}, rosterErrors{table.Errors{{File: file, Row: t.HeaderRow(),
			Err: errors.New("no area column: area_m2, register_m2, survey_m2 or contract_m2 (面积, 登记面积, 实测面积, 合同面积)")}}}
	}
	out := Roster{Ignored: t.Unread()}
	var errs table.Errors
	seen := map[string]int{} // part ID → row
	// Read to the end, so that errs counts every problem past table.MaxErrors.
	for {
		rec, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs.Add(asCellError(file, err))
			continue
		}
		if t.Rows() > MaxRosterRows {
			errs.Add(rec.RowError(fmt.Errorf("more than %d rows", MaxRosterRows)))
			break
		}
		line := rec.Row
		get := func(col string) (string, string) { return rec.Get(col), col }
		fail := func(col string, e error) { errs.Add(rec.Error(col, e)) }
		var pt Part
		id := rec.Get("part")
		switch {
		case id == "":
			fail("part", errors.New("part ID is empty"))
		case seen[id] != 0:
			fail("part", fmt.Errorf("part %q repeats row %d", id, seen[id]))
		default:
			seen[id] = line
		}
		pt.ID = id
		pt.Owner = rec.Get("owner")
		if pt.Status, err = ParseStatus(rec.Get("status")); err != nil {
			fail("status", err)
		}
		if pt.Owner == "" && pt.Status == Sold {
			fail("owner", errors.New("owner is empty for a sold part"))
		}
		pt.Building = rec.Get("building")
		pt.Unit = rec.Get("unit")
		if col, e := readArea(&pt, get); e != nil {
			fail(col, e)
		}
		if pt.Occupied, err = table.ParseYesNo(rec.Get("occupied")); err != nil {
			fail("occupied", err)
		}
		v, err := ParseVote(rec.Get("vote"))
		if err != nil {
			fail("vote", err)
		}
		if len(errs) > 0 { // this row or an earlier one is bad: nothing will be returned
			continue
		}
		out.Parts = append(out.Parts, pt)
		if v != NoVote {
			out.Ballots = append(out.Ballots, Ballot{Part: pt.ID, Vote: v, Ref: fmt.Sprintf("%s row %d", file, line)})
		}
	}
	if len(errs) > 0 {
		return Roster{}, rosterErrors{errs}
	}
	return out, nil
}

// asCellError returns err as a *table.CellError, wrapping it when it is not one.
func asCellError(file string, err error) *table.CellError {
	var ce *table.CellError
	if errors.As(err, &ce) {
		return ce
	}
	return &table.CellError{File: file, Err: err}
}

// readArea fills pt.Area and pt.AreaSource from the area columns, returning the column an
// error concerns and the error.
func readArea(pt *Part, get func(string) (string, string)) (string, error) {
	var rec AreaRecords
	for _, c := range []struct {
		col string
		dst *Area
	}{{"register_m2", &rec.Register}, {"survey_m2", &rec.Survey}, {"contract_m2", &rec.Contract}} {
		s, name := get(c.col)
		if s == "" {
			continue
		}
		a, err := ParseArea(s)
		if err != nil {
			return name, err
		}
		if a == 0 {
			return name, fmt.Errorf("area %s m² is not positive", a)
		}
		if a > MaxTotalArea {
			return name, fmt.Errorf("area %s m² is larger than any scope Tally accepts", a)
		}
		*c.dst = a
	}
	chosen, src, recErr := rec.Choose()
	s, col := get("area_m2")
	if s == "" {
		if recErr != nil {
			return col, errors.New("no area: area_m2, register_m2, survey_m2 and contract_m2 are all empty")
		}
		pt.Area, pt.AreaSource = chosen, src
		return col, nil
	}
	a, err := ParseArea(s)
	if err != nil {
		return col, err
	}
	if a == 0 {
		return col, fmt.Errorf("area %s m² is not positive", a)
	}
	if a > MaxTotalArea {
		return col, fmt.Errorf("area %s m² is larger than any scope Tally accepts", a)
	}
	pt.Area = a
	ss, scol := get("area_source")
	if pt.AreaSource, err = ParseAreaSource(ss); err != nil {
		return scol, err
	}
	if recErr == nil {
		if a != chosen {
			return col, fmt.Errorf("%s m² differs from the %s area %s m², which SPC interpretation Art. 8 counts", a, src, chosen)
		}
		if pt.AreaSource != SourceUnknown && pt.AreaSource != src {
			return scol, fmt.Errorf("says %s, but SPC interpretation Art. 8 counts the %s area", pt.AreaSource, src)
		}
		pt.AreaSource = src
	}
	return col, nil
}
