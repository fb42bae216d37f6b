package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo/wkb"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
)

// ewkb encodes g as EWKB with the example's SRID; a nil geometry stays NULL.
func ewkb(g orb.Geometry) ([]byte, error) {
	if g == nil {
		return nil, nil
	}
	return wkb.MarshalEWKB(g, srid, wkb.LittleEndian)
}

// writeDistrict inserts the district into the schema's tables in one transaction, geometries
// as EWKB with SRID 4490. ord keeps the model's order, so that reading back gives the same
// district.
func writeDistrict(ctx context.Context, conn db, schema string, d *renovation.District) error {
	s := pgx.Identifier{schema}.Sanitize()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var b pgx.Batch
	queue := func(what string, g orb.Geometry, sql string, args ...any) error {
		e, err := ewkb(g)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		b.Queue(sql, append(args, e)...)
		return nil
	}
	var households [][]any
	for ci := range d.Compounds {
		c := &d.Compounds[ci]
		if err := queue("compound "+c.ID, c.Boundary, `INSERT INTO `+s+`.compounds
			(ord, id, name, built_year, community, street, district, field_office, property_unit, site_area_m2, synthetic, geom)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, ST_GeomFromEWKB($12))`,
			ci, c.ID, c.Name, c.BuiltYear, c.Community, c.Street, c.District, c.FieldOffice, c.PropertyUnit, c.SiteArea, c.Synthetic); err != nil {
			return err
		}
		for bi := range c.Buildings {
			bd := &c.Buildings[bi]
			if err := queue("building "+c.ID+"/"+bd.ID, bd.Footprint, `INSERT INTO `+s+`.buildings
				(ord, compound_id, id, name, storeys, built_year, structure, has_elevator, floor_area_m2, synthetic, geom)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, ST_GeomFromEWKB($11))`,
				bi, c.ID, bd.ID, bd.Name, bd.Storeys, bd.BuiltYear, string(bd.Structure), bd.HasElevator, bd.FloorArea, bd.Synthetic); err != nil {
				return err
			}
			for ui := range bd.Units {
				u := &bd.Units[ui]
				for hi := range u.Households {
					h := &u.Households[hi]
					households = append(households, []any{len(households), c.ID, bd.ID, u.ID, u.HasElevator, h.ID, h.Floor, h.Room,
						h.Area.String(), h.AreaSource.String(), h.OwnerID, h.Status.String(), h.Tenure.String(),
						h.Residents, h.OldestAge, h.Synthetic})
				}
			}
		}
	}
	for i := range d.Facilities {
		f := &d.Facilities[i]
		if err := queue("facility "+f.ID, f.Location, `INSERT INTO `+s+`.facilities (ord, id, name, kind, synthetic, geom)
			VALUES ($1,$2,$3,$4,$5, ST_GeomFromEWKB($6))`, i, f.ID, f.Name, string(f.Kind), f.Synthetic); err != nil {
			return err
		}
	}
	for i := range d.GreenSpaces {
		g := &d.GreenSpaces[i]
		if err := queue("green space "+g.ID, g.Area, `INSERT INTO `+s+`.green_spaces (ord, id, name, synthetic, geom)
			VALUES ($1,$2,$3,$4, ST_GeomFromEWKB($5))`, i, g.ID, g.Name, g.Synthetic); err != nil {
			return err
		}
	}
	for i := range d.Zones {
		z := &d.Zones[i]
		if err := queue("zone "+z.ID, z.Boundary, `INSERT INTO `+s+`.zones (ord, id, name, kind, field_office, synthetic, geom)
			VALUES ($1,$2,$3,$4,$5,$6, ST_GeomFromEWKB($7))`, i, z.ID, z.Name, string(z.Kind), z.FieldOffice, z.Synthetic); err != nil {
			return err
		}
	}
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return fmt.Errorf("insert district: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{schema, "households"},
		[]string{"ord", "compound_id", "building_id", "unit_id", "unit_has_elevator", "id", "floor", "room", "area_m2",
			"area_source", "owner_id", "status", "tenure", "residents", "oldest_age", "synthetic"},
		pgx.CopyFromRows(households)); err != nil {
		return fmt.Errorf("copy households: %w", err)
	}
	return tx.Commit(ctx)
}

// geometryFrom decodes EWKB read back from PostGIS and checks its SRID.
func geometryFrom(what string, b []byte) (orb.Geometry, error) {
	if b == nil {
		return nil, nil
	}
	g, got, err := wkb.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if got != srid {
		return nil, fmt.Errorf("%s: SRID %d, want %d", what, got, srid)
	}
	return g, nil
}

