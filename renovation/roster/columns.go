package roster

import "strings"

// Column identifies one field of the roster.
type Column int

// The roster's columns. ID, Building, Unit, Floor and Area are required; the rest are optional.
const (
	ColID Column = iota
	ColCompound
	ColBuilding
	ColUnit
	ColFloor
	ColRoom
	ColArea
	ColAreaSource
	ColOwner
	ColStatus
	ColTenure
	ColResidents
	ColOldestAge
	ColSynthetic
	numColumns
)

// columnInfo gives each column its canonical English header and the headers it is known by.
var columnInfo = [numColumns]struct {
	english  string
	chinese  string
	aliases  []string
	required bool
}{
	ColID:         {"id", "户号", []string{"household", "household_id", "户编号", "房屋编号", "编号"}, true},
	ColCompound:   {"compound", "小区", []string{"小区名称", "compound_id"}, false},
	ColBuilding:   {"building", "楼栋", []string{"building_id", "楼号", "栋号", "幢号", "楼栋号"}, true},
	ColUnit:       {"unit", "单元", []string{"unit_id", "单元号"}, true},
	ColFloor:      {"floor", "楼层", []string{"所在楼层", "层"}, true},
	ColRoom:       {"room", "房号", []string{"门牌号", "室号", "房间号"}, false},
	ColArea:       {"area_m2", "建筑面积", []string{"area", "面积", "专有面积", "建筑面积(㎡)", "建筑面积（㎡）", "建筑面积(m2)", "建筑面积（m2）", "面积(㎡)", "面积（㎡）"}, true},
	ColAreaSource: {"area_source", "面积来源", nil, false},
	ColOwner:      {"owner", "业主", []string{"owner_id", "业主编号", "产权人"}, false},
	ColStatus:     {"status", "状态", []string{"销售状态", "出售状态"}, false},
	ColTenure:     {"tenure", "居住情况", []string{"居住状态", "居住类型"}, false},
	ColResidents:  {"residents", "人数", []string{"居住人数", "常住人口", "常住人数"}, false},
	ColOldestAge:  {"oldest_age", "最大年龄", []string{"老人年龄", "最年长者年龄"}, false},
	ColSynthetic:  {"synthetic", "模拟数据", nil, false},
}

// String returns the column's canonical English header.
func (c Column) String() string {
	if c < 0 || c >= numColumns {
		return "?"
	}
	return columnInfo[c].english
}

// headerIndex maps every known header, normalised, to its column.
var headerIndex = func() map[string]Column {
	m := map[string]Column{}
	for c := Column(0); c < numColumns; c++ {
		info := columnInfo[c]
		m[normaliseHeader(info.english)] = c
		m[normaliseHeader(info.chinese)] = c
		for _, a := range info.aliases {
			m[normaliseHeader(a)] = c
		}
	}
	return m
}()

// normaliseHeader lower-cases a header and drops spaces and a trailing unit in brackets, so
// "Area (m2)", "建筑面积（㎡）" and "建筑面积" compare equal where they mean the same.
func normaliseHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimPrefix(h, "\ufeff")
	for _, open := range []string{"(", "（"} {
		if i := strings.Index(h, open); i > 0 {
			h = h[:i]
		}
	}
	return strings.ReplaceAll(strings.ReplaceAll(h, " ", ""), "\u3000", "")
}

// header is the layout of a roster's header row: the cell index of each column, or -1.
type header struct {
	index   [numColumns]int
	ignored []string // headers the roster does not know, kept to tell the user
}

// parseHeader recognises a header row. ok is false when the row names none of the required
// columns, so that a title row above the header can be skipped.
func parseHeader(cells []string) (h header, ok bool) {
	for i := range h.index {
		h.index[i] = -1
	}
	found := 0
	for i, cell := range cells {
		c, known := headerIndex[normaliseHeader(cell)]
		switch {
		case known && h.index[c] < 0:
			h.index[c] = i
			if columnInfo[c].required {
				found++
			}
		case strings.TrimSpace(cell) != "":
			h.ignored = append(h.ignored, strings.TrimSpace(cell))
		}
	}
	return h, found > 0
}

// missing lists the required columns the header lacks, by their Chinese and English names.
func (h header) missing() []string {
	var out []string
	for c := Column(0); c < numColumns; c++ {
		if columnInfo[c].required && h.index[c] < 0 {
			out = append(out, columnInfo[c].chinese+" ("+columnInfo[c].english+")")
		}
	}
	return out
}

// name returns how the file itself spells column c, for error messages.
func (h header) name(c Column, cells []string) string {
	if i := h.index[c]; i >= 0 && i < len(cells) && strings.TrimSpace(cells[i]) != "" {
		return strings.TrimSpace(cells[i])
	}
	return columnInfo[c].english
}
