package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/wkb"
)

// ErrNotGeoPackage means a file that is not an SQLite database with the GeoPackage tables.
var ErrNotGeoPackage = errors.New("gpkg: not a GeoPackage")

// ErrNoLayer means a layer name that is not a feature table of the file.
var ErrNoLayer = errors.New("gpkg: no such layer")

// FeatureError is a problem with one feature of a file being read.
type FeatureError struct {
	Path  string // the file
	Layer string // the layer (table) name
	FID   int64  // the feature's fid
	Err   error  // what is wrong, wrapping ErrBlob and the wkb errors
}

// Error returns "gpkg: FILE: layer "NAME" fid N: " and the problem.
func (e *FeatureError) Error() string {
	return fmt.Sprintf("gpkg: %s: layer %q fid %d: %s", e.Path, e.Layer, e.FID, strings.TrimPrefix(e.Err.Error(), "gpkg: "))
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *FeatureError) Unwrap() error { return e.Err }

// ReadOptions are the choices of Open. The zero value (or a nil pointer) rejects Z and M
// and uses the wkb package's default limits.
type ReadOptions struct {
	// Geometry decodes the WKB of geometry blobs; its DropZM reads 3D and measured
	// geometries as 2D, and its MaxPoints and MaxDepth bound each geometry.
	Geometry wkb.Decoder
}

// Reader reads the feature layers of a GeoPackage. It is safe for concurrent use.
type Reader struct {
	db   *sql.DB
	path string
	dec  wkb.Decoder
}

// LayerInfo describes a feature layer.
type LayerInfo struct {
	Name           string    // table name
	Identifier     string    // gpkg_contents.identifier, the name GIS software shows
	Description    string    // gpkg_contents.description
	GeometryColumn string    // name of the geometry column
	GeometryType   string    // declared type: POINT, …, GEOMETRY
	SRSID          int       // srs_id of the geometries
	Count          int64     // number of rows
	Bounds         orb.Bound // gpkg_contents bounds; zero when the file gives none
	Fields         []Field   // attribute columns in table order, with their declared types
}

// Open opens a GeoPackage read-only. It checks that the file is an SQLite database with
// the gpkg_contents and gpkg_geometry_columns tables (the application_id is not checked,
// since older writers left it 0); otherwise the error wraps ErrNotGeoPackage. A missing
// file gives an error wrapping fs.ErrNotExist.
func Open(path string, opts *ReadOptions) (*Reader, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	uri, err := sqliteURI(path, "ro")
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %s: %w", path, err)
	}
	r := &Reader{db: db, path: path}
	if opts != nil {
		r.dec = opts.Geometry
	}
	var n int
	err = db.QueryRowContext(context.Background(),
		`SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name IN ('gpkg_contents', 'gpkg_geometry_columns')`).Scan(&n)
	if err != nil || n != 2 {
		db.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotGeoPackage, path, err)
		}
		return nil, fmt.Errorf("%w: %s has no gpkg_contents and gpkg_geometry_columns tables", ErrNotGeoPackage, path)
	}
	return r, nil
}

// Close closes the file.
func (r *Reader) Close() error { return r.db.Close() }

