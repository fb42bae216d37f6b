package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// fmtDur prints a duration with three significant digits in ms or s.
func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "–"
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.3g s", d.Seconds())
	}
}

// per prints d ÷ n in ns or µs, with the unit's name.
func per(d time.Duration, n int, unit string) string {
	ns := float64(d) / float64(n)
	if ns >= 1000 {
		return fmt.Sprintf("%.3g µs/%s", ns/1000, unit)
	}
	return fmt.Sprintf("%.3g ns/%s", ns, unit)
}

func ratio(anchor, lib time.Duration) string {
	if anchor == 0 || lib == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", float64(anchor)/float64(lib))
}

// report prints the results: the table, the agreement in detail, every round's times and
// the load.
func (b *bench) report(w io.Writer) error {
	t := b.t
	var rows [][]string
	row := func(cells ...string) { rows = append(rows, cells) }
	var notes []string
	note := func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }

	var queryRows []string
	if b.o.parts["city"] {
		ia := compareIndicators(b.lib, b.pg1)
		fa := compareFlags(b.lib, b.pg1.covered, len(b.radii))
		areas := fmt.Sprintf("areas ≤ %.1e (site %.1e, footprint %.1e, green %.1e, floor %.1e)",
			ia.maxArea(), ia.site.rel, ia.footprint.rel, ia.green.rel, ia.floor.rel)
		n := len(b.d.Compounds)
		for _, cores := range []int{1, 2} {
			key := fmt.Sprintf("city%d", cores)
			lib, pg := t.median(key+".lib"), t.median(key+".pg")
			row(fmt.Sprintf("indicators + life-circle coverage, %d compounds × %d kinds, %s", n, len(b.radii), coresName(cores)),
				fmt.Sprintf("NewAnalyzer, Indicators, LifeCircle; %d worker(s)", cores), sessionsName(cores)+": indicators.sql + coverage.sql",
				fmtDur(lib), fmtDur(pg), ratio(pg, lib), areas+"; "+fa.String())
		}
		var na nearestAgreement
		if b.o.nearest {
			na = compareNearest(b.d, b.lib, b.pg1.nearest, len(b.radii))
			for _, cores := range []int{1, 2} {
				key := fmt.Sprintf("city%d", cores)
				lib, pg := t.median(key+".lib"), t.median(key+".pgnear")
				row("the same and the nearest facility of each kind, "+coresName(cores),
					"the same run (LifeCircle finds the nearest)", sessionsName(cores)+": + nearest.sql",
					fmtDur(lib), fmtDur(pg), ratio(pg, lib), na.String())
			}
		}
		// Query by query, with each one's agreement.
		agreement := map[string]string{"indicators": areas, "coverage": fa.String()}
		if b.o.geography {
			agreement["coverage_geography"] = compareFlags(b.lib, b.pg1.coveredGeog, len(b.radii)).String()
		}
		if b.o.nearest {
			agreement["nearest"] = na.String()
			if b.o.geography {
				agreement["nearest_geography"] = compareNearest(b.d, b.lib, b.pg1.nearestGeog, len(b.radii)).String()
			}
		}
		for _, q := range b.queries() {
			queryRows = append(queryRows, fmt.Sprintf("| %s.sql | %s | %s | %s |", q.name,
				fmtDur(t.median("city1.pg."+q.name)), fmtDur(t.median("city2.pg."+q.name)), agreement[q.name]))
		}
		note("PostGIS load (not timed above): COPY %s; afterload.sql (GiST indexes, ANALYZE) %s.", fmtDur(b.copyTime), fmtDur(b.indexTime))
		note("site area: %v", ia.site)
		note("footprint inside the boundary: %v", ia.footprint)
		note("green area: %v", ia.green)
		note("floor area: %v", ia.floor)
		note("building coverage: %v", ia.coverage)
		note("FAR: %v", ia.far)
		note("green ratio: %v", ia.greenRatio)
		note("buildings crossing the boundary: the count differs in %d compounds", ia.crossingDiffer)
		note("coverage.sql %v", fa)
		for _, l := range fa.list {
			note("  %s", l)
		}
		if b.o.nearest {
			note("nearest.sql: distance %v", na.dist)
			if b.o.geography {
				g := compareNearest(b.d, b.lib, b.pg1.nearestGeog, len(b.radii))
				note("nearest_geography.sql: distance %v", g.dist)
			}
		}
		if s := samePgCity(b.pg1, b.pg2); s != "" {
			note("PostGIS in two sessions gave other results than in one: %s", s)
		} else {
			note("PostGIS in two sessions gave the same results as in one, bit for bit.")
		}
	}
	if b.o.parts["area"] {
		a, err := compareAreas(b.d, b.planimeterOut)
		if err != nil {
			return err
		}
		lib, pl := t.median("area.lib"), t.median("area.planimeter")
		row(fmt.Sprintf("geodesic area of %d compounds (%d rings, %d vertices), text in and out, 1 core", len(b.d.Compounds), b.rings, b.vertices),
			"library: read rings, geo.Area, print", "Planimeter -p 10",
			fmtDur(lib)+" ("+per(lib, b.vertices, "vertex")+")", fmtDur(pl)+" ("+per(pl, b.vertices, "vertex")+")", ratio(pl, lib),
			fmt.Sprintf("%.1e relative; %d of %d beyond Planimeter's 5 printed decimals", a.worst.rel, a.beyondPrint, a.compounds))
		mem := t.median("area.libmem")
		row("the same in memory (orb polygons, no text)", "library: geo.Area", "–", fmtDur(mem)+" ("+per(mem, b.vertices, "vertex")+")", "–", "–", "–")
		note("geodesic area: %v", a.worst)
		if b.pg1 != nil {
			// Anchor against anchor: PostGIS's ST_Area(geography) is PROJ's C copy of
			// GeographicLib's algorithm, on GRS80 (SRID 4490) rather than WGS84.
			var pw worst
			for i := range b.d.Compounds {
				pw.add(b.d.Compounds[i].ID, b.pg1.siteArea[i], a.planimeter[i])
			}
			note("geodesic area, PostGIS (as \"library\") against Planimeter: %v", pw)
		}
	}
	if b.o.parts["projection"] {
		p, err := compareProjected(b.libProjOut, b.cs2csOut)
		if err != nil {
			return err
		}
		lib, cs := t.median("proj.lib"), t.median("proj.cs2cs")
		row(fmt.Sprintf("%d points CGCS2000 → Gauss-Krüger CM %d°E (%s), text in and out, 1 core", b.o.points, zoneCM, zoneEPSG),
			"library: read, geo.Transformer.Point, print", "cs2cs -f %.6f EPSG:4490 "+zoneEPSG,
			fmtDur(lib)+" ("+per(lib, b.o.points, "point")+")", fmtDur(cs)+" ("+per(cs, b.o.points, "point")+")", ratio(cs, lib),
			fmt.Sprintf("%.3g µm; %d of %d lines differ in the 6th decimal", p.maxDist*1e6, p.textDiffer, p.points))
		note("projection: largest distance %.3g µm at line %d; %d of %d lines print differently", p.maxDist*1e6, p.where, p.textDiffer, p.points)
		rt, err := compareLatLon(b.pointsIn, b.backOut)
		if err != nil {
			return err
		}
		fwd, inv := t.median("gcj.fwd"), t.median("gcj.inv")
		row(fmt.Sprintf("the same %d points WGS84 → GCJ-02, text in and out, 1 core", b.o.points), "library: geo.WGS84ToGCJ02", "none (PROJ has no GCJ-02)",
			fmtDur(fwd)+" ("+per(fwd, b.o.points, "point")+")", "–", "–", "–")
		row("and back GCJ-02 → WGS84", "library: geo.GCJ02ToWGS84 (Newton)", "none",
			fmtDur(inv)+" ("+per(inv, b.o.points, "point")+")", "–", "–",
			fmt.Sprintf("round trip ≤ %.2g m (%d of %d points not back to the bit)", rt.maxDist, rt.textDiffer, rt.points))
		note("GCJ-02 round trip: largest error %.3g m at line %d; %d of %d points come back to a different float64", rt.maxDist, rt.where, rt.textDiffer, rt.points)
	}

	fmt.Fprintf(w, "Medians of %d rounds.\n\n", b.o.rounds)
	fmt.Fprintln(w, "| work | library | anchor | library time | anchor time | anchor ÷ library | largest disagreement |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Fprintln(w, "| "+strings.Join(r, " | ")+" |")
	}
	if len(queryRows) > 0 {
		fmt.Fprintln(w, "\nPostGIS query by query (medians; agreement with the library):")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| query | 1 session | 2 sessions | agreement |")
		fmt.Fprintln(w, "|---|---|---|---|")
		for _, r := range queryRows {
			fmt.Fprintln(w, r)
		}
	}
	fmt.Fprintln(w, "\nAgreement in detail:")
	for _, n := range notes {
		fmt.Fprintln(w, "- "+n)
	}
	fmt.Fprintln(w, "\nEvery round (ms):")
	fmt.Fprintln(w)
	var keys []string
	for _, cores := range []string{"city1", "city2"} {
		keys = append(keys, cores+".lib", cores+".pg", cores+".pgnear")
		for _, q := range pgQueries {
			keys = append(keys, cores+".pg."+q.name)
		}
	}
	keys = append(keys, "area.lib", "area.libmem", "area.planimeter", "proj.lib", "proj.cs2cs", "gcj.fwd", "gcj.inv")
	for _, k := range keys {
		if len(t[k]) == 0 {
			continue
		}
		var cells []string
		for _, d := range t[k] {
			cells = append(cells, fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)))
		}
		fmt.Fprintf(w, "    %-30s %s  (median %.1f)\n", k, strings.Join(cells, "  "), float64(t.median(k))/float64(time.Millisecond))
	}
	fmt.Fprintln(w, "\nLoad:")
	for _, r := range b.rounds {
		fmt.Fprintln(w, "- "+r)
	}
	return nil
}

func coresName(cores int) string {
	if cores == 1 {
		return "1 core"
	}
	return fmt.Sprintf("%d cores", cores)
}

func sessionsName(cores int) string {
	if cores == 1 {
		return "PostGIS, 1 session"
	}
	return fmt.Sprintf("PostGIS, %d sessions sharing the compounds", cores)
}
