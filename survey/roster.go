package survey

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Roster is a table of exclusive parts with the vote written beside each, as street offices
// keep them: what ReadRoster decodes.
type Roster struct {
	Parts   []Part
	Ballots []Ballot
}

// Poll returns the roster as a poll with no objections.
func (r Roster) Poll() Poll { return Poll{Parts: r.Parts, Ballots: r.Ballots} }

// Limits on what ReadRoster reads, so that a hostile file cannot exhaust memory.
const (
	// MaxRosterRows is the largest number of data rows ReadRoster accepts.
	MaxRosterRows = 5_000_000
	// MaxRosterLine is the longest line, in bytes, ReadRoster accepts.
	MaxRosterLine = 64 << 10
	// maxRosterErrors bounds how many row errors are reported before stopping.
	maxRosterErrors = 20
)

// ErrInvalidRoster is wrapped by every error ReadRoster returns.
var ErrInvalidRoster = errors.New("invalid roster")

// RosterError says where a roster is wrong: file, row (the file's line where the record
// starts; the header is row 1), column (as written in the header) and the value. Err is the
// cause (for example an error wrapping ErrInvalidArea). It unwraps to both ErrInvalidRoster
// and Err.
type RosterError struct {
	File   string
	Row    int
	Column string
	Err    error
}

// Error returns "FILE row N column C: CAUSE", leaving out what is unknown.
func (e *RosterError) Error() string {
	switch {
	case e.Row == 0:
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	case e.Column == "":
		return fmt.Sprintf("%s row %d: %v", e.File, e.Row, e.Err)
	}
	return fmt.Sprintf("%s row %d column %s: %v", e.File, e.Row, e.Column, e.Err)
}

// Unwrap returns ErrInvalidRoster and the cause.
func (e *RosterError) Unwrap() []error { return []error{ErrInvalidRoster, e.Err} }

// rosterColumns maps accepted header names (lower case) to the canonical column.
var rosterColumns = map[string]string{
	"part": "part", "专有部分": "part", "房号": "part", "户号": "part",
	"owner": "owner", "业主": "owner", "业主姓名": "owner",
	"area_m2": "area_m2", "area": "area_m2", "面积": "area_m2", "专有部分面积": "area_m2",
	"status": "status", "状态": "status", "销售状态": "status",
	"vote": "vote", "表决": "vote", "表决意见": "vote", "投票": "vote",
	"occupied": "occupied", "占用": "occupied",
	"building": "building", "楼栋": "building", "楼号": "building",
	"unit": "unit", "单元": "unit",
	"area_source": "area_source", "面积来源": "area_source",
	"register_m2": "register_m2", "登记面积": "register_m2",
	"survey_m2": "survey_m2", "实测面积": "survey_m2",
	"contract_m2": "contract_m2", "合同面积": "contract_m2",
}

