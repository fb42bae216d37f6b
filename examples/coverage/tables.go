package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/examples/internal/texttable"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// writeTables prints three tables: the compounds' indicators, their life-circle coverage
// kind by kind, and the district's coverage per kind with its largest gaps.
func (r *result) writeTables(w io.Writer) error {
	d := r.district
	title := d.Name
	if title == "" {
		title = d.ID
	}
	fmt.Fprintf(w, "%s — %d compounds, %d households\n\n", title, len(r.out.Compounds), r.out.Summary.Households)

	t := texttable.Table{
		Header: []string{"小区 compound", "用地 site m²", "基底 footprint m²", "建筑密度 coverage", "建筑面积 floor m²", "容积率 FAR", "绿地率 green", "户 households"},
		Right:  map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true},
	}
	for i, c := range r.out.Compounds {
		name := r.indicators.Compounds[i].Name
		if name == "" {
			name = c.ID
		}
		t.Add(name, num(c.SiteArea, 0), num(c.FootprintArea, 0), pct(c.BuildingCoverage), num(c.FloorArea, 0), num(c.FAR, 2), pct(c.GreenRatio), strconv.Itoa(c.Households))
	}
	tot := r.indicators.Totals
	t.Add("合计 total", num(tot.SiteArea, 0), num(tot.FootprintArea, 0), pct(tot.BuildingCoverage), num(tot.FloorArea, 0), num(tot.FAR, 2), pct(tot.GreenRatio), strconv.Itoa(tot.Households))
	if err := t.Write(w); err != nil {
		return err
	}
	if tot.StoreysSynthetic > 0 || tot.FloorAreaUnknown > 0 {
		fmt.Fprintf(w, "\nfloor area: %d buildings with generated storeys (模拟数据), %d with neither storeys nor a floor area (counted as 0)\n", tot.StoreysSynthetic, tot.FloorAreaUnknown)
	}

	fmt.Fprintf(w, "\n生活圈 life circles (GB 50180-2018), straight-line distance to the nearest facility; ✓ within reach, with the share of the site within reach; ✗ beyond reach; — none in the district\n\n")
	lt := texttable.Table{Header: []string{"小区 compound"}, Right: map[int]bool{}}
	for e, s := range r.lifeCircle.Kinds {
		lt.Header = append(lt.Header, fmt.Sprintf("%s %s", s.Kind.Chinese(), num(s.Radius, 0)+"m"))
		lt.Right[e+1] = true
	}
	for _, c := range r.lifeCircle.Compounds {
		name := c.Name
		if name == "" {
			name = c.ID
		}
		cells := []string{name}
		for _, fr := range c.Reach {
			cells = append(cells, reachCell(fr))
		}
		if !c.Mapped {
			cells = append(cells[:1], "not mapped")
		}
		lt.Add(cells...)
	}
	if err := lt.Write(w); err != nil {
		return err
	}

	fmt.Fprintf(w, "\n覆盖 coverage by kind\n\n")
	st := texttable.Table{
		Header: []string{"设施 kind", "层级 tier", "半径 radius", "设施 facilities", "小区 compounds", "", "户 households", "", "缺口 gaps (most households first)"},
		Right:  map[int]bool{2: true, 3: true, 4: true, 5: true, 6: true, 7: true},
	}
	for _, s := range r.lifeCircle.Kinds {
		var gaps []string
		for k, g := range s.Gaps {
			if k == 3 {
				gaps = append(gaps, fmt.Sprintf("… %d more", len(s.Gaps)-3))
				break
			}
			name := g.Name
			if name == "" {
				name = g.ID
			}
			gaps = append(gaps, fmt.Sprintf("%s (%d)", name, g.Households))
		}
		cells := []string{s.Kind.Chinese() + " " + string(s.Kind), string(s.Tier), num(s.Radius, 0) + " m", strconv.Itoa(s.Facilities)}
		if s.NoData {
			// No facility of the kind in the data: unknown, not 0 % and not a gap.
			st.Add(append(cells, "无数据", "no data", "无数据", "no data", "")...)
			continue
		}
		st.Add(append(cells, fmt.Sprintf("%d/%d", s.CompoundsCovered, s.Compounds), pct(s.CompoundRate),
			fmt.Sprintf("%s/%d", num(s.HouseholdsCovered, 0), s.Households), pct(s.HouseholdRate), strings.Join(gaps, ", "))...)
	}
	if err := st.Write(w); err != nil {
		return err
	}
	var unverified []string
	for _, rad := range r.lifeCircle.Radii {
		if rad.Trust == renovation.TrustUnverified || rad.Trust == renovation.TrustWeak {
			unverified = append(unverified, string(rad.Kind))
		}
	}
	if len(unverified) > 0 {
		fmt.Fprintf(w, "\nradii resting on weak or unverified sources (override with -radii): %s\n", strings.Join(unverified, ", "))
	}
	if d.Attribution != "" {
		fmt.Fprintf(w, "\n%s\n", d.Attribution)
	}
	return nil
}

// reachCell is "✓ 120 m 85%" within reach, "✗ 450 m" beyond, "—" when the district has no
// facility of the kind (no data).
func reachCell(fr renovation.FacilityReach) string {
	switch {
	case fr.Nearest == nil:
		return "—"
	case fr.Covered:
		return fmt.Sprintf("✓ %s m %s", num(*fr.Nearest, 0), pct(fr.AreaShare))
	}
	return fmt.Sprintf("✗ %s m", num(*fr.Nearest, 0))
}

func num(v float64, decimals int) string { return strconv.FormatFloat(v, 'f', decimals, 64) }

func pct(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" }
