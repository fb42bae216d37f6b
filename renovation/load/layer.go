package load

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
	"github.com/xiaoqu/xiaoqu/geo/gpkg"
	"github.com/xiaoqu/xiaoqu/geo/shp"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// ReadOptions are the options of ReadLayer and ReadGeoJSON. The zero value takes each file's
// declared CRS (else WGS84) and the readers' default limits.
type ReadOptions struct {
	// CRS is the coordinate system of the file; the zero value means the file's declaration,
	// else WGS84 (see the package documentation).
	CRS geo.CRS
	// OverrideDeclared takes CRS even where the file declares another coordinate system
	// (a caller's word about this one file, e.g. GCJ-02 data labelled EPSG:4326, which
	// GCJ-02 has no code of its own to replace); Layer.Overrode then names the declaration.
	// Without it such a file is an ErrCRSConflict.
	OverrideDeclared bool
	// GeoJSON bounds what reading a GeoJSON file may allocate (geo/geojson's defaults when
	// zero). Lax is always set, so that unclosed rings reach geo.Repair.
	GeoJSON xgeojson.ReadOptions
	// GeoPackage bounds what decoding a GeoPackage geometry may allocate.
	GeoPackage gpkg.ReadOptions
	// Shapefile bounds what reading a shapefile may allocate, and may name the code page of
	// its .dbf.
	Shapefile shp.ReadOptions
	// Names are the layer names to look for in a GeoPackage of several layers when the path
	// names none ("city.gpkg#小区" names one), e.g. {"compounds", "小区"}.
	Names []string
}

// Layer is one layer of features read from a file, with its geometries in WGS84 longitude and
// latitude and its polygons repaired.
type Layer struct {
	// File is the path as given, without a "#layer" suffix; Layer the GeoPackage layer read,
	// empty for GeoJSON.
	File  string `json:"file"`
	Layer string `json:"layer,omitempty"`
	// CRS is the coordinate system the file was read in, and CRSFrom where that came from:
	// FromOption, FromFile or FromDefault.
	CRS     geo.CRS `json:"crs"`
	CRSFrom string  `json:"crs_from"`
	// Overrode is the coordinate system the file declares when ReadOptions.OverrideDeclared
	// replaced it with another (e.g. "WGS84 (EPSG:4326)"); empty otherwise.
	Overrode string `json:"overrode,omitempty"`
	// Features are the layer's features in file order: geometries in WGS84, properties as
	// read (numbers as json.Number from GeoJSON, int64 or float64 from GeoPackage).
	Features []*geojson.Feature `json:"-"`
	// Repairs lists the features whose geometry was repaired, and how.
	Repairs []Repair `json:"repairs"`
	// Altitudes counts the positions whose third coordinate was dropped.
	Altitudes int `json:"altitudes,omitempty"`
	// Name and Attribution are a GeoJSON collection's "name" and "attribution" members.
	Name        string `json:"name,omitempty"`
	Attribution string `json:"attribution,omitempty"`
}

// Repair is a feature whose geometry geo.Repair fixed.
type Repair struct {
	Index int      `json:"index"` // 0-based position in the layer
	ID    string   `json:"id,omitempty"`
	Fixed []string `json:"fixed"` // what was wrong, as geo.GeometryError says it
}

// ReadLayer reads a layer from a GeoJSON file (.geojson, .json), a GeoPackage (.gpkg,
// optionally "file.gpkg#layer") or a shapefile (.shp with its .dbf, .prj and .cpg beside it,
// or a .zip holding one, optionally "file.zip#name"; see geo/shp). A GeoPackage of one
// feature layer needs no layer name; with several, the path or opts.Names must name one.
//
// Errors: the file's own (missing, not GeoJSON, not a GeoPackage); an unknown or conflicting
// CRS (wrapping geo.ErrUnknownCRS or ErrCRSConflict; a GeoPackage layer with srs_id -1,
// the undefined Cartesian system, needs opts.CRS and wraps geo.ErrUnknownCRS without it); and renovation.FeatureErrors naming every
// feature whose geometry cannot be transformed or repaired.
//
// From a GeoPackage it allocates in Go at most about 3 times the file's size (a polygon of
// thousands of empty rings; SQLite's page cache besides).
func ReadLayer(path string, opts *ReadOptions) (*Layer, error) {
	var o ReadOptions
	if opts != nil {
		o = *opts
	}
	file, layer, _ := strings.Cut(path, "#")
	switch strings.ToLower(filepath.Ext(file)) {
	case ".geojson", ".json":
		if layer != "" {
			return nil, fmt.Errorf("%s: a GeoJSON file has no layers (%q)", file, layer)
		}
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ReadGeoJSON(f, file, &o)
	case ".gpkg":
		return readGeoPackage(file, layer, &o)
	case ".shp", ".zip":
		return readShapefile(path, &o)
	}
	return nil, fmt.Errorf("%s: not a GeoJSON (.geojson, .json), GeoPackage (.gpkg) or shapefile (.shp, .zip) file", path)
}