// readDistrict reads the district back from the schema, geometries as EWKB (ST_AsEWKB),
// rebuilding the model in its original order.
func readDistrict(ctx context.Context, conn db, schema string) (*renovation.District, error) {
	s := pgx.Identifier{schema}.Sanitize()
	d := &renovation.District{ID: schema, Name: schema}
	rows, err := conn.Query(ctx, `SELECT id, coalesce(name,''), coalesce(built_year,0), coalesce(community,''), coalesce(street,''),
		coalesce(district,''), coalesce(field_office,''), coalesce(property_unit,''), coalesce(site_area_m2,0), synthetic, ST_AsEWKB(geom)
		FROM `+s+`.compounds ORDER BY ord`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	index := map[string]int{}
	for rows.Next() {
		var c renovation.Compound
		var geom []byte
		if err := rows.Scan(&c.ID, &c.Name, &c.BuiltYear, &c.Community, &c.Street, &c.District, &c.FieldOffice, &c.PropertyUnit, &c.SiteArea, &c.Synthetic, &geom); err != nil {
			return nil, err
		}
		if c.Boundary, err = geometryFrom("compound "+c.ID, geom); err != nil {
			return nil, err
		}
		index[c.ID] = len(d.Compounds)
		d.Compounds = append(d.Compounds, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = conn.Query(ctx, `SELECT compound_id, id, coalesce(name,''), coalesce(storeys,0), coalesce(built_year,0), coalesce(structure,''),
		coalesce(has_elevator,false), coalesce(floor_area_m2,0), synthetic, ST_AsEWKB(geom)
		FROM `+s+`.buildings ORDER BY compound_id, ord`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var b renovation.Building
		var cid, structure string
		var geom []byte
		if err := rows.Scan(&cid, &b.ID, &b.Name, &b.Storeys, &b.BuiltYear, &structure, &b.HasElevator, &b.FloorArea, &b.Synthetic, &geom); err != nil {
			return nil, err
		}
		b.Structure = renovation.Structure(structure)
		if b.Footprint, err = geometryFrom("building "+cid+"/"+b.ID, geom); err != nil {
			return nil, err
		}
		c := &d.Compounds[index[cid]]
		c.Buildings = append(c.Buildings, b)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := readHouseholds(ctx, conn, s, d, index); err != nil {
		return nil, err
	}
	if err := readSites(ctx, conn, s, d); err != nil {
		return nil, err
	}
	return d, nil
}

func readHouseholds(ctx context.Context, conn db, s string, d *renovation.District, index map[string]int) error {
	rows, err := conn.Query(ctx, `SELECT compound_id, building_id, unit_id, unit_has_elevator, id, floor, coalesce(room,''), area_m2::text,
		coalesce(area_source,''), coalesce(owner_id,''), coalesce(status,''), coalesce(tenure,''), coalesce(residents,0), coalesce(oldest_age,0),
		coalesce(synthetic,false) FROM `+s+`.households ORDER BY ord`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid, bid, uid, area, source, status, tenure string
		var unitElevator bool
		var h renovation.Household
		if err := rows.Scan(&cid, &bid, &uid, &unitElevator, &h.ID, &h.Floor, &h.Room, &area, &source, &h.OwnerID, &status, &tenure,
			&h.Residents, &h.OldestAge, &h.Synthetic); err != nil {
			return err
		}
		where := fmt.Sprintf("household %s/%s/%s/%s", cid, bid, uid, h.ID)
		if h.Area, err = survey.ParseArea(area); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if h.AreaSource, err = survey.ParseAreaSource(source); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if h.Status, err = survey.ParseStatus(status); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if h.Tenure, err = renovation.ParseTenure(tenure); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		b := d.Compounds[index[cid]].AddHousehold(bid, uid, h)
		if unitElevator {
			b.Unit(uid).HasElevator = true
		}
	}
	return rows.Err()
}

func readSites(ctx context.Context, conn db, s string, d *renovation.District) error {
	rows, err := conn.Query(ctx, `SELECT id, coalesce(name,''), kind, synthetic, ST_AsEWKB(geom) FROM `+s+`.facilities ORDER BY ord`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f renovation.Facility
		var kind string
		var geom []byte
		if err := rows.Scan(&f.ID, &f.Name, &kind, &f.Synthetic, &geom); err != nil {
			return err
		}
		f.Kind = renovation.FacilityKind(kind)
		if f.Location, err = geometryFrom("facility "+f.ID, geom); err != nil {
			return err
		}
		d.Facilities = append(d.Facilities, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = conn.Query(ctx, `SELECT id, coalesce(name,''), synthetic, ST_AsEWKB(geom) FROM `+s+`.green_spaces ORDER BY ord`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g renovation.GreenSpace
		var geom []byte
		if err := rows.Scan(&g.ID, &g.Name, &g.Synthetic, &geom); err != nil {
			return err
		}
		if g.Area, err = geometryFrom("green space "+g.ID, geom); err != nil {
			return err
		}
		d.GreenSpaces = append(d.GreenSpaces, g)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = conn.Query(ctx, `SELECT id, coalesce(name,''), kind, coalesce(field_office,''), synthetic, ST_AsEWKB(geom) FROM `+s+`.zones ORDER BY ord`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var z renovation.Zone
		var kind string
		var geom []byte
		if err := rows.Scan(&z.ID, &z.Name, &kind, &z.FieldOffice, &z.Synthetic, &geom); err != nil {
			return err
		}
		z.Kind = renovation.ZoneKind(kind)
		if z.Boundary, err = geometryFrom("zone "+z.ID, geom); err != nil {
			return err
		}
		d.Zones = append(d.Zones, z)
	}
	return rows.Err()
}
