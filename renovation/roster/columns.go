package roster

import (
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/table"
)

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

// tableColumns is the roster's columns for table.NewReader, in Column order; each is keyed by
// its canonical English header.
var tableColumns = func() []table.Column {
	out := make([]table.Column, numColumns)
	for c := Column(0); c < numColumns; c++ {
		info := columnInfo[c]
		names := append([]string{info.chinese}, info.aliases...)
		for _, syn := range renovation.Synonyms() {
			if syn.Domain == "roster" && syn.Meaning == info.english {
				names = append(names, syn.Name)
			}
		}
		out[c] = table.Column{Key: info.english, Names: names, Required: info.required}
	}
	return out
}()

// Unread returns the roster's unread columns (Ignored) as renovation.Unread, each with the
// nearest header the roster does read, or why an ambiguous one was not guessed.
func (r *Roster) Unread() []renovation.Unread {
	var names []string
	for _, c := range tableColumns {
		names = append(names, c.Key)
		names = append(names, c.Names...)
	}
	var out []renovation.Unread
	for _, h := range r.Ignored {
		u := renovation.Unread{File: r.File, What: "column", Name: h, DidYouMean: table.Nearest(h, names)}
		for _, syn := range renovation.Synonyms() {
			if syn.Domain == "roster" && len(syn.Ambiguous) > 0 && table.NormaliseHeader(syn.Name) == table.NormaliseHeader(h) {
				u.Why = fmt.Sprintf("%q is ambiguous: it could mean %s (%s); name the column one of them", h, strings.Join(syn.Ambiguous, " or "), syn.Source)
			}
		}
		out = append(out, u)
	}
	return out
}
