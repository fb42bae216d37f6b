package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// Versions a Writer can write, as PRAGMA user_version values.
const (
	Version12 = 10200 // GeoPackage 1.2
	Version13 = 10300 // GeoPackage 1.3, the default
)

// applicationID is PRAGMA application_id: "GPKG" in ASCII (GeoPackage 1.3 requirement 2).
const applicationID = 0x47504B47

// ErrLayer means a layer that cannot be written as given: a name, field, geometry type or
// SRS that is wrong, or a feature that does not fit the layer.
var ErrLayer = errors.New("gpkg: invalid layer")

// Options are the choices of Create and WriteFile. The zero value (or a nil pointer) writes
// GeoPackage 1.3 with the built-in SRS and the current time.
type Options struct {
	// Version is Version12 or Version13; 0 means Version13. GDAL 3.6 reads both without
	// warnings (it warns for 1.4).
	Version int
	// SRS are spatial reference systems to add to the built-in ones (-1 and 0, the
	// undefined Cartesian and geographic systems; 4326, WGS84; 4490, CGCS2000), for layers
	// in other systems; see GaussKrugerSRS. Their IDs must be distinct and not built in.
	SRS []SRS
	// Time is written as gpkg_contents.last_change; the zero value means the current time.
	// Set it to get byte-identical files from identical input.
	Time time.Time

	pageSize int // SQLite page size; 0 is SQLite's default (4096). Small pages make small fuzz seeds.
}

// Layer is a feature table to write.
type Layer struct {
	// Name is the table name and the identifier GIS software shows, such as "compounds"
	// or "小区". It may not start with "gpkg_", "rtree_" or "sqlite_", and layer names
	// differ case-insensitively.
	Name string
	// Description is written to gpkg_contents.description.
	Description string
	// SRSID is the srs_id of the geometries: 4326 (WGS84), 4490 (CGCS2000), 0 or -1
	// (undefined), or one given in Options.SRS.
	SRSID int
	// GeometryType is the declared type: POINT, LINESTRING, POLYGON, MULTIPOINT,
	// MULTILINESTRING, MULTIPOLYGON, GEOMETRYCOLLECTION or GEOMETRY (any). Empty means the
	// one type all geometries share, or GEOMETRY when they differ or there are none.
	GeometryType string
	// GeometryColumn names the geometry column; empty means "geom".
	GeometryColumn string
	// Fields are the attribute columns, in order. Nil means inferred from the properties:
	// one column per key, sorted by name, typed BOOLEAN, INTEGER, REAL or TEXT from the
	// values (see Field). With explicit fields, every property key must be a field.
	Fields []Field
	// IDColumn names the TEXT column that keeps feature ids which cannot be fids (see
	// AddLayer); empty means "id".
	IDColumn string
	// Features are the rows, written in order; nil geometries are written as NULL.
	Features []*geojson.Feature
}

// Writer writes a GeoPackage file layer by layer. It is not safe for concurrent use.
type Writer struct {
	db     *sql.DB
	path   string
	opts   Options
	srs    map[int]bool
	tables map[string]bool // lower-case names of tables written
}

// sqliteURI returns an SQLite URI filename for path with the given mode (ro or rwc).
func sqliteURI(path, mode string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p + "?mode=" + mode, nil
}