// ReadGeoJSON reads a layer from GeoJSON; file names it in messages. See ReadLayer.
func ReadGeoJSON(r io.Reader, file string, opts *ReadOptions) (*Layer, error) {
	var o ReadOptions
	if opts != nil {
		o = *opts
	}
	ro := o.GeoJSON
	ro.Lax = true
	doc, err := xgeojson.Read(r, &ro)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var found geo.CRS
	declared := ""
	if doc.CRS != nil {
		declared = string(doc.CRS.Raw)
		if doc.CRS.EPSG != 0 {
			declared = fmt.Sprintf("EPSG:%d", doc.CRS.EPSG)
			found = crsOfEPSG(doc.CRS.EPSG)
		}
	}
	crs, from, overrode, err := resolveCRS(file, o.CRS, found, declared, o.OverrideDeclared)
	if err != nil {
		return nil, err
	}
	l := &Layer{File: file, CRS: crs, CRSFrom: from, Overrode: overrode, Features: doc.Collection.Features, Altitudes: doc.Altitudes}
	l.Name, _ = doc.Collection.ExtraMembers["name"].(string)
	l.Attribution, _ = doc.Collection.ExtraMembers["attribution"].(string)
	return l, l.normalise()
}

func readGeoPackage(file, layer string, o *ReadOptions) (*Layer, error) {
	r, err := gpkg.Open(file, &o.GeoPackage)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	infos, err := r.Layers()
	if err != nil {
		return nil, err
	}
	var info *gpkg.LayerInfo
	names := make([]string, len(infos))
	for i := range infos {
		names[i] = infos[i].Name
	}
	pick := func(name string) {
		for i := range infos {
			if strings.EqualFold(infos[i].Name, name) || infos[i].Identifier == name {
				info = &infos[i]
				return
			}
		}
	}
	switch {
	case layer != "":
		pick(layer)
		if info == nil {
			return nil, fmt.Errorf("%s: %w %q (the file has %s)", file, gpkg.ErrNoLayer, layer, strings.Join(names, ", "))
		}
	case len(infos) == 1:
		info = &infos[0]
	default:
		for _, n := range o.Names {
			if pick(n); info != nil {
				break
			}
		}
		if info == nil {
			return nil, fmt.Errorf("%s: %d layers (%s); name one as %s#LAYER", file, len(infos), strings.Join(names, ", "), file)
		}
	}
	if info.SRSID == -1 && o.CRS == (geo.CRS{}) {
		// -1 is the undefined Cartesian system (GeoPackage 1.3 requirement 11): planar
		// coordinates in an unnamed system, which read as degrees would land anywhere.
		return nil, fmt.Errorf("%s: layer %s: srs_id -1 is an undefined Cartesian coordinate system, not longitude/latitude (%w); give the CRS", file, info.Name, geo.ErrUnknownCRS)
	}
	var found geo.CRS
	declared := ""
	if id := info.SRSID; id > 0 {
		srs, err := r.SRS(id)
		if err != nil {
			return nil, fmt.Errorf("%s: layer %s: %w", file, info.Name, err)
		}
		declared = fmt.Sprintf("%s:%d (%s)", srs.Organization, srs.OrganizationID, srs.Name)
		if strings.EqualFold(srs.Organization, "EPSG") {
			found = crsOfEPSG(srs.OrganizationID)
		}
	}
	crs, from, overrode, err := resolveCRS(file+"#"+info.Name, o.CRS, found, declared, o.OverrideDeclared)
	if err != nil {
		return nil, err
	}
	fc, err := r.ReadLayer(info.Name)
	if err != nil {
		return nil, err
	}
	l := &Layer{File: file, Layer: info.Name, CRS: crs, CRSFrom: from, Overrode: overrode, Features: fc.Features}
	return l, l.normalise()
}

