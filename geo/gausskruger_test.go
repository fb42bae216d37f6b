package geo

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// gkCase is one point projected by PROJ 9.1.1 (EPSG data v10.076). For each zone the points
// are the central meridian at 22.5°N, 0.01° inside both zone edges, points at 45°N and 53.4°N,
// and the east edge itself at 18.3°N. They were made with
//
//	echo "LAT LON" | cs2cs -f %.6f EPSG:4490 EPSG:NNNN     (Gauss-Krüger; prints N E)
//	echo "LAT LON" | cs2cs -f %.6f EPSG:4326 EPSG:326NN    (UTM north; prints E N)
//
// for the 3° zones with prefix EPSG:4513, 4523, 4526, 4527, 4528, 4533 (zones 25, 35, 38, 39,
// 40, 45), without prefix EPSG:4534, 4544, 4547, 4548, 4549, 4554 (CM 75, 105, 114, 117, 120,
// 135E), the 6° zones with prefix EPSG:4491, 4497, 4498, 4501 (zones 13, 19, 20, 23) and
// without EPSG:4502, 4508, 4509, 4512 (CM 75, 111, 117, 135E), and UTM EPSG:32643, 32648,
// 32650, 32651. They are given here as {EPSG, {lon, lat}, {easting, northing}}.
var gkCases = []struct {
	epsg   int
	lonlat orb.Point
	en     orb.Point
}{
	{4513, orb.Point{75, 22.5}, orb.Point{25500000.000000, 2489167.311084}},
	{4513, orb.Point{73.51, 31.2}, orb.Point{25357989.035188, 3454105.245149}},
	{4513, orb.Point{76.49, 39.9}, orb.Point{25627424.832753, 4419488.591326}},
	{4513, orb.Point{75.7, 45}, orb.Point{25555192.786849, 4985182.787385}},
	{4513, orb.Point{74.7, 53.4}, orb.Point{25480045.496648, 5919178.327862}},
	{4513, orb.Point{76.5, 18.3}, orb.Point{25658601.328186, 2024838.548582}},
	{4523, orb.Point{105, 22.5}, orb.Point{35500000.000000, 2489167.311084}},
	{4523, orb.Point{103.51, 31.2}, orb.Point{35357989.035188, 3454105.245149}},
	{4523, orb.Point{106.49, 39.9}, orb.Point{35627424.832753, 4419488.591326}},
	{4523, orb.Point{105.7, 45}, orb.Point{35555192.786849, 4985182.787385}},
	{4523, orb.Point{104.7, 53.4}, orb.Point{35480045.496648, 5919178.327862}},
	{4523, orb.Point{106.5, 18.3}, orb.Point{35658601.328186, 2024838.548582}},
	{4526, orb.Point{114, 22.5}, orb.Point{38500000.000000, 2489167.311084}},
	{4526, orb.Point{112.51, 31.2}, orb.Point{38357989.035188, 3454105.245149}},
	{4526, orb.Point{115.49, 39.9}, orb.Point{38627424.832753, 4419488.591326}},
	{4526, orb.Point{114.7, 45}, orb.Point{38555192.786849, 4985182.787385}},
	{4526, orb.Point{113.7, 53.4}, orb.Point{38480045.496648, 5919178.327862}},
	{4526, orb.Point{115.5, 18.3}, orb.Point{38658601.328186, 2024838.548582}},
	{4527, orb.Point{117, 22.5}, orb.Point{39500000.000000, 2489167.311084}},
	{4527, orb.Point{115.51, 31.2}, orb.Point{39357989.035188, 3454105.245149}},
	{4527, orb.Point{118.49, 39.9}, orb.Point{39627424.832753, 4419488.591326}},
	{4527, orb.Point{117.7, 45}, orb.Point{39555192.786849, 4985182.787385}},
	{4527, orb.Point{116.7, 53.4}, orb.Point{39480045.496648, 5919178.327862}},
	{4527, orb.Point{118.5, 18.3}, orb.Point{39658601.328186, 2024838.548582}},
	{4528, orb.Point{120, 22.5}, orb.Point{40500000.000000, 2489167.311084}},
	{4528, orb.Point{118.51, 31.2}, orb.Point{40357989.035188, 3454105.245149}},
	{4528, orb.Point{121.49, 39.9}, orb.Point{40627424.832753, 4419488.591326}},
	{4528, orb.Point{120.7, 45}, orb.Point{40555192.786849, 4985182.787385}},
	{4528, orb.Point{119.7, 53.4}, orb.Point{40480045.496648, 5919178.327862}},
	{4528, orb.Point{121.5, 18.3}, orb.Point{40658601.328186, 2024838.548582}},
	{4533, orb.Point{135, 22.5}, orb.Point{45500000.000000, 2489167.311084}},
	{4533, orb.Point{133.51, 31.2}, orb.Point{45357989.035188, 3454105.245149}},
	{4533, orb.Point{136.49, 39.9}, orb.Point{45627424.832753, 4419488.591326}},
	{4533, orb.Point{135.7, 45}, orb.Point{45555192.786849, 4985182.787385}},
	{4533, orb.Point{134.7, 53.4}, orb.Point{45480045.496648, 5919178.327862}},
	{4533, orb.Point{136.5, 18.3}, orb.Point{45658601.328186, 2024838.548582}},
	{4534, orb.Point{75, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4534, orb.Point{73.51, 31.2}, orb.Point{357989.035188, 3454105.245149}},
	{4534, orb.Point{76.49, 39.9}, orb.Point{627424.832753, 4419488.591326}},
	{4534, orb.Point{75.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4534, orb.Point{74.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4534, orb.Point{76.5, 18.3}, orb.Point{658601.328186, 2024838.548582}},
	{4544, orb.Point{105, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4544, orb.Point{103.51, 31.2}, orb.Point{357989.035188, 3454105.245149}},
	{4544, orb.Point{106.49, 39.9}, orb.Point{627424.832753, 4419488.591326}},
	{4544, orb.Point{105.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4544, orb.Point{104.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4544, orb.Point{106.5, 18.3}, orb.Point{658601.328186, 2024838.548582}},
	{4547, orb.Point{114, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4547, orb.Point{112.51, 31.2}, orb.Point{357989.035188, 3454105.245149}},
	{4547, orb.Point{115.49, 39.9}, orb.Point{627424.832753, 4419488.591326}},
	{4547, orb.Point{114.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4547, orb.Point{113.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4547, orb.Point{115.5, 18.3}, orb.Point{658601.328186, 2024838.548582}},
	{4548, orb.Point{117, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4548, orb.Point{115.51, 31.2}, orb.Point{357989.035188, 3454105.245149}},
	{4548, orb.Point{118.49, 39.9}, orb.Point{627424.832753, 4419488.591326}},
	{4548, orb.Point{117.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4548, orb.Point{116.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4548, orb.Point{118.5, 18.3}, orb.Point{658601.328186, 2024838.548582}},
	{4549, orb.Point{120, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4549, orb.Point{118.51, 31.2}, orb.Point{357989.035188, 3454105.245149}},
	{4549, orb.Point{121.49, 39.9}, orb.Point{627424.832753, 4419488.591326}},
	{4549, orb.Point{120.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4549, orb.Point{119.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4549, orb.Point{121.5, 18.3}, orb.Point{658601.328186, 2024838.548582}},
	{4554, orb.Point{135, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4554, orb.Point{133.51, 31.2}, orb.Point{357989.035188, 3454105.245149}},
	{4554, orb.Point{136.49, 39.9}, orb.Point{627424.832753, 4419488.591326}},
	{4554, orb.Point{135.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4554, orb.Point{134.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4554, orb.Point{136.5, 18.3}, orb.Point{658601.328186, 2024838.548582}},
	{4491, orb.Point{75, 22.5}, orb.Point{13500000.000000, 2489167.311084}},
	{4491, orb.Point{72.01, 31.2}, orb.Point{13214979.597498, 3457003.275539}},
	{4491, orb.Point{77.99, 39.9}, orb.Point{13755720.480771, 4422707.822951}},
	{4491, orb.Point{75.7, 45}, orb.Point{13555192.786849, 4985182.787385}},
	{4491, orb.Point{74.7, 53.4}, orb.Point{13480045.496648, 5919178.327862}},
	{4491, orb.Point{78, 18.3}, orb.Point{13817290.559481, 2026796.486408}},
	{4497, orb.Point{111, 22.5}, orb.Point{19500000.000000, 2489167.311084}},
	{4497, orb.Point{108.01, 31.2}, orb.Point{19214979.597498, 3457003.275539}},
	{4497, orb.Point{113.99, 39.9}, orb.Point{19755720.480771, 4422707.822951}},
	{4497, orb.Point{111.7, 45}, orb.Point{19555192.786849, 4985182.787385}},
	{4497, orb.Point{110.7, 53.4}, orb.Point{19480045.496648, 5919178.327862}},
	{4497, orb.Point{114, 18.3}, orb.Point{19817290.559481, 2026796.486408}},
	{4498, orb.Point{117, 22.5}, orb.Point{20500000.000000, 2489167.311084}},
	{4498, orb.Point{114.01, 31.2}, orb.Point{20214979.597498, 3457003.275539}},
	{4498, orb.Point{119.99, 39.9}, orb.Point{20755720.480771, 4422707.822951}},
	{4498, orb.Point{117.7, 45}, orb.Point{20555192.786849, 4985182.787385}},
	{4498, orb.Point{116.7, 53.4}, orb.Point{20480045.496648, 5919178.327862}},
	{4498, orb.Point{120, 18.3}, orb.Point{20817290.559481, 2026796.486408}},
	{4501, orb.Point{135, 22.5}, orb.Point{23500000.000000, 2489167.311084}},
	{4501, orb.Point{132.01, 31.2}, orb.Point{23214979.597498, 3457003.275539}},
	{4501, orb.Point{137.99, 39.9}, orb.Point{23755720.480771, 4422707.822951}},
	{4501, orb.Point{135.7, 45}, orb.Point{23555192.786849, 4985182.787385}},
	{4501, orb.Point{134.7, 53.4}, orb.Point{23480045.496648, 5919178.327862}},
	{4501, orb.Point{138, 18.3}, orb.Point{23817290.559481, 2026796.486408}},
	{4502, orb.Point{75, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4502, orb.Point{72.01, 31.2}, orb.Point{214979.597498, 3457003.275539}},
	{4502, orb.Point{77.99, 39.9}, orb.Point{755720.480771, 4422707.822951}},
	{4502, orb.Point{75.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4502, orb.Point{74.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4502, orb.Point{78, 18.3}, orb.Point{817290.559481, 2026796.486408}},
	{4508, orb.Point{111, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4508, orb.Point{108.01, 31.2}, orb.Point{214979.597498, 3457003.275539}},
	{4508, orb.Point{113.99, 39.9}, orb.Point{755720.480771, 4422707.822951}},
	{4508, orb.Point{111.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4508, orb.Point{110.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4508, orb.Point{114, 18.3}, orb.Point{817290.559481, 2026796.486408}},
	{4509, orb.Point{117, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4509, orb.Point{114.01, 31.2}, orb.Point{214979.597498, 3457003.275539}},
	{4509, orb.Point{119.99, 39.9}, orb.Point{755720.480771, 4422707.822951}},
	{4509, orb.Point{117.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4509, orb.Point{116.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4509, orb.Point{120, 18.3}, orb.Point{817290.559481, 2026796.486408}},
	{4512, orb.Point{135, 22.5}, orb.Point{500000.000000, 2489167.311084}},
	{4512, orb.Point{132.01, 31.2}, orb.Point{214979.597498, 3457003.275539}},
	{4512, orb.Point{137.99, 39.9}, orb.Point{755720.480771, 4422707.822951}},
	{4512, orb.Point{135.7, 45}, orb.Point{555192.786849, 4985182.787385}},
	{4512, orb.Point{134.7, 53.4}, orb.Point{480045.496648, 5919178.327862}},
	{4512, orb.Point{138, 18.3}, orb.Point{817290.559481, 2026796.486408}},
	{32643, orb.Point{75, 22.5}, orb.Point{500000.000000, 2488171.644236}},
	{32643, orb.Point{72.01, 31.2}, orb.Point{215093.605661, 3455620.474326}},
	{32643, orb.Point{77.99, 39.9}, orb.Point{755618.192577, 4420938.739936}},
	{32643, orb.Point{75.7, 45}, orb.Point{555170.709733, 4983188.714389}},
	{32643, orb.Point{74.7, 53.4}, orb.Point{480053.478449, 5916810.656655}},
	{32643, orb.Point{78, 18.3}, orb.Point{817163.643256, 2025985.767877}},
	{32648, orb.Point{105, 22.5}, orb.Point{500000.000000, 2488171.644236}},
	{32648, orb.Point{102.01, 31.2}, orb.Point{215093.605661, 3455620.474326}},
	{32648, orb.Point{107.99, 39.9}, orb.Point{755618.192577, 4420938.739936}},
	{32648, orb.Point{105.7, 45}, orb.Point{555170.709733, 4983188.714389}},
	{32648, orb.Point{104.7, 53.4}, orb.Point{480053.478449, 5916810.656655}},
	{32648, orb.Point{108, 18.3}, orb.Point{817163.643256, 2025985.767877}},
	{32650, orb.Point{117, 22.5}, orb.Point{500000.000000, 2488171.644236}},
	{32650, orb.Point{114.01, 31.2}, orb.Point{215093.605661, 3455620.474326}},
	{32650, orb.Point{119.99, 39.9}, orb.Point{755618.192577, 4420938.739936}},
	{32650, orb.Point{117.7, 45}, orb.Point{555170.709733, 4983188.714389}},
	{32650, orb.Point{116.7, 53.4}, orb.Point{480053.478449, 5916810.656655}},
	{32650, orb.Point{120, 18.3}, orb.Point{817163.643256, 2025985.767877}},
	{32651, orb.Point{123, 22.5}, orb.Point{500000.000000, 2488171.644236}},
	{32651, orb.Point{120.01, 31.2}, orb.Point{215093.605661, 3455620.474326}},
	{32651, orb.Point{125.99, 39.9}, orb.Point{755618.192577, 4420938.739936}},
	{32651, orb.Point{123.7, 45}, orb.Point{555170.709733, 4983188.714389}},
	{32651, orb.Point{122.7, 53.4}, orb.Point{480053.478449, 5916810.656655}},
	{32651, orb.Point{126, 18.3}, orb.Point{817163.643256, 2025985.767877}},
}

func TestGaussKrugerAgainstPROJ(t *testing.T) {
	// PROJ printed 6 decimals (1 µm); we ask for 1 mm forward and 1e-8° (about 1 mm) inverse,
	// and see 1e-6 m.
	var maxFwd float64
	for _, c := range gkCases {
		crs, err := ParseCRS("EPSG:" + strconv.Itoa(c.epsg))
		if err != nil {
			t.Fatalf("ParseCRS(EPSG:%d): %v", c.epsg, err)
		}
		if crs.EPSG() != c.epsg {
			t.Fatalf("ParseCRS(EPSG:%d).EPSG() = %d", c.epsg, crs.EPSG())
		}
		fwd, err := Transform(c.lonlat, CGCS2000, crs)
		if err != nil {
			t.Errorf("%v: Transform(%v): %v", crs, c.lonlat, err)
			continue
		}
		got := fwd.(orb.Point)
		d := math.Hypot(got[0]-c.en[0], got[1]-c.en[1])
		maxFwd = max(maxFwd, d)
		if d > 1e-3 {
			t.Errorf("%v: forward %v = %.6f, PROJ %.6f, off by %.3g m", crs, c.lonlat, got, c.en, d)
		}
		inv, err := Transform(c.en, crs, CGCS2000)
		if err != nil {
			t.Errorf("%v: Transform(%v) back: %v", crs, c.en, err)
			continue
		}
		ll := inv.(orb.Point)
		if math.Abs(ll[0]-c.lonlat[0]) > 1e-8 || math.Abs(ll[1]-c.lonlat[1]) > 1e-8 {
			t.Errorf("%v: inverse %v = %.10f, want %v", crs, c.en, ll, c.lonlat)
		}
	}
	t.Logf("max forward difference from PROJ over %d points: %.3g m", len(gkCases), maxFwd)
}

func TestZoneConstructors(t *testing.T) {
	tests := []struct {
		name   string
		make   func() (CRS, error)
		epsg   int
		cm     int
		prefix bool
		str    string
	}{
		// Names as PROJ's EPSG database gives them (projinfo EPSG:4513, EPSG:4491, EPSG:4502).
		{"GK3(25)", func() (CRS, error) { return GK3(25) }, 4513, 75, true, "CGCS2000 / 3-degree Gauss-Kruger zone 25 (EPSG:4513)"},
		{"GK3(39)", func() (CRS, error) { return GK3(39) }, 4527, 117, true, "CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527)"},
		{"GK3(45)", func() (CRS, error) { return GK3(45) }, 4533, 135, true, "CGCS2000 / 3-degree Gauss-Kruger zone 45 (EPSG:4533)"},
		{"GK3CM(75)", func() (CRS, error) { return GK3CM(75) }, 4534, 75, false, "CGCS2000 / 3-degree Gauss-Kruger CM 75E (EPSG:4534)"},
		{"GK3CM(117)", func() (CRS, error) { return GK3CM(117) }, 4548, 117, false, "CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548)"},
		{"GK3CM(135)", func() (CRS, error) { return GK3CM(135) }, 4554, 135, false, "CGCS2000 / 3-degree Gauss-Kruger CM 135E (EPSG:4554)"},
		{"GK6(13)", func() (CRS, error) { return GK6(13) }, 4491, 75, true, "CGCS2000 / Gauss-Kruger zone 13 (EPSG:4491)"},
		{"GK6(20)", func() (CRS, error) { return GK6(20) }, 4498, 117, true, "CGCS2000 / Gauss-Kruger zone 20 (EPSG:4498)"},
		{"GK6(23)", func() (CRS, error) { return GK6(23) }, 4501, 135, true, "CGCS2000 / Gauss-Kruger zone 23 (EPSG:4501)"},
		{"GK6CM(75)", func() (CRS, error) { return GK6CM(75) }, 4502, 75, false, "CGCS2000 / Gauss-Kruger CM 75E (EPSG:4502)"},
		{"GK6CM(117)", func() (CRS, error) { return GK6CM(117) }, 4509, 117, false, "CGCS2000 / Gauss-Kruger CM 117E (EPSG:4509)"},
		{"GK6CM(135)", func() (CRS, error) { return GK6CM(135) }, 4512, 135, false, "CGCS2000 / Gauss-Kruger CM 135E (EPSG:4512)"},
		{"UTM(50,N)", func() (CRS, error) { return UTM(50, true) }, 32650, 117, false, "WGS 84 / UTM zone 50N (EPSG:32650)"},
		{"UTM(1,S)", func() (CRS, error) { return UTM(1, false) }, 32701, -177, false, "WGS 84 / UTM zone 1S (EPSG:32701)"},
		{"UTM(60,N)", func() (CRS, error) { return UTM(60, true) }, 32660, 177, false, "WGS 84 / UTM zone 60N (EPSG:32660)"},
	}
	for _, tc := range tests {
		c, err := tc.make()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := struct {
			EPSG, CM     int
			Prefix, Proj bool
			Str          string
			Ellipsoid    string
		}{c.EPSG(), c.centralMeridian(), c.prefix, c.Projected(), c.String(), c.Ellipsoid().Name}
		wantEll := "CGCS2000"
		if tc.epsg > 30000 {
			wantEll = "WGS84"
		}
		want := struct {
			EPSG, CM     int
			Prefix, Proj bool
			Str          string
			Ellipsoid    string
		}{tc.epsg, tc.cm, tc.prefix, true, tc.str, wantEll}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, d)
		}
		// The false easting carries the zone number exactly when prefixed.
		tm := c.transverseMercator()
		origin := tm.Forward(orb.Point{float64(tc.cm), 0})
		wantFE := 500000.0
		if tc.prefix {
			wantFE += float64(c.zone) * 1e6
		}
		wantFN := 0.0
		if c.south {
			wantFN = 1e7
		}
		if math.Abs(origin[0]-wantFE) > 1e-6 || math.Abs(origin[1]-wantFN) > 1e-6 {
			t.Errorf("%s: origin projects to %v, want {%v %v}", tc.name, origin, wantFE, wantFN)
		}
	}
}

func TestZoneConstructorErrors(t *testing.T) {
	for name, f := range map[string]func() (CRS, error){
		"GK3(24)":    func() (CRS, error) { return GK3(24) },
		"GK3(46)":    func() (CRS, error) { return GK3(46) },
		"GK3CM(72)":  func() (CRS, error) { return GK3CM(72) },
		"GK3CM(118)": func() (CRS, error) { return GK3CM(118) },
		"GK3CM(138)": func() (CRS, error) { return GK3CM(138) },
		"GK6(12)":    func() (CRS, error) { return GK6(12) },
		"GK6(24)":    func() (CRS, error) { return GK6(24) },
		"GK6CM(69)":  func() (CRS, error) { return GK6CM(69) },
		"GK6CM(117)": nil,
		"GK6CM(120)": func() (CRS, error) { return GK6CM(120) },
		"GK6CM(141)": func() (CRS, error) { return GK6CM(141) },
		"UTM(0)":     func() (CRS, error) { return UTM(0, true) },
		"UTM(61)":    func() (CRS, error) { return UTM(61, true) },
	} {
		if f == nil {
			continue
		}
		c, err := f()
		if !errors.Is(err, ErrZone) {
			t.Errorf("%s = %v, %v; want an error wrapping ErrZone", name, c, err)
		}
	}
}

func TestZoneFor(t *testing.T) {
	tests := []struct {
		lon      float64
		gk3, gk6 int
		utm      int
		gk3Err   bool
		gk6Err   bool
	}{
		{116.4, 39, 20, 50, false, false},
		{121.47, 40, 21, 51, false, false},
		// Tie rule: a boundary belongs to the zone east of it.
		{118.5, 40, 20, 50, false, false},
		{math.Nextafter(118.5, 0), 39, 20, 50, false, false},
		{115.5, 39, 20, 50, false, false},
		{math.Nextafter(115.5, 0), 38, 20, 50, false, false},
		{120, 40, 21, 51, false, false},
		{math.Nextafter(120, 0), 40, 20, 50, false, false},
		// The ends of China's zones.
		{73.5, 25, 13, 43, false, false},
		{math.Nextafter(73.5, 0), 0, 13, 43, true, false},
		{72, 0, 13, 43, true, false},
		{math.Nextafter(72, 0), 0, 0, 42, true, true},
		{136.4999, 45, 23, 53, false, false},
		{136.5, 0, 23, 53, true, false},
		{math.Nextafter(138, 0), 0, 23, 53, true, false},
		{138, 0, 0, 54, true, true},
		{180, 0, 0, 60, true, true},
		{-180, 0, 0, 1, true, true},
	}
	for _, tc := range tests {
		gk3, err3 := GK3ZoneFor(tc.lon)
		gk6, err6 := GK6ZoneFor(tc.lon)
		utm, errU := UTMZoneFor(tc.lon)
		if (err3 != nil) != tc.gk3Err || (err3 == nil && gk3 != tc.gk3) || (err3 != nil && !errors.Is(err3, ErrZone)) {
			t.Errorf("GK3ZoneFor(%.17g) = %d, %v; want %d (error %v)", tc.lon, gk3, err3, tc.gk3, tc.gk3Err)
		}
		if (err6 != nil) != tc.gk6Err || (err6 == nil && gk6 != tc.gk6) || (err6 != nil && !errors.Is(err6, ErrZone)) {
			t.Errorf("GK6ZoneFor(%.17g) = %d, %v; want %d (error %v)", tc.lon, gk6, err6, tc.gk6, tc.gk6Err)
		}
		if errU != nil || utm != tc.utm {
			t.Errorf("UTMZoneFor(%.17g) = %d, %v; want %d", tc.lon, utm, errU, tc.utm)
		}
	}
	for _, lon := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := GK3ZoneFor(lon); !errors.Is(err, ErrZone) {
			t.Errorf("GK3ZoneFor(%v): %v, want ErrZone", lon, err)
		}
		if _, err := GK6ZoneFor(lon); !errors.Is(err, ErrZone) {
			t.Errorf("GK6ZoneFor(%v): %v, want ErrZone", lon, err)
		}
		if _, err := UTMZoneFor(lon); !errors.Is(err, ErrZone) {
			t.Errorf("UTMZoneFor(%v): %v, want ErrZone", lon, err)
		}
	}
}

// TestZoneForProperty checks over many longitudes that the zone chosen contains the
// longitude in its half-open area of use [CM − w/2, CM + w/2).
func TestZoneForProperty(t *testing.T) {
	for i := 0; i <= 630000; i++ {
		lon := 73.5 + float64(i)*1e-4
		if lon >= 136.5 {
			break
		}
		n, err := GK3ZoneFor(lon)
		if err != nil {
			t.Fatalf("GK3ZoneFor(%v): %v", lon, err)
		}
		cm := float64(3 * n)
		if !(lon >= cm-1.5 && lon < cm+1.5) {
			t.Fatalf("GK3ZoneFor(%v) = %d, whose area of use is [%v, %v)", lon, n, cm-1.5, cm+1.5)
		}
		m, err := GK6ZoneFor(lon)
		if err != nil {
			t.Fatalf("GK6ZoneFor(%v): %v", lon, err)
		}
		cm6 := float64(6*m - 3)
		if !(lon >= cm6-3 && lon < cm6+3) {
			t.Fatalf("GK6ZoneFor(%v) = %d, whose area of use is [%v, %v)", lon, m, cm6-3, cm6+3)
		}
	}
}
