package sun

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// ephemScript reads "lat lon RFC3339-UTC" lines and prints the sun's altitude and azimuth in
// degrees as PyEphem computes them (VSOP87, apparent, topocentric), with refraction off.
const ephemScript = `
import sys, math, ephem
for line in sys.stdin:
    lat, lon, when = line.split()
    o = ephem.Observer()
    o.lat, o.lon = str(lat), str(lon)
    o.elevation = 0
    o.pressure = 0
    o.date = ephem.Date(when.replace('T', ' ').rstrip('Z').replace('-', '/'))
    s = ephem.Sun(o)
    print("%.6f %.6f" % (math.degrees(s.alt), math.degrees(s.az)))
`

// cities are the places the issue names, lat/lon in degrees (city centres).
var cities = []struct {
	name     string
	lat, lon float64
}{
	{"Beijing", 39.9042, 116.4074},
	{"Shanghai", 31.2304, 121.4737},
	{"Guangzhou", 23.1291, 113.2644},
	{"Harbin", 45.8038, 126.5350},
}

// ephemPython returns a python3 that can import ephem: Debian's (/usr/bin/python3, where
// python3-ephem installs) or the one on PATH; it skips (or fails) t when neither can.
func ephemPython(t *testing.T) string {
	t.Helper()
	cands := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	for _, py := range cands {
		if exec.Command(py, "-c", "import ephem").Run() == nil {
			return py
		}
	}
	testtool.SkipOrFail(t, "no python3 can import ephem (Debian package python3-ephem)")
	return ""
}

// runEphem runs the script on the given lines, skipping (or failing) when python3-ephem is
// not installed.
func runEphem(t *testing.T, input string) []string {
	t.Helper()
	py := ephemPython(t)
	cmd := exec.Command(py, "-c", ephemScript)
	cmd.Stdin = strings.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 ephem: %v: %s", err, stderr.String())
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// TestPositionAgainstEphem checks altitude and azimuth against PyEphem for four cities on
// 大寒 and 冬至, every hour of apparent solar time from 7:00 to 17:00: within 0.05°.
func TestPositionAgainstEphem(t *testing.T) {
	type tc struct {
		label string
		want  Position
		t     time.Time
		lat   float64
		lon   float64
	}
	var cases []tc
	var in strings.Builder
	for _, year := range []int{2025, 2026} {
		for _, term := range []struct {
			name string
			lon  float64
		}{{"大寒", GreatCold}, {"冬至", WinterSolstice}} {
			day := TermDay(year, term.lon)
			for _, c := range cities {
				for h := 7; h <= 17; h++ {
					m := float64(h * 60)
					p := AtSolarTime(day, m, c.lat, c.lon)
					at := day.Instant(m, c.lon)
					if q := At(at, c.lat, c.lon); math.Abs(q.Altitude-p.Altitude) > 1e-6 || math.Abs(q.Azimuth-p.Azimuth) > 1e-6 {
						t.Errorf("%s %s %s %02d:00: At %v and AtSolarTime %v disagree", c.name, term.name, day, h, q, p)
					}
					cases = append(cases, tc{fmt.Sprintf("%s %s %s %02d:00 AST", c.name, term.name, day, h), p, at, c.lat, c.lon})
					fmt.Fprintf(&in, "%.6f %.6f %s\n", c.lat, c.lon, at.UTC().Format("2006-01-02T15:04:05.000000Z"))
				}
			}
		}
	}
	got := runEphem(t, in.String())
	if len(got) != len(cases) {
		t.Fatalf("ephem printed %d lines for %d cases", len(got), len(cases))
	}
	worstAlt, worstAz := 0.0, 0.0
	for i, c := range cases {
		var alt, az float64
		if _, err := fmt.Sscan(got[i], &alt, &az); err != nil {
			t.Fatalf("ephem line %q: %v", got[i], err)
		}
		dAlt := math.Abs(c.want.Altitude - alt)
		dAz := math.Abs(math.Mod(c.want.Azimuth-az+540, 360) - 180)
		worstAlt, worstAz = math.Max(worstAlt, dAlt), math.Max(worstAz, dAz)
		if dAlt > 0.05 || dAz > 0.05 {
			t.Errorf("%s: altitude %.4f° azimuth %.4f°, ephem %.4f° %.4f°", c.label, c.want.Altitude, c.want.Azimuth, alt, az)
		}
	}
	t.Logf("%d positions; worst difference from ephem: altitude %.4f°, azimuth %.4f°", len(cases), worstAlt, worstAz)
}

// TestTermAgainstEphem checks the solar terms' instants against PyEphem's solstice and its
// sun longitude: within 20 minutes, and the China-time dates the sunlight standards use.
func TestTermAgainstEphem(t *testing.T) {
	py := ephemPython(t)
	script := `
import ephem, math
for y in (2024, 2025, 2026, 2027):
    print(ephem.Date(ephem.next_solstice('%d/12/1' % y)).datetime().strftime('%Y-%m-%dT%H:%M:%SZ'))
    # 大寒: apparent geocentric ecliptic longitude of date reaches 300°.
    lo, hi = ephem.Date('%d/1/10' % y), ephem.Date('%d/1/30' % y)
    for _ in range(60):
        mid = ephem.Date((lo + hi) / 2)
        s = ephem.Sun(mid)
        lon = math.degrees(ephem.Ecliptic(ephem.Equatorial(s.ra, s.dec, epoch=mid), epoch=mid).lon)
        if lon < 300: lo = mid
        else: hi = mid
    print(ephem.Date(lo).datetime().strftime('%Y-%m-%dT%H:%M:%SZ'))
`
	out, err := exec.Command(py, "-c", script).Output()
	if err != nil {
		t.Fatalf("python3 ephem: %v", err)
	}
	lines := strings.Fields(string(out))
	i := 0
	for _, y := range []int{2024, 2025, 2026, 2027} {
		for _, term := range []float64{WinterSolstice, GreatCold} {
			want, err := time.Parse(time.RFC3339, lines[i])
			i++
			if err != nil {
				t.Fatal(err)
			}
			got := Term(y, term)
			if d := got.Sub(want); d > 20*time.Minute || d < -20*time.Minute {
				t.Errorf("Term(%d, %v) = %s, ephem %s (%s apart)", y, term, got, want, d)
			}
			w := want.In(chinaTime)
			if day := TermDay(y, term); day != (Day{w.Year(), w.Month(), w.Day()}) {
				t.Errorf("TermDay(%d, %v) = %s, ephem's date in China time %s", y, term, day, w.Format("2006-01-02"))
			}
		}
	}
}
