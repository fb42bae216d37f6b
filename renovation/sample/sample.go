package sample

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/roster"
)

//go:embed data
var data embed.FS

// Names of the sample districts, for Load.
const (
	Lujiazui = "lujiazui"
	BUPT     = "bupt"
)

// Names lists the mapped sample districts (OpenStreetMap geometry); Zhengzhou, whose
// geometry is illustrative, is loaded by name but not listed.
func Names() []string { return []string{Lujiazui, BUPT} }

// Files returns the files of sample district name (compounds.geojson, buildings.geojson,
// facilities.geojson, green.geojson, zones.geojson, households.csv; the last three may be
// absent), so that callers can copy them or read them as a user's own files.
func Files(name string) (fs.FS, error) {
	if !known(name) {
		return nil, fmt.Errorf("no sample district %q (have %v)", name, Names())
	}
	return fs.Sub(data, path.Join("data", name))
}

func known(name string) bool {
	if name == Zhengzhou {
		return true
	}
	for _, n := range Names() {
		if n == name {
			return true
		}
	}
	return false
}

// Load assembles sample district name into the model: compounds with their buildings, units
// and households, facilities, green spaces and zones, and validates it.
func Load(name string) (*renovation.District, error) {
	files, err := Files(name)
	if err != nil {
		return nil, err
	}
	// layer reads one GeoJSON file; a missing optional layer is empty. The collections carry
	// the district's name and attribution as foreign members.
	layer := func(file string) (*geojson.FeatureCollection, error) {
		b, err := fs.ReadFile(files, file)
		if errors.Is(err, fs.ErrNotExist) {
			return geojson.NewFeatureCollection(), nil
		}
		if err != nil {
			return nil, err
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return fc, nil
	}
	fcC, err := layer("compounds.geojson")
	if err != nil {
		return nil, err
	}
	d := &renovation.District{ID: name}
	d.Name, _ = fcC.ExtraMembers["name"].(string)
	d.Attribution, _ = fcC.ExtraMembers["attribution"].(string)
	if d.Compounds, err = renovation.CompoundsFromFeatures("compounds.geojson", fcC.Features); err != nil {
		return nil, err
	}
	fcB, err := layer("buildings.geojson")
	if err != nil {
		return nil, err
	}
	bs, err := renovation.BuildingsFromFeatures("buildings.geojson", fcB.Features)
	if err != nil {
		return nil, err
	}
	if err := d.AddBuildings("buildings.geojson", bs); err != nil {
		return nil, err
	}
	if fc, err := layer("facilities.geojson"); err != nil {
		return nil, err
	} else if d.Facilities, err = renovation.FacilitiesFromFeatures("facilities.geojson", fc.Features); err != nil {
		return nil, err
	}
	if fc, err := layer("green.geojson"); err != nil {
		return nil, err
	} else if d.GreenSpaces, err = renovation.GreenSpacesFromFeatures("green.geojson", fc.Features); err != nil {
		return nil, err
	}
	if fc, err := layer("zones.geojson"); err != nil {
		return nil, err
	} else if d.Zones, err = renovation.ZonesFromFeatures("zones.geojson", fc.Features); err != nil {
		return nil, err
	}
	f, err := files.Open("households.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := roster.ReadCSV(f, "households.csv", nil)
	if err != nil {
		return nil, err
	}
	if err := r.Attach(d, ""); err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("sample %s: %w", name, err)
	}
	return d, nil
}