func readShapefile(path string, o *ReadOptions) (*Layer, error) {
	s, err := shp.ReadFile(path, &o.Shapefile)
	if err != nil {
		return nil, err
	}
	declared := ""
	if s.PRJ != "" {
		declared = ".prj " + strings.Join(strings.Fields(s.PRJ[:min(len(s.PRJ), 60)]), " ")
		if len(s.PRJ) > 60 {
			declared += "…"
		}
	}
	crs, from, overrode, err := resolveCRS(s.File, o.CRS, s.CRS, declared, o.OverrideDeclared)
	if err != nil {
		return nil, err
	}
	l := &Layer{File: s.File, CRS: crs, CRSFrom: from, Overrode: overrode, Features: s.Features, Altitudes: s.Dropped}
	return l, l.normalise()
}

// label is the name the features go by in messages: file, or file#layer.
func (l *Layer) label() string {
	if l.Layer != "" {
		return l.File + "#" + l.Layer
	}
	return l.File
}

// normalise transforms every geometry to WGS84 and repairs the polygons, in parallel; it
// returns renovation.FeatureErrors for those it cannot.
func (l *Layer) normalise() error {
	var tr *geo.Transformer
	if l.CRS != geo.WGS84 && l.CRS != geo.CGCS2000 {
		var err error
		if tr, err = geo.NewTransformer(l.CRS, geo.WGS84); err != nil {
			return fmt.Errorf("%s: %w", l.label(), err)
		}
	}
	n := len(l.Features)
	errs := make([]*renovation.FeatureError, n)
	fixes := make([]*Repair, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fixes[i], errs[i] = l.normaliseFeature(i, tr)
			}
		}()
	}
	wg.Wait()
	var fe renovation.FeatureErrors
	more, firstMore := 0, 0
	for i := range n {
		switch {
		case errs[i] == nil:
		case len(fe) < MaxFeatureErrors:
			fe = append(fe, errs[i])
		default:
			if more == 0 {
				firstMore = i
			}
			more++
		}
		if fixes[i] != nil {
			l.Repairs = append(l.Repairs, *fixes[i])
		}
	}
	if l.Repairs == nil {
		l.Repairs = []Repair{}
	}
	if more > 0 {
		fe = append(fe, &renovation.FeatureError{File: l.label(), Index: firstMore,
			Err: fmt.Errorf("this feature and %d more after it have problems too, not listed (load.MaxFeatureErrors)", more-1)})
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// MaxFeatureErrors bounds the features whose problems a layer's error lists, and
// MaxRepairNotes the notes a Repair keeps: a layer of a million broken rings must not cost a
// hundred times its size in messages. What is left out is counted.
const (
	MaxFeatureErrors = 100
	MaxRepairNotes   = 10
)

func (l *Layer) normaliseFeature(i int, tr *geo.Transformer) (*Repair, *renovation.FeatureError) {
	f := l.Features[i]
	if f == nil {
		return nil, &renovation.FeatureError{File: l.label(), Index: i, Err: errors.New("feature is null")}
	}
	id := featureID(f)
	fail := func(err error) (*Repair, *renovation.FeatureError) {
		return nil, &renovation.FeatureError{File: l.label(), Index: i, ID: id, Field: "geometry", Err: err}
	}
	g := f.Geometry
	if g == nil {
		return nil, nil // the model's readers report a missing geometry where it matters
	}
	if tr != nil {
		t, err := tr.Geometry(g)
		if err != nil {
			return fail(err)
		}
		g = t
	}
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		fixed, notes, err := geo.Repair(id, g, nil)
		if err != nil {
			return fail(err)
		}
		f.Geometry = fixed
		if len(notes) > 0 {
			r := &Repair{Index: i, ID: id}
			for _, n := range notes[:min(len(notes), MaxRepairNotes)] {
				r.Fixed = append(r.Fixed, n.Error())
			}
			if len(notes) > MaxRepairNotes {
				r.Fixed = append(r.Fixed, fmt.Sprintf("and %d more (load.MaxRepairNotes)", len(notes)-MaxRepairNotes))
			}
			return r, nil
		}
	case orb.Point:
		p := g.(orb.Point)
		if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
			return fail(fmt.Errorf("point %v is not a longitude and latitude in range (%w)", p, geo.ErrLonLatRange))
		}
		f.Geometry = p
	default:
		f.Geometry = g
	}
	return nil, nil
}

// featureID is the feature's ID as the model's readers take it, for messages.
func featureID(f *geojson.Feature) string {
	for _, k := range []string{"id", "编号"} {
		if v, ok := f.Properties[k]; ok && v != nil {
			return strings.TrimSpace(fmt.Sprint(v))
		}
	}
	if f.ID != nil {
		return fmt.Sprint(f.ID)
	}
	return ""
}
