package load

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/geo"
	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/roster"
)

// Options name a district's files. Only Compounds is required. Layer paths are GeoJSON files
// or GeoPackages, "city.gpkg#layer" choosing a layer; a GeoPackage of several layers may also
// be given whole, its layers then found by name (compounds 小区, buildings 楼栋, facilities 设施,
// green 绿地, zones 范围).
type Options struct {
	// ID and Name are the district's; Name defaults to the compounds collection's "name"
	// member, and the district's attribution is that collection's "attribution".
	ID, Name string

	Compounds   string
	Buildings   string
	Facilities  string
	GreenSpaces string
	Zones       string
	// Gates is a planner's gates layer (points; see renovation.GatesFromFeatures), each gate
	// naming its compound or placed in the compound whose boundary is nearest
	// (renovation.District.PlaceGates): the first rung of the exit ladder.
	Gates string
	// Households is a roster (.csv or .xlsx, see renovation/roster); DefaultCompound is the
	// compound its rows belong to when it has no 小区 column.
	Households      string
	DefaultCompound string

	// CRS is the coordinate system of every layer; the zero value means each file's own
	// declaration, else WGS84.
	CRS geo.CRS
	// LayerCRS is the coordinate system of single layers, keyed by role (compounds,
	// buildings, facilities, green, zones, gates; see ParseLayerCRS): a layer's CRS is
	// LayerCRS[role], else CRS, else its file's declaration, else WGS84. A layer named here
	// is read in this CRS even where its file declares another (such a file is a warning in
	// Report.Warnings, an error wrapping ErrCRSConflict under Strict); CRS, given for every
	// layer, conflicting with a file's declaration is an ErrCRSConflict.
	LayerCRS map[string]geo.CRS
	// Join places buildings that name no compound (see renovation.District.PlaceBuildings);
	// its RunOptions also run the reading.
	Join renovation.JoinOptions
	// GeoJSON bounds what reading each GeoJSON file may allocate.
	GeoJSON xgeojson.ReadOptions
	// Strict makes every unread property or column and every unmapped value (Report.Unread)
	// an error wrapping ErrUnread, and a LayerCRS overriding a file's declaration an error
	// wrapping ErrCRSConflict.
	Strict bool
}

// ErrUnread is wrapped by District's error under Options.Strict when a file holds a property,
// column or value that nothing reads.
var ErrUnread = errors.New("names or values that are not read")

// Report says what District read: each layer with its CRS and repairs, and where the
// buildings went.
type Report struct {
	Layers []LayerReport `json:"layers"`
	// Join is how buildings that name no compound were placed; nil when every building named
	// one or there was no buildings layer.
	Join *renovation.JoinReport `json:"join,omitempty"`
	// Households counts the roster's rows.
	Households int `json:"households"`
	// OSM is what ReadOSM read from an OpenStreetMap file and left out; nil for District.
	OSM *OSMReport `json:"osm,omitempty"`
	// Unread lists every property of a layer and column of the roster that nothing reads,
	// and every value that could not be mapped, with the nearest name that is read.
	Unread []renovation.Unread `json:"unread"`
	// Warnings are data that was read but looks incomplete or misplaced: each compound with
	// no buildings, whose figures are unknown, not zero; a layer read in its LayerCRS over
	// its file's declaration; and a buildings or facilities layer that fits the compounds
	// far better moved as if it were in another of WGS84, GCJ-02 and BD-09, naming that CRS
	// (a layer read in the wrong one sits 30–1,000 m off). (A roster with a header and no
	// rows is an error.)
	Warnings []string `json:"warnings"`
}

// LayerReport is one layer read: its role (compounds, buildings, facilities, green, zones),
// where it came from, and what was repaired.
type LayerReport struct {
	Role      string   `json:"role"`
	File      string   `json:"file"`
	Layer     string   `json:"layer,omitempty"`
	CRS       string   `json:"crs"`
	CRSFrom   string   `json:"crs_from"`
	Features  int      `json:"features"`
	Repairs   []Repair `json:"repairs"`
	Altitudes int      `json:"altitudes,omitempty"`
}

// layerRoles are the layer roles of Options.LayerCRS, in the order District reads them.
var layerRoles = []string{"compounds", "buildings", "facilities", "green", "zones", "gates"}

// layerNames are the names District looks for in a GeoPackage of several layers.
var layerNames = map[string][]string{
	"compounds":  {"compounds", "小区"},
	"buildings":  {"buildings", "楼栋", "建筑"},
	"facilities": {"facilities", "设施"},
	"green":      {"green", "green_spaces", "绿地"},
	"zones":      {"zones", "范围", "区域"},
	"gates":      {"gates", "出入口", "大门"},
}