// Create creates a new GeoPackage at path with the required tables and the spatial
// reference systems, ready for AddLayer. It refuses to overwrite: if path exists the error
// wraps fs.ErrExist. Errors for bad options wrap ErrLayer.
func Create(path string, opts *Options) (*Writer, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Version == 0 {
		o.Version = Version13
	}
	if o.Version != Version12 && o.Version != Version13 {
		return nil, fmt.Errorf("%w: version %d, want %d (1.2) or %d (1.3)", ErrLayer, o.Version, Version12, Version13)
	}
	if o.Time.IsZero() {
		o.Time = time.Now()
	}
	srs := builtinSRS()
	known := map[int]bool{}
	for _, s := range srs {
		known[s.ID] = true
	}
	for _, s := range o.SRS {
		if known[s.ID] {
			return nil, fmt.Errorf("%w: SRS %d is given twice or is built in", ErrLayer, s.ID)
		}
		if s.Name == "" || s.Organization == "" || s.Definition == "" {
			return nil, fmt.Errorf("%w: SRS %d needs a name, an organization and a definition", ErrLayer, s.ID)
		}
		known[s.ID] = true
		srs = append(srs, s)
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("gpkg: %s: %w", path, fs.ErrExist)
	}
	uri, err := sqliteURI(path, "rwc")
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // the pragmas and transactions belong to one connection
	w := &Writer{db: db, path: path, opts: o, srs: known, tables: map[string]bool{}}
	if err := w.init(srs); err != nil {
		db.Close()
		os.Remove(path)
		return nil, fmt.Errorf("gpkg: %s: %w", path, err)
	}
	return w, nil
}

// init writes the header pragmas, the required tables and the SRS rows.
func (w *Writer) init(srs []SRS) error {
	ctx := context.Background()
	var stmts []string
	if w.opts.pageSize > 0 {
		stmts = append(stmts, fmt.Sprintf("PRAGMA page_size = %d", w.opts.pageSize))
	}
	stmts = append(stmts,
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", w.opts.Version),
		"BEGIN",
		// GeoPackage 1.3 Annex C, tables C.1, C.2 and C.3, as GDAL writes them.
		`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,srs_id INTEGER NOT NULL PRIMARY KEY,`+
			`organization TEXT NOT NULL,organization_coordsys_id INTEGER NOT NULL,definition  TEXT NOT NULL,description TEXT)`,
		`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,data_type TEXT NOT NULL,identifier TEXT UNIQUE,`+
			`description TEXT DEFAULT '',last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),`+
			`min_x DOUBLE, min_y DOUBLE,max_x DOUBLE, max_y DOUBLE,srs_id INTEGER,`+
			`CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
		`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL,column_name TEXT NOT NULL,`+
			`geometry_type_name TEXT NOT NULL,srs_id INTEGER NOT NULL,z TINYINT NOT NULL,m TINYINT NOT NULL,`+
			`CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),CONSTRAINT uk_gc_table_name UNIQUE (table_name),`+
			`CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),`+
			`CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
	)
	for _, s := range stmts {
		if _, err := w.db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", firstWords(s), err)
		}
	}
	for _, s := range srs {
		var desc any
		if s.Description != "" {
			desc = s.Description
		}
		if _, err := w.db.ExecContext(ctx, `INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)`,
			s.Name, s.ID, s.Organization, s.OrganizationID, s.Definition, desc); err != nil {
			w.db.ExecContext(ctx, "ROLLBACK")
			return fmt.Errorf("SRS %d: %w", s.ID, err)
		}
	}
	_, err := w.db.ExecContext(ctx, "COMMIT")
	return err
}

