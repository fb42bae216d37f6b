// Command genzhengzhou writes the Zhengzhou sample (data/zhengzhou): two compounds of
// 紫荆山南路街道 with the figures the source report gives — 新郑路31号院 (built 1978, about
// 1.8万 m² of land, 8 buildings, 335 households) and 金城街康华小区 (late 1990s, 3 buildings,
// 141 households) — and everything else generated and marked synthetic: boundaries and
// footprints (approximate squares, not surveyed), storeys, and every household. The output is
// the same, byte for byte, on every run.
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
)

const attribution = "郑州 sample: counts from a public report on 紫荆山南路街道 (see README); boundaries, footprints, storeys and households are illustrative values marked synthetic, not survey data"

type compound struct {
	id, name, unit    string
	built             int
	builtSynthetic    bool
	siteArea          float64 // m², 0 if unknown
	lon, lat, side    float64 // centre and side of the illustrative square, m
	buildings, storey int
	households        int
	residents         int
	minArea, maxArea  int // m² range of the generated flats
	vacant            int // the last this many flats are long empty (空置)
}

var compounds = []compound{
	{id: "zz-xinzhenglu31", name: "新郑路31号院", unit: "铁路局", built: 1978, siteArea: 18000,
		lon: 113.6795, lat: 34.7420, side: 134, buildings: 8, storey: 6, households: 335, residents: 1100, minArea: 45, maxArea: 78},
	{id: "zz-kanghua", name: "金城街康华小区", built: 1998, builtSynthetic: true,
		lon: 113.6880, lat: 34.7365, side: 70, buildings: 3, storey: 6, households: 141, residents: 400, minArea: 62, maxArea: 128, vacant: 2},
}

// metres to degrees at the sample's latitude.
func dLon(m, lat float64) float64 { return m / (111320 * math.Cos(lat*math.Pi/180)) }
func dLat(m float64) float64      { return m / 110574 }

func square(lon, lat, w, h float64) string {
	x0, x1 := lon-dLon(w/2, lat), lon+dLon(w/2, lat)
	y0, y1 := lat-dLat(h/2), lat+dLat(h/2)
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%.8f,%.8f],[%.8f,%.8f],[%.8f,%.8f],[%.8f,%.8f],[%.8f,%.8f]]]}`,
		x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

func main() {
	out := flag.String("out", "data/zhengzhou", "folder to write into")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var cs, bs, hs strings.Builder
	head := func(b *strings.Builder) {
		fmt.Fprintf(b, `{"type":"FeatureCollection","attribution":%q,"name":"郑州紫荆山南路街道样例 Zhengzhou sample","features":[`+"\n", attribution)
	}
	head(&cs)
	head(&bs)
	hs.WriteString("小区,楼栋,单元,户号,楼层,房号,建筑面积,面积来源,业主,状态,居住情况,人数,最大年龄,模拟数据\n")
	nb := 0
	for ci, c := range compounds {
		syn := "boundary"
		if c.builtSynthetic {
			syn += ",built_year"
		}
		site := ""
		if c.siteArea > 0 {
			site = fmt.Sprintf(`,"site_area_m2":%g`, c.siteArea)
		}
		unit := ""
		if c.unit != "" {
			unit = fmt.Sprintf(`,"property_unit":%q`, c.unit)
		}
		sep := ",\n"
		if ci == len(compounds)-1 {
			sep = "\n"
		}
		fmt.Fprintf(&cs, `{"type":"Feature","geometry":%s,"properties":{"built_year":%d,"id":%q,"name":%q%s%s,"street":"紫荆山南路街道","synthetic_fields":%q}}%s`,
			square(c.lon, c.lat, c.side, c.side), c.built, c.id, c.name, unit, site, syn, sep)
		// Buildings in a row of slabs 12 m deep, 50 m long (one per row, rows 18 m apart),
		// two columns when there are more than 4.
		cols := 1
		if c.buildings > 4 {
			cols = 2
		}
		rows := (c.buildings + cols - 1) / cols
		perBuilding := distribute(c.households, c.buildings)
		residents := distribute(c.residents, c.households-c.vacant)
		h := 0
		for b := 0; b < c.buildings; b++ {
			row, col := b/cols, b%cols
			w := c.side/float64(cols) - 12
			x := c.lon + dLon((float64(col)+0.5)*c.side/float64(cols)-c.side/2, c.lat)
			y := c.lat + dLat((float64(row)+0.5)*c.side/float64(rows)-c.side/2)
			id := fmt.Sprintf("%s-%d", c.id, b+1)
			bsep := ",\n"
			if ci == len(compounds)-1 && b == c.buildings-1 {
				bsep = "\n"
			}
			fmt.Fprintf(&bs, `{"type":"Feature","geometry":%s,"properties":{"compound":%q,"has_elevator":false,"id":%q,"name":"%d号楼","storeys":%d,"structure":"brick_concrete","synthetic":true,"synthetic_fields":"footprint,has_elevator,storeys,structure"}}%s`,
				square(x, y, w, 12), c.id, id, b+1, c.storey, bsep)
			nb++
			// Households: units of 2 per floor, filled floor by floor.
			perUnit := 2 * c.storey
			for k := 0; k < perBuilding[b]; k++ {
				u := k/perUnit + 1
				floor := (k%perUnit)/2 + 1
				door := k%2 + 1
				// Areas spread evenly over the range, different per flat (deterministic).
				span := c.maxArea - c.minArea
				cents := c.minArea*100 + ((h * 7919) % (span*100 + 1))
				tenure, people, oldest := "人户合一", "0", ""
				if h < c.households-c.vacant {
					people, oldest = fmt.Sprint(residents[h]), fmt.Sprint(30+(h*37)%60)
				} else {
					tenure = "空置"
				}
				fmt.Fprintf(&hs, "%s,%s,%d,%02d%02d,%d,%d%02d,%d.%02d,登记,O%d-%04d,已售,%s,%s,%s,是\n",
					c.name, id, u, floor, door, floor, floor, door, cents/100, cents%100, ci+1, h+1, tenure, people, oldest)
				h++
			}
		}
	}
	cs.WriteString("]}\n")
	bs.WriteString("]}\n")
	for name, s := range map[string]string{"compounds.geojson": cs.String(), "buildings.geojson": bs.String(), "households.csv": hs.String()} {
		if err := os.WriteFile(filepath.Join(*out, name), []byte(s), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// distribute splits n over k as equally as whole numbers allow, the larger parts first.
func distribute(n, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = n / k
		if i < n%k {
			out[i]++
		}
	}
	return out
}