// District reads a district from the files o names, places its buildings, attaches its
// households and validates it (renovation.District.Validate). ctx is checked between layers
// and while buildings are placed.
//
// Errors name the file and, where there is one, the feature, row or cell: a file that cannot
// be read, a CRS that is unknown or conflicts with the file's (ErrCRSConflict),
// renovation.FeatureErrors for geometries that cannot be transformed or repaired and for
// properties that cannot be read, the roster's errors, and the district's validation errors.
func District(ctx context.Context, o Options) (*renovation.District, *Report, error) {
	if o.Compounds == "" {
		return nil, nil, errors.New("load: no compounds file")
	}
	for role := range o.LayerCRS {
		if _, ok := layerNames[role]; !ok {
			return nil, nil, fmt.Errorf("load: LayerCRS names %q, which is not a layer role (%s)", role, strings.Join(layerRoles, ", "))
		}
	}
	rep := &Report{Layers: []LayerReport{}, Unread: []renovation.Unread{}, Warnings: []string{}}
	read := func(role, path string) (*Layer, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ro := &ReadOptions{CRS: o.CRS, GeoJSON: o.GeoJSON, Names: layerNames[role]}
		own, perLayer := o.LayerCRS[role]
		if perLayer = perLayer && own != (geo.CRS{}); perLayer {
			ro.CRS, ro.OverrideDeclared = own, true
		}
		l, err := ReadLayer(path, ro)
		if err != nil {
			return nil, err
		}
		if perLayer && l.CRSFrom == FromOption {
			l.CRSFrom = FromLayerOption
		}
		if l.Overrode != "" {
			msg := fmt.Sprintf("%s: the file declares %s, but %s was given for the %s layer and is used", l.label(), l.Overrode, crsName(own), role)
			if o.Strict {
				return nil, fmt.Errorf("load: %w (strict): %s", ErrCRSConflict, msg)
			}
			rep.Warnings = append(rep.Warnings, msg)
		}
		rep.Layers = append(rep.Layers, LayerReport{Role: role, File: l.File, Layer: l.Layer, CRS: crsName(l.CRS), CRSFrom: l.CRSFrom,
			Features: len(l.Features), Repairs: l.Repairs, Altitudes: l.Altitudes})
		rep.Unread = append(rep.Unread, renovation.UnreadProperties(role, l.label(), l.Features)...)
		return l, nil
	}
	cl, err := read("compounds", o.Compounds)
	if err != nil {
		return nil, nil, err
	}
	d := &renovation.District{ID: o.ID, Name: o.Name, Attribution: cl.Attribution}
	if d.Name == "" {
		d.Name = cl.Name
	}
	if d.Compounds, err = renovation.CompoundsFromFeatures(cl.label(), cl.Features); err != nil {
		return nil, nil, err
	}
	var cf *compoundFit
	fit := func() *compoundFit { // built on first need, from the compounds as read
		if cf == nil {
			cf = newCompoundFit(d.Compounds)
		}
		return cf
	}
	if o.Buildings != "" {
		l, err := read("buildings", o.Buildings)
		if err != nil {
			return nil, nil, err
		}
		if w := fit().crsFitWarning("buildings", l); w != "" {
			rep.Warnings = append(rep.Warnings, w)
		}
		bs, err := renovation.BuildingsFromFeatures(l.label(), l.Features)
		if err != nil {
			return nil, nil, err
		}
		jr, err := d.PlaceBuildings(ctx, l.label(), bs, &o.Join)
		if err != nil {
			return nil, nil, err
		}
		if len(jr.Placed)+len(jr.Ambiguous)+len(jr.Unassigned) > 0 {
			rep.Join = jr
		}
	}
	if o.Facilities != "" {
		l, err := read("facilities", o.Facilities)
		if err != nil {
			return nil, nil, err
		}
		if w := fit().crsFitWarning("facilities", l); w != "" {
			rep.Warnings = append(rep.Warnings, w)
		}
		if d.Facilities, err = renovation.FacilitiesFromFeatures(l.label(), l.Features); err != nil {
			return nil, nil, err
		}
	}
	if o.GreenSpaces != "" {
		l, err := read("green", o.GreenSpaces)
		if err != nil {
			return nil, nil, err
		}
		if d.GreenSpaces, err = renovation.GreenSpacesFromFeatures(l.label(), l.Features); err != nil {
			return nil, nil, err
		}
	}
	if o.Zones != "" {
		l, err := read("zones", o.Zones)
		if err != nil {
			return nil, nil, err
		}
		if d.Zones, err = renovation.ZonesFromFeatures(l.label(), l.Features); err != nil {
			return nil, nil, err
		}
	}
	if o.Gates != "" {
		l, err := read("gates", o.Gates)
		if err != nil {
			return nil, nil, err
		}
		gs, err := renovation.GatesFromFeatures(l.label(), l.Features)
		if err != nil {
			return nil, nil, err
		}
		if err := d.PlaceGates(l.label(), gs, 0); err != nil {
			return nil, nil, err
		}
	}
	if o.Households != "" {
		r, err := roster.ReadFile(o.Households, nil)
		if err != nil {
			return nil, nil, err
		}
		if err := r.Attach(d, o.DefaultCompound); err != nil {
			return nil, nil, err
		}
		rep.Households = len(r.Entries)
		rep.Unread = append(rep.Unread, r.Unread()...)
	}
	for _, c := range d.Compounds {
		if len(c.Buildings) == 0 {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s compound %q (%s) has no buildings: its floor area and households are unknown, not zero", cl.File, c.ID, c.Name))
		}
	}
	if o.Strict && len(rep.Unread) > 0 {
		lines := make([]string, len(rep.Unread))
		for i, u := range rep.Unread {
			lines[i] = u.String()
		}
		return nil, nil, fmt.Errorf("load: %w (strict):\n  %s", ErrUnread, strings.Join(lines, "\n  "))
	}
	if err := d.Validate(); err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	return d, rep, nil
}