func firstWords(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// quote returns s as an SQL identifier.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// geometryTypes maps orb types to GeoPackage geometry type names.
func geometryTypeName(g orb.Geometry) string {
	switch g.(type) {
	case orb.Point:
		return "POINT"
	case orb.MultiPoint:
		return "MULTIPOINT"
	case orb.LineString:
		return "LINESTRING"
	case orb.MultiLineString:
		return "MULTILINESTRING"
	case orb.Polygon, orb.Ring, orb.Bound:
		return "POLYGON"
	case orb.MultiPolygon:
		return "MULTIPOLYGON"
	case orb.Collection:
		return "GEOMETRYCOLLECTION"
	}
	return ""
}

var geometryTypeNames = []string{"GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
	"MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"}

// AddLayer writes a feature table, its gpkg_contents row (with the bounds of its
// geometries) and its gpkg_geometry_columns row, in one transaction: on error nothing of
// the layer is left in the file.
//
// Feature ids become fids when every id is absent or a positive integer (an int or an
// integral json.Number) and they are distinct; absent ones are then numbered after the
// largest given id, in feature order (so with none given they are 1, 2, …). Otherwise fids are 1, 2, … in feature order and the ids are kept as text in the
// column Layer.IDColumn ("id"), so that string ids such as "way/123" are not lost.
//
// Errors wrap ErrLayer and name the layer, and the feature (by index) and field at fault:
// a reserved, empty or repeated name, a field named like the fid, geometry or id column
// (SQLite compares names case-insensitively), an unknown SRS, a geometry of another type
// than the layer's, a value that does not fit its column, or a property that is not a
// field.
func (w *Writer) AddLayer(l Layer) error {
	if w.db == nil {
		return fmt.Errorf("%w: writer is closed", ErrLayer)
	}
	p, err := w.plan(l)
	if err != nil {
		return fmt.Errorf("%w: layer %q: %s", ErrLayer, l.Name, err)
	}
	if err := w.write(l, p); err != nil {
		var le *layerError
		if errors.As(err, &le) {
			return fmt.Errorf("%w: layer %q: %s", ErrLayer, l.Name, le.msg)
		}
		return fmt.Errorf("gpkg: layer %q: %w", l.Name, err)
	}
	w.tables[strings.ToLower(l.Name)] = true
	return nil
}

// layerError is a problem with the data of a layer, found while writing it.
type layerError struct{ msg string }

// Error returns the message.
func (e *layerError) Error() string { return e.msg }

// plan is what AddLayer decided before writing.
type plan struct {
	geomCol, geomType, idCol string
	fields                   []Field
	idsAsFids                bool
	fids                     []int64 // per feature when idsAsFids
}

func (w *Writer) plan(l Layer) (*plan, error) {
	p := &plan{geomCol: l.GeometryColumn, geomType: strings.ToUpper(l.GeometryType), idCol: l.IDColumn}
	if p.geomCol == "" {
		p.geomCol = "geom"
	}
	if p.idCol == "" {
		p.idCol = "id"
	}
	lower := strings.ToLower(l.Name)
	switch {
	case strings.TrimSpace(l.Name) == "":
		return nil, errors.New("empty layer name")
	case strings.HasPrefix(lower, "gpkg_"), strings.HasPrefix(lower, "rtree_"), strings.HasPrefix(lower, "sqlite_"):
		return nil, errors.New("names starting with gpkg_, rtree_ or sqlite_ are reserved")
	case w.tables[lower]:
		return nil, errors.New("a layer of that name (compared case-insensitively) was already written")
	case !w.srs[l.SRSID]:
		return nil, fmt.Errorf("SRS %d is not defined; the built-in ones are -1, 0, 4326 and 4490, others go in Options.SRS", l.SRSID)
	}
	// Geometry type.
	seen := ""
	for i, f := range l.Features {
		if f == nil {
			return nil, fmt.Errorf("feature %d is nil", i)
		}
		if f.Geometry == nil {
			continue
		}
		t := geometryTypeName(f.Geometry)
		if t == "" {
			return nil, fmt.Errorf("feature %d: geometry type %T is not one of orb's", i, f.Geometry)
		}
		if p, ok := firstNonFinite(f.Geometry); ok {
			return nil, fmt.Errorf("feature %d: coordinate (%v, %v) is not finite", i, p[0], p[1])
		}
		switch {
		case p.geomType == "" && seen == "":
			seen = t
		case p.geomType == "" && seen != t:
			seen = "GEOMETRY"
		case p.geomType != "" && p.geomType != "GEOMETRY" && p.geomType != t:
			return nil, fmt.Errorf("feature %d: geometry is a %s, the layer holds %s", i, t, p.geomType)
		}
	}
	if p.geomType == "" {
		p.geomType = seen
		if seen == "" {
			p.geomType = "GEOMETRY"
		}
	}
	if !slices.Contains(geometryTypeNames, p.geomType) {
		return nil, fmt.Errorf("geometry type %q is not one of %s", l.GeometryType, strings.Join(geometryTypeNames, ", "))
	}
	// Ids.
	p.idsAsFids = true
	fids := map[int64]bool{}
	for _, f := range l.Features {
		if f.ID == nil {
			continue
		}
		n, ok := fidOf(f.ID)
		if !ok || fids[n] {
			p.idsAsFids = false
			break
		}
		fids[n] = true
	}
	// Absent ids are numbered after the largest given one, in feature order, so they never
	// take a fid that a later feature names; with no room left they are kept as text.
	var next, absent int64
	for n := range fids {
		next = max(next, n)
	}
	for _, f := range l.Features {
		if f.ID == nil {
			absent++
		}
	}
	if absent > math.MaxInt64-next {
		p.idsAsFids = false
	}
	if p.idsAsFids {
		p.fids = make([]int64, len(l.Features))
		for i, f := range l.Features {
			if f.ID == nil {
				next++
				p.fids[i] = next
			} else {
				p.fids[i], _ = fidOf(f.ID)
			}
		}
	}
	// Fields.
	p.fields = l.Fields
	if p.fields == nil {
		p.fields = inferFields(l.Features)
	}
	names := map[string]string{"fid": "fid", strings.ToLower(p.geomCol): p.geomCol}
	if strings.EqualFold(p.geomCol, "fid") {
		return nil, errors.New(`the geometry column cannot be named "fid"`)
	}
	if !p.idsAsFids {
		if prev, ok := names[strings.ToLower(p.idCol)]; ok {
			return nil, fmt.Errorf("id column %q collides with column %q", p.idCol, prev)
		}
		names[strings.ToLower(p.idCol)] = p.idCol
	}
	byName := map[string]bool{}
	for _, fd := range p.fields {
		if fd.Name == "" {
			return nil, errors.New("a field has no name")
		}
		if prev, ok := names[strings.ToLower(fd.Name)]; ok {
			return nil, fmt.Errorf("field %q collides with column %q (SQLite compares names case-insensitively)", fd.Name, prev)
		}
		if fd.Type == "" {
			return nil, fmt.Errorf("field %q has no type", fd.Name)
		}
		names[strings.ToLower(fd.Name)] = fd.Name
		byName[fd.Name] = true
	}
	if l.Fields != nil {
		for i, f := range l.Features {
			for _, k := range slices.Sorted(maps.Keys(f.Properties)) {
				if !byName[k] {
					return nil, fmt.Errorf("feature %d: property %q is not a field of the layer", i, k)
				}
			}
		}
	}
	return p, nil
}

// fidOf returns the fid an id denotes, if it is a positive integer. Integral float64 ids up
// to 2⁵³, which orb's own GeoJSON decoder produces, count too.
func fidOf(id any) (int64, bool) {
	var s string
	switch id := id.(type) {
	case json.Number:
		s = string(id)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		s = fmt.Sprint(id)
	case float64:
		if id >= 1 && id <= 1<<53 && id == math.Trunc(id) {
			return int64(id), true
		}
		return 0, false
	default:
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

func (w *Writer) write(l Layer, p *plan) (err error) {
	ctx := context.Background()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	cols := []string{quote("fid") + " INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", quote(p.geomCol) + " " + p.geomType}
	insertCols := []string{quote(p.geomCol)}
	if p.idsAsFids {
		insertCols = append(insertCols, quote("fid"))
	} else {
		cols = append(cols, quote(p.idCol)+" TEXT")
		insertCols = append(insertCols, quote(p.idCol))
	}
	for _, f := range p.fields {
		cols = append(cols, quote(f.Name)+" "+string(f.Type))
		insertCols = append(insertCols, quote(f.Name))
	}
	if _, err = tx.ExecContext(ctx, "CREATE TABLE "+quote(l.Name)+" ("+strings.Join(cols, ", ")+")"); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+quote(l.Name)+" ("+strings.Join(insertCols, ", ")+") VALUES (?"+strings.Repeat(", ?", len(insertCols)-1)+")")
	if err != nil {
		return err
	}
	defer stmt.Close()
	bound := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	args := make([]any, len(insertCols))
	for i, f := range l.Features {
		args = args[:0]
		var blob any
		if f.Geometry != nil {
			b, err := MarshalGeometry(f.Geometry, l.SRSID)
			if err != nil {
				return &layerError{fmt.Sprintf("feature %d: geometry: %v", i, err)}
			}
			blob = b
			if !geo.IsEmpty(f.Geometry) {
				bound = bound.Union(f.Geometry.Bound())
			}
		}
		args = append(args, blob)
		if p.idsAsFids {
			args = append(args, p.fids[i])
		} else {
			var id any
			if f.ID != nil {
				id, _ = sqlValue(f.ID, Text)
			}
			args = append(args, id)
		}
		for _, fd := range p.fields {
			v, err := sqlValue(f.Properties[fd.Name], fd.Type)
			if err != nil {
				return &layerError{fmt.Sprintf("feature %d field %q: %v", i, fd.Name, err)}
			}
			args = append(args, v)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return &layerError{fmt.Sprintf("feature %d: %v", i, err)}
		}
	}
	var bounds [4]any // NULL when the layer has no geometry
	if bound.Min[0] <= bound.Max[0] {
		bounds = [4]any{bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]}
	}
	var desc any = l.Description
	if _, err = tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.Name, l.Name, desc, w.opts.Time.UTC().Format("2006-01-02T15:04:05.000Z"), bounds[0], bounds[1], bounds[2], bounds[3], l.SRSID); err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)`,
		l.Name, p.geomCol, p.geomType, l.SRSID); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the file. The Writer cannot be used afterwards.
func (w *Writer) Close() error {
	if w.db == nil {
		return nil
	}
	err := w.db.Close()
	w.db = nil
	if err != nil {
		return fmt.Errorf("gpkg: %s: %w", w.path, err)
	}
	return nil
}

// WriteFile creates a GeoPackage at path holding the given layers, in order. It refuses to
// overwrite an existing file (fs.ErrExist) and removes the file it was writing if a layer
// fails. See Create and AddLayer for options and errors.
func WriteFile(path string, opts *Options, layers ...Layer) error {
	w, err := Create(path, opts)
	if err != nil {
		return err
	}
	for _, l := range layers {
		if err := w.AddLayer(l); err != nil {
			w.Close()
			os.Remove(path)
			return err
		}
	}
	if err := w.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// firstNonFinite returns the first point of g with a NaN or infinite coordinate.
func firstNonFinite(g orb.Geometry) (orb.Point, bool) {
	bad := func(ps []orb.Point) (orb.Point, bool) {
		for _, p := range ps {
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
				return p, true
			}
		}
		return orb.Point{}, false
	}
	switch g := g.(type) {
	case orb.Point:
		return bad([]orb.Point{g})
	case orb.MultiPoint:
		return bad(g)
	case orb.LineString:
		return bad(g)
	case orb.Ring:
		return bad(g)
	case orb.Bound:
		return bad([]orb.Point{g.Min, g.Max})
	case orb.MultiLineString:
		for _, ls := range g {
			if p, ok := bad(ls); ok {
				return p, true
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if p, ok := bad(r); ok {
				return p, true
			}
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			if p, ok := firstNonFinite(pg); ok {
				return p, true
			}
		}
	case orb.Collection:
		for _, m := range g {
			if p, ok := firstNonFinite(m); ok {
				return p, true
			}
		}
	}
	return orb.Point{}, false
}
