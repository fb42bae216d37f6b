package roster

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
	"github.com/xuri/excelize/v2"
)

// wantEntries is what testdata/roster.csv holds (rows 2–5; the GBK copy has a title row
// above the header, so its rows are one lower).
func wantEntries(rowOffset int) []Entry {
	e := func(row int, unit, id string, floor int, room string, area survey.Area, src survey.AreaSource, owner string, st survey.Status, ten renovation.Tenure, res, age int) Entry {
		return Entry{Row: row + rowOffset, Compound: "乳山二村", Building: "3", Unit: unit, Household: renovation.Household{
			ID: id, Floor: floor, Room: room, Area: area, AreaSource: src, OwnerID: owner, Status: st, Tenure: ten, Residents: res, OldestAge: age,
		}}
	}
	return []Entry{
		e(2, "1", "0101", 1, "101", 5630, survey.SourceRegister, "O-001", survey.Sold, renovation.OwnerOccupied, 2, 78),
		e(3, "1", "0102", 1, "102", 4875, survey.SourceSurvey, "O-002", survey.Sold, renovation.Rented, 3, 0),
		e(4, "1", "0601", 6, "601", 5630, survey.SourceContract, "O-003", survey.Unsold, renovation.Vacant, 0, 0),
		e(5, "2", "0101", 1, "101", 6010, survey.SourceRegister, "O-001", survey.Sold, renovation.RegisteredElsewhere, 1, 66),
	}
}

