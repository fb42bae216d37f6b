package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// rosterHeader is the street-office header of the generated rosters.
var rosterHeader = []string{"小区", "楼栋", "单元", "户号", "楼层", "房号", "建筑面积", "面积来源", "业主", "状态", "居住情况", "人数", "最大年龄", "模拟数据"}

// rosterGen makes household rows. The proportions are illustrative, loosely following the
// Shichahai census split (about two thirds 人户合一, a tenth rented, a fifth 人户分离, a few
// 有房无户), with a few vacant dwellings, an ageing population (old compounds are where
// elevators are asked for) and a few owners holding two dwellings, so that the Art. 9 headcount
// rule has something to do.
type rosterGen struct {
	rng    *rand.Rand
	prefix string   // owner ID prefix for the compound
	owners []string // owner IDs handed out so far in the compound
}

func newRosterGen(rng *rand.Rand, compoundSeq int) *rosterGen {
	return &rosterGen{rng: rng, prefix: fmt.Sprintf("O%02d-", compoundSeq)}
}

// pick returns the index of a weight chosen with probability proportional to it.
func pick(rng *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// building returns the rows of one building: units stairwells, storeys floors, perFloor
// dwellings a floor on each stairwell, areas between minArea and maxArea m² (in 0.01 m²).
func (g *rosterGen) building(compound, building string, units, storeys, perFloor int, minArea, maxArea int) [][]string {
	var rows [][]string
	for u := 1; u <= units; u++ {
		for floor := 1; floor <= storeys; floor++ {
			for k := 1; k <= perFloor; k++ {
				rows = append(rows, g.household(compound, building, strconv.Itoa(u), floor, k, minArea, maxArea))
			}
		}
	}
	return rows
}

func (g *rosterGen) household(compound, building, unit string, floor, k, minArea, maxArea int) []string {
	r := g.rng
	area := minArea + r.IntN(maxArea-minArea+1)
	source := [...]string{"登记", "实测", "合同"}[pick(r, 90, 8, 2)]
	owner := ""
	if len(g.owners) > 0 && r.IntN(100) < 2 {
		owner = g.owners[r.IntN(len(g.owners))] // a second dwelling of an existing owner
	} else {
		owner = fmt.Sprintf("%s%04d", g.prefix, len(g.owners)+1)
		g.owners = append(g.owners, owner)
	}
	status := [...]string{"已售", "未售", "已售未交付"}[pick(r, 985, 10, 5)]
	tenure := [...]string{"人户合一", "出租", "人户分离", "有房无户", "空置"}[pick(r, 66, 11, 18, 1, 4)]
	residents, age := 0, ""
	if tenure != "空置" {
		residents = 1 + pick(r, 20, 40, 25, 15)
		if r.IntN(100) < 55 {
			age = strconv.Itoa(60 + r.IntN(33))
		} else {
			age = strconv.Itoa(25 + r.IntN(35))
		}
	}
	return []string{
		compound, building, unit,
		fmt.Sprintf("%02d%02d", floor, k), strconv.Itoa(floor), fmt.Sprintf("%d%02d", floor, k),
		fmt.Sprintf("%d.%02d", area/100, area%100), source, owner, status, tenure,
		strconv.Itoa(residents), age, "是",
	}
}