// ReadRoster reads a CSV roster, UTF-8 with or without a byte-order mark. The first row is
// the header; columns may come in any order, and unknown columns are ignored:
//
//	part        the part's ID (required, unique)
//	owner       the owner's ID; may be empty for unsold and undelivered parts
//	area_m2     exclusive area in m², at most two decimals ("86.50")
//	status      sold | unsold | undelivered (or 已售, 未售, 已售未交付); empty means sold
//	vote        agree | oppose | abstain (or 同意, 反对, 弃权); empty means no ballot
//	occupied    yes (or 是) if the works occupy the part; empty or no (否) otherwise
//	building, unit                              scope labels
//	area_source register | survey | contract   where area_m2 came from
//	register_m2, survey_m2, contract_m2         the recorded areas: when given, the area is
//	            chosen by SPC interpretation Art. 8 and must match area_m2 if that is given
//
// Chinese headers are accepted too (专有部分, 业主, 面积, 状态, 表决, 占用, 楼栋, 单元, 面积来源,
// 登记面积, 实测面积, 合同面积). A vote becomes a Ballot naming the part, with Ref "FILE row N";
// the vote on an unsold or undelivered part is the developer's (SPC interpretation Art. 9).
// Rows whose fields are all empty are skipped.
//
// file names the input in errors. Every error is a *RosterError (or several joined, at most
// 20 row errors) naming file, row and column; none is skipped in silence. Lines longer than
// MaxRosterLine bytes and more than MaxRosterRows rows are errors.
func ReadRoster(r io.Reader, file string) (Roster, error) {
	cr := csv.NewReader(&lineLimit{r: r, max: MaxRosterLine})
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return Roster{}, &RosterError{File: file, Err: errors.New("the file is empty: it needs a header row")}
	}
	if err != nil {
		return Roster{}, csvError(file, err)
	}
	cols := map[string]int{}
	names := make([]string, len(header))
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		names[i] = strings.TrimSpace(h)
		canon, ok := rosterColumns[strings.ToLower(names[i])]
		if !ok {
			continue
		}
		if j, dup := cols[canon]; dup {
			return Roster{}, &RosterError{File: file, Row: 1, Column: names[i], Err: fmt.Errorf("repeats column %d (%s)", j+1, names[j])}
		}
		cols[canon] = i
	}
	for _, need := range []string{"part", "owner"} {
		if _, ok := cols[need]; !ok {
			return Roster{}, &RosterError{File: file, Row: 1, Err: fmt.Errorf("no %q column (header: %s)", need, strings.Join(names, ", "))}
		}
	}
	_, hasArea := cols["area_m2"]
	_, hasReg := cols["register_m2"]
	_, hasSur := cols["survey_m2"]
	_, hasCon := cols["contract_m2"]
	if !hasArea && !hasReg && !hasSur && !hasCon {
		return Roster{}, &RosterError{File: file, Row: 1, Err: fmt.Errorf("no area column: area_m2, register_m2, survey_m2 or contract_m2 (header: %s)", strings.Join(names, ", "))}
	}

	var out Roster
	var errs []error
	seen := map[string]int{} // part ID → row
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, csvError(file, err))
			var pe *csv.ParseError
			if !errors.As(err, &pe) || pe.Err != csv.ErrFieldCount {
				break // a read error or broken quoting: the rest cannot be trusted
			}
			if len(errs) >= maxRosterErrors {
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		rows++
		if rows > MaxRosterRows {
			errs = append(errs, &RosterError{File: file, Row: line, Err: fmt.Errorf("more than %d rows", MaxRosterRows)})
			break
		}
		get := func(col string) (string, string) {
			if i, ok := cols[col]; ok {
				return strings.TrimSpace(rec[i]), names[i]
			}
			return "", col
		}
		fail := func(col string, e error) {
			errs = append(errs, &RosterError{File: file, Row: line, Column: col, Err: e})
		}
		before := len(errs)
		var pt Part
		id, idCol := get("part")
		switch {
		case id == "":
			fail(idCol, errors.New("part ID is empty"))
		case seen[id] != 0:
			fail(idCol, fmt.Errorf("part %q repeats row %d", id, seen[id]))
		default:
			seen[id] = line
		}
		pt.ID = id
		var col string
		pt.Owner, _ = get("owner")
		s, col := get("status")
		if pt.Status, err = ParseStatus(s); err != nil {
			fail(col, err)
		}
		if pt.Owner == "" && pt.Status == Sold {
			_, col = get("owner")
			fail(col, errors.New("owner is empty for a sold part"))
		}
		pt.Building, _ = get("building")
		pt.Unit, _ = get("unit")
		if col, e := readArea(&pt, get); e != nil {
			fail(col, e)
		}
		s, col = get("occupied")
		switch strings.ToLower(s) {
		case "", "no", "n", "否", "false", "0":
		case "yes", "y", "是", "true", "1":
			pt.Occupied = true
		default:
			fail(col, fmt.Errorf("%q is not yes or empty", s))
		}
		s, col = get("vote")
		v, err := ParseVote(s)
		if err != nil {
			fail(col, err)
		}
		if len(errs) > before {
			if len(errs) >= maxRosterErrors {
				break
			}
			continue
		}
		out.Parts = append(out.Parts, pt)
		if v != NoVote {
			out.Ballots = append(out.Ballots, Ballot{Part: pt.ID, Vote: v, Ref: fmt.Sprintf("%s row %d", file, line)})
		}
	}
	if len(errs) > 0 {
		if len(errs) >= maxRosterErrors {
			errs = append(errs[:maxRosterErrors], &RosterError{File: file, Err: fmt.Errorf("stopped after %d errors", maxRosterErrors)})
		}
		return Roster{}, errors.Join(errs...)
	}
	return out, nil
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

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvError converts an encoding/csv error into a RosterError.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RosterError{File: file, Row: pe.StartLine, Err: pe.Err}
	}
	return &RosterError{File: file, Err: err}
}

// lineLimit fails a read once a line grows longer than max bytes, before encoding/csv
// buffers it.
type lineLimit struct {
	r    io.Reader
	run  int
	line int
	max  int
}

// Read passes bytes through, failing once a line passes max bytes.
func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
			l.line++
		} else if l.run++; l.run > l.max {
			return 0, fmt.Errorf("line %d is longer than %d bytes", l.line+1, l.max)
		}
	}
	return n, err
}