func TestReadCSVEncodings(t *testing.T) {
	tests := []struct {
		file      string
		encoding  string
		rowOffset int
	}{
		{"testdata/roster.csv", EncodingUTF8, 0},
		{"testdata/roster_bom.csv", EncodingUTF8BOM, 0},
		{"testdata/roster_gbk.csv", EncodingGB18030, 1},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r, err := ReadFile(tc.file, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding != tc.encoding {
				t.Errorf("Encoding = %q, want %q", r.Encoding, tc.encoding)
			}
			if diff := cmp.Diff(wantEntries(tc.rowOffset), r.Entries); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadCSVForcedEncoding(t *testing.T) {
	data, err := os.ReadFile("testdata/roster_gbk.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCSV(bytes.NewReader(data), "gbk.csv", &Options{Encoding: "utf-8"}); err == nil || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("GBK read as UTF-8: err = %v", err)
	}
	if r, err := ReadCSV(bytes.NewReader(data), "gbk.csv", &Options{Encoding: "GBK"}); err != nil || len(r.Entries) != 4 {
		t.Errorf("GBK read as GBK: %v", err)
	}
}

// problemsOf returns the messages of an Errors, or the single error's message.
func problemsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var es Errors
	if errors.As(err, &es) {
		var out []string
		for _, e := range es {
			out = append(out, e.Error())
		}
		return out
	}
	return []string{err.Error()}
}

func TestReadCSVBadInput(t *testing.T) {
	const head = "户号,楼栋,单元,楼层,建筑面积,人数\n"
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "wrong types, every cell reported",
			in:   head + "0101,3,1,一楼,七十,2\n0102,3,1,2,60.5,两\n",
			want: []string{
				`r.csv row 2 column 楼层: "一楼" is not a whole number`,
				`r.csv row 2 column 建筑面积: invalid area: "七十" is not a number of square metres`,
				`r.csv row 3 column 人数: "两" is not a whole number`,
			},
		},
		{
			name: "negative area and residents, too many decimals",
			in:   head + "0101,3,1,1,-56.3,-1\n0102,3,1,1,56.305,1\n",
			want: []string{
				`r.csv row 2 column 建筑面积: invalid area: "-56.3" is negative`,
				`r.csv row 2 column 人数: -1 residents is negative`,
				`r.csv row 3 column 建筑面积: invalid area: "56.305" has more than two decimal places`,
			},
		},
		{
			name: "missing columns",
			in:   "户号,楼栋,房号\n0101,3,101\n",
			want: []string{`r.csv row 1: missing required columns 单元 (unit), 楼层 (floor), 建筑面积 (area_m2)`},
		},
		{
			name: "no header",
			in:   "a,b\n1,2\n",
			want: []string{`r.csv: no header row in the first 10 rows: expected columns 户号 (id), 楼栋 (building), 单元 (unit), 楼层 (floor), 建筑面积 (area_m2)`},
		},
		{
			name: "duplicate IDs and empty required cells",
			in:   head + "0101,3,1,1,56.3,2\n0101,3,1,1,56.3,2\n,3,,1,56.3,2\n0101,3,2,1,56.3,2\n",
			want: []string{
				`r.csv row 3 column 户号: duplicate household "0101" in building 3 unit 1 (first on row 2)`,
				`r.csv row 4 column 户号: is empty`,
				`r.csv row 4 column 单元: is empty`,
			},
		},
		{
			name: "bad enumerations",
			in:   "户号,楼栋,单元,楼层,建筑面积,状态,居住情况,面积来源\n0101,3,1,1,56.3,租出,自住,估算\n",
			want: []string{
				`r.csv row 2 column 状态: invalid status: "租出" is not sold, unsold or undelivered (已售, 未售, 已售未交付)`,
				`r.csv row 2 column 面积来源: invalid area source: "估算" is not register, survey or contract (登记, 实测, 合同)`,
			},
		},
		{
			name: "CSV syntax",
			in:   head + "0101,3,1,1,\"56.3,2\n",
			want: []string{`r.csv row 2: CSV syntax: extraneous or missing " in quoted-field`},
		},
		{
			name: "UTF-16",
			in:   "\xff\xfe" + head,
			want: []string{`r.csv: file is UTF-16 (Excel's "Unicode text"); save it as "CSV UTF-8" or plain CSV instead`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadCSV(strings.NewReader(tc.in), "r.csv", nil)
			if r != nil {
				t.Errorf("ReadCSV returned a roster of %d entries along with errors; want nothing loaded", len(r.Entries))
			}
			if diff := cmp.Diff(tc.want, problemsOf(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadCSVRowNumbersAndExtras(t *testing.T) {
	// A title row, an unknown column, a blank line, units on numbers, and a quoted cell that
	// spans two lines: row numbers stay those a spreadsheet shows.
	in := "某小区住户表\n户号,楼栋,单元,楼层,建筑面积,备注,人数\n0101,3,1,1层,56.3,\"两行\n备注\",2人\n\n0201,3,1,2F,56.3,,x\n"
	_, err := ReadCSV(strings.NewReader(in), "r.csv", nil)
	want := []string{`r.csv row 5 column 人数: "x" is not a whole number`}
	if diff := cmp.Diff(want, problemsOf(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	r, err := ReadCSV(strings.NewReader(strings.Replace(in, ",x\n", ",1\n", 1)), "r.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"备注"}, r.Ignored); diff != "" {
		t.Errorf("Ignored (-want +got):\n%s", diff)
	}
	if got := []int{r.Entries[0].Household.Floor, r.Entries[1].Household.Floor, r.Entries[0].Household.Residents}; !cmp.Equal(got, []int{1, 2, 2}) {
		t.Errorf("floors and residents = %v", got)
	}
}

func TestReadCSVSizeBound(t *testing.T) {
	in := strings.Repeat("x", 100)
	if _, err := ReadCSV(strings.NewReader(in), "r.csv", &Options{MaxBytes: 50}); err == nil || !strings.Contains(err.Error(), "larger than 50 bytes") {
		t.Errorf("err = %v", err)
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	sheet := "住户"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"乳山二村住户花名册"},
		{"小区", "楼栋", "单元", "户号", "楼层", "房号", "建筑面积（㎡）", "面积来源", "业主", "状态", "居住情况", "人数", "最大年龄"},
		{"乳山二村", 3, 1, "0101", 1, 101, 56.3, "登记", "O-001", "已售", "人户合一", 2, 78},
		{"乳山二村", 3, 1, "0102", 1, 102, 48.75, "实测", "O-002", "已售", "出租", 3, nil},
		{"乳山二村", 3, 1, "0601", 6, 601, 56.3, "合同", "O-003", "未售", "空置", 0, nil},
		{"乳山二村", 3, 2, "0101", 1, 101, 60.1, "登记", "O-001", "已售", "人户分离", 1, 66},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	// Whole-number display must not round the area read.
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 1})
	if err := f.SetCellStyle(sheet, "G3", "G6", style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := ReadXLSX(bytes.NewReader(buf.Bytes()), "r.xlsx", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantEntries(1), r.Entries); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if _, err := ReadXLSX(bytes.NewReader(buf.Bytes()), "r.xlsx", &Options{Sheet: "Sheet9"}); err == nil || !strings.Contains(err.Error(), `no sheet "Sheet9" (it has 住户)`) {
		t.Errorf("missing sheet: err = %v", err)
	}
	if _, err := ReadXLSX(strings.NewReader("not a zip"), "r.xlsx", nil); err == nil || !strings.HasPrefix(err.Error(), "r.xlsx: not a readable xlsx workbook") {
		t.Errorf("garbage: err = %v", err)
	}
}

func TestReadXLSXBadCells(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"户号", "楼栋", "单元", "楼层", "建筑面积"},
		{"0101", 3, 1, "一", 56.3},
		{"0102", 3, 1, 2, "-5"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := ReadXLSX(&buf, "r.xlsx", nil)
	want := []string{
		`r.xlsx sheet Sheet1 row 2 column 楼层: "一" is not a whole number`,
		`r.xlsx sheet Sheet1 row 3 column 建筑面积: invalid area: "-5" is negative`,
	}
	if diff := cmp.Diff(want, problemsOf(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestAttach(t *testing.T) {
	r, err := ReadFile("testdata/roster.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	d := renovation.District{Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村"}}}
	if err := r.Attach(&d, ""); err != nil {
		t.Fatal(err)
	}
	c := d.Compounds[0]
	if len(c.Buildings) != 1 || len(c.Buildings[0].Units) != 2 || len(c.Buildings[0].Units[0].Households) != 3 {
		t.Fatalf("attached shape: %+v", c.Buildings)
	}
	// With storeys known, Validate names the household whose floor is out of range.
	c.Buildings[0].Storeys = 5
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "compound 乳山二村 / building 3 / unit 1 / household 0601: floor 6 exceeds 5 storeys") {
		t.Errorf("Validate after Attach = %v", err)
	}

	// A mapped compound rejects buildings it does not have, and nothing is attached.
	mapped := renovation.District{Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村", Buildings: []renovation.Building{{ID: "4"}}}}}
	err = r.Attach(&mapped, "")
	if len(problemsOf(t, err)) != 4 || !strings.Contains(err.Error(), `testdata/roster.csv row 2 column 楼栋: building "3" is not among the 1 mapped buildings of compound 乳山二村`) {
		t.Errorf("Attach to mapped compound: %v", err)
	}
	if len(mapped.Compounds[0].Buildings) != 1 || len(mapped.Compounds[0].Buildings[0].Units) != 0 {
		t.Errorf("a failed Attach changed the district")
	}
	// An unknown compound.
	other := renovation.District{Compounds: []renovation.Compound{{ID: "c2", Name: "崂山三村"}}}
	if err := r.Attach(&other, "c2"); err == nil || !strings.Contains(err.Error(), `compound "乳山二村" is not in the district`) {
		t.Errorf("Attach to other district: %v", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"testdata/roster.csv", "testdata/roster_gbk.csv", "testdata/roster_bom.csv"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("户号,楼栋,单元,楼层,建筑面积\n0101,3,1,1,56.3\n"))
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte("户号,楼栋,单元,楼层,建筑面积\n\"0101,3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadCSV(bytes.NewReader(data), "fuzz.csv", nil)
		if (r == nil) == (err == nil) {
			t.Fatalf("ReadCSV returned roster %v and error %v; want exactly one", r != nil, err)
		}
		if err != nil {
			return
		}
		for _, e := range r.Entries {
			if e.Household.ID == "" || e.Building == "" || e.Unit == "" || e.Household.Area < 0 || e.Row < 2 {
				t.Fatalf("accepted a bad entry %+v", e)
			}
		}
	})
}