// Layers lists the feature layers (gpkg_contents rows of data type "features" that have a
// geometry column), sorted by table name.
func (r *Reader) Layers() ([]LayerInfo, error) {
	ctx := context.Background()
	rows, err := r.db.QueryContext(ctx, `SELECT c.table_name, c.identifier, c.description, g.column_name,
		g.geometry_type_name, g.srs_id, c.min_x, c.min_y, c.max_x, c.max_y
		FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %s: listing layers: %w", r.path, err)
	}
	var infos []LayerInfo
	for rows.Next() {
		var li LayerInfo
		var ident, desc sql.NullString
		var minX, minY, maxX, maxY sql.NullFloat64
		if err := rows.Scan(&li.Name, &ident, &desc, &li.GeometryColumn, &li.GeometryType, &li.SRSID, &minX, &minY, &maxX, &maxY); err != nil {
			rows.Close()
			return nil, fmt.Errorf("gpkg: %s: listing layers: %w", r.path, err)
		}
		li.Identifier, li.Description = ident.String, desc.String
		if minX.Valid && minY.Valid && maxX.Valid && maxY.Valid {
			li.Bounds = orb.Bound{Min: orb.Point{minX.Float64, minY.Float64}, Max: orb.Point{maxX.Float64, maxY.Float64}}
		}
		infos = append(infos, li)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gpkg: %s: listing layers: %w", r.path, err)
	}
	rows.Close()
	for i := range infos {
		li := &infos[i]
		t, err := r.table(ctx, li.Name, li.GeometryColumn)
		if err != nil {
			return nil, err
		}
		li.Fields = t.fields
		if err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM "+quote(li.Name)).Scan(&li.Count); err != nil {
			return nil, fmt.Errorf("gpkg: %s: layer %q: counting features: %w", r.path, li.Name, err)
		}
	}
	return infos, nil
}

// tableInfo is the column layout of a feature table.
type tableInfo struct {
	name, geomCol, pk string
	fields            []Field
}

// table reads the columns of a feature table: its integer primary key (or rowid), the
// geometry column, and the attribute columns.
func (r *Reader) table(ctx context.Context, name, geomCol string) (*tableInfo, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?)", name)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %s: layer %q: reading columns: %w", r.path, name, err)
	}
	defer rows.Close()
	t := &tableInfo{name: name, geomCol: geomCol}
	found := false
	for rows.Next() {
		var col, typ string
		var pk int
		if err := rows.Scan(&col, &typ, &pk); err != nil {
			return nil, fmt.Errorf("gpkg: %s: layer %q: reading columns: %w", r.path, name, err)
		}
		switch {
		case pk == 1 && strings.EqualFold(typ, "INTEGER") && t.pk == "":
			t.pk = col
		case strings.EqualFold(col, geomCol):
			t.geomCol, found = col, true
		default:
			t.fields = append(t.fields, Field{Name: col, Type: FieldType(typ)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gpkg: %s: layer %q: reading columns: %w", r.path, name, err)
	}
	if !found {
		return nil, fmt.Errorf("%w: %s: layer %q has no column %q, which gpkg_geometry_columns names", ErrNotGeoPackage, r.path, name, geomCol)
	}
	if t.pk == "" {
		t.pk = "rowid"
	}
	return t, nil
}

// ForEach calls fn with each feature of the layer in fid order: ID is the fid (int64),
// Geometry is decoded from the GeoPackageBinary blob (nil for NULL and for an empty
// point), and Properties holds every attribute column by name, NULL as nil, BOOLEAN
// columns as bool, other values as the driver gives them (int64, float64, string, []byte,
// or time.Time for DATE and DATETIME columns). It stops at the first error of fn and
// returns it. A blob that cannot be decoded, or whose srs_id differs from the layer's,
// gives a *FeatureError naming the file, layer and fid and wrapping ErrBlob (and the wkb
// errors); an unknown layer gives ErrNoLayer; database errors are wrapped.
func (r *Reader) ForEach(layer string, fn func(*geojson.Feature) error) error {
	ctx := context.Background()
	var geomCol string
	var srsID int
	err := r.db.QueryRowContext(ctx, `SELECT g.column_name, g.srs_id FROM gpkg_geometry_columns g
		JOIN gpkg_contents c ON c.table_name = g.table_name WHERE c.data_type = 'features' AND g.table_name = ?`, layer).Scan(&geomCol, &srsID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s has no feature layer %q", ErrNoLayer, r.path, layer)
	}
	if err != nil {
		return fmt.Errorf("gpkg: %s: layer %q: %w", r.path, layer, err)
	}
	t, err := r.table(ctx, layer, geomCol)
	if err != nil {
		return err
	}
	cols := []string{quote(t.pk), quote(t.geomCol)}
	for _, f := range t.fields {
		cols = append(cols, quote(f.Name))
	}
	rows, err := r.db.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+quote(layer)+" ORDER BY "+quote(t.pk))
	if err != nil {
		return fmt.Errorf("gpkg: %s: layer %q: %w", r.path, layer, err)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		clear(vals)
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("gpkg: %s: layer %q: %w", r.path, layer, err)
		}
		fid, _ := vals[0].(int64)
		f := &geojson.Feature{Type: "Feature", ID: fid, Properties: make(geojson.Properties, len(t.fields))}
		switch blob := vals[1].(type) {
		case nil:
		case []byte:
			g, id, err := UnmarshalGeometry(blob, r.dec)
			if err != nil {
				return &FeatureError{Path: r.path, Layer: layer, FID: fid, Err: err}
			}
			if g != nil && id != srsID {
				return &FeatureError{Path: r.path, Layer: layer, FID: fid,
					Err: fmt.Errorf("%w: geometry has srs_id %d, the layer %d", ErrBlob, id, srsID)}
			}
			f.Geometry = g
		default:
			return &FeatureError{Path: r.path, Layer: layer, FID: fid,
				Err: fmt.Errorf("%w: the geometry column holds a %T, not a blob", ErrBlob, blob)}
		}
		for i, fd := range t.fields {
			f.Properties[fd.Name] = propertyValue(vals[2+i], string(fd.Type))
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gpkg: %s: layer %q: %w", r.path, layer, err)
	}
	return nil
}

// ReadLayer returns all features of a layer as a FeatureCollection, in fid order; see
// ForEach for what each feature holds and for the errors.
func (r *Reader) ReadLayer(layer string) (*geojson.FeatureCollection, error) {
	fc := geojson.NewFeatureCollection()
	err := r.ForEach(layer, func(f *geojson.Feature) error {
		fc.Append(f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fc, nil
}

// ErrNoSRS means an srs_id that gpkg_spatial_ref_sys does not define.
var ErrNoSRS = errors.New("gpkg: no such spatial reference system")

// SRS returns the gpkg_spatial_ref_sys row with the given srs_id, for example to show a
// layer's coordinate system. A missing row gives an error wrapping ErrNoSRS.
func (r *Reader) SRS(id int) (SRS, error) {
	var s SRS
	var desc sql.NullString
	err := r.db.QueryRowContext(context.Background(), `SELECT srs_id, srs_name, organization,
		organization_coordsys_id, definition, description FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, id).
		Scan(&s.ID, &s.Name, &s.Organization, &s.OrganizationID, &s.Definition, &desc)
	if errors.Is(err, sql.ErrNoRows) {
		return SRS{}, fmt.Errorf("%w: %s: srs_id %d", ErrNoSRS, r.path, id)
	}
	if err != nil {
		return SRS{}, fmt.Errorf("gpkg: %s: srs_id %d: %w", r.path, id, err)
	}
	s.Description = desc.String
	return s, nil
}
