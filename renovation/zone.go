package renovation

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// Zone is an area that decides what a programme covers: its scope (e.g. the streets that bound
// the Shichahai coal-to-electricity project) or an exclusion inside it (e.g. the households
// already on central heating).
type Zone struct {
	ID   string   `json:"id"`
	Name string   `json:"name,omitempty"`
	Kind ZoneKind `json:"kind"`
	// FieldOffice is the working area (片区) the zone belongs to, when the programme counts
	// by field office.
	FieldOffice string `json:"field_office,omitempty"`
	// Boundary is an orb.Polygon or orb.MultiPolygon in WGS84 lon/lat degrees.
	Boundary  orb.Geometry `json:"-"`
	Synthetic []string     `json:"synthetic,omitempty"`
}

// ZoneKind says whether a zone adds to a programme's scope or takes away from it.
type ZoneKind string

const (
	// ZoneScope is part of a programme's scope (实施范围).
	ZoneScope ZoneKind = "scope"
	// ZoneExclusion is excluded from the scope, e.g. a central-heating zone (集中供热区域).
	ZoneExclusion ZoneKind = "exclusion"
)

// ParseZoneKind reads scope / 范围 / 实施范围 or exclusion / 排除 / 排除区域.
func ParseZoneKind(s string) (ZoneKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "scope", "范围", "实施范围":
		return ZoneScope, nil
	case "exclusion", "exclude", "排除", "排除区域":
		return ZoneExclusion, nil
	}
	return "", fmt.Errorf("%q is not a zone kind (scope 实施范围, exclusion 排除区域)", s)
}
