// Package renovation is the domain model of old-compound renovation (老旧小区改造) and the
// analyses planners run on it.
//
// The model is a tree: a District holds Compounds (小区); a Compound holds Buildings (楼栋);
// a Building holds Units (单元, one stairwell each); a Unit holds Households (户). Beside the
// tree a District holds Facilities (kindergartens, clinics, elderly care, ...), GreenSpaces and
// Zones (programme scopes and exclusion areas). Geometry is orb values in WGS84 lon/lat.
//
// renovation leaves geometry to geo, money to budget and owners' votes to survey; it maps the
// model onto them. Reading and writing files lives in subpackages so that callers who only need
// the model do not link spreadsheet or database code.
package renovation
