package renovation

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// Facility is a public service point: a kindergarten, a clinic, an elderly-care station, a
// market, a bus stop. Life-circle coverage (GB 50180-2018) measures how far compounds are from
// each kind.
type Facility struct {
	ID   string       `json:"id"`
	Name string       `json:"name,omitempty"`
	Kind FacilityKind `json:"kind"`
	// Location is an orb.Point, or an orb.Polygon / orb.MultiPolygon for a site, in WGS84
	// lon/lat degrees.
	Location orb.Geometry `json:"-"`
	// Synthetic names the fields whose values were generated rather than observed; "*" means
	// the whole record was generated.
	Synthetic []string `json:"synthetic,omitempty"`
}

// FacilityKind names a kind of facility. The kinds below are those GB 50180-2018 and the
// renovation programme's 提升类 items speak of; any other non-empty string is allowed, so that
// a planner's own kinds pass through.
type FacilityKind string

// Facility kinds with their Chinese names.
const (
	Nursery         FacilityKind = "nursery"          // 托儿所
	Kindergarten    FacilityKind = "kindergarten"     // 幼儿园
	PrimarySchool   FacilityKind = "primary_school"   // 小学
	MiddleSchool    FacilityKind = "middle_school"    // 中学
	Clinic          FacilityKind = "clinic"           // 社区卫生服务站 (5-min tier)
	HealthCentre    FacilityKind = "health_centre"    // 社区卫生服务中心 (15-min tier)
	Hospital        FacilityKind = "hospital"         // 医院
	ElderlyCare     FacilityKind = "elderly_care"     // 养老服务 / 日间照料
	Market          FacilityKind = "market"           // 菜市场 / 生鲜超市
	Supermarket     FacilityKind = "supermarket"      // 超市
	Convenience     FacilityKind = "convenience"      // 便利店
	Pharmacy        FacilityKind = "pharmacy"         // 药店
	Park            FacilityKind = "park"             // 公园
	SportsGround    FacilityKind = "sports_ground"    // 运动场地
	CommunityCentre FacilityKind = "community_centre" // 社区服务中心 / 站
	BusStop         FacilityKind = "bus_stop"         // 公交站
	MetroStation    FacilityKind = "metro_station"    // 地铁站
	PostOffice      FacilityKind = "post_office"      // 邮政
	Library         FacilityKind = "library"          // 图书馆
)

var facilityKindChinese = map[FacilityKind]string{
	Nursery: "托儿所", Kindergarten: "幼儿园", PrimarySchool: "小学", MiddleSchool: "中学",
	Clinic: "社区卫生服务站", HealthCentre: "社区卫生服务中心", Hospital: "医院", ElderlyCare: "养老服务设施", Market: "菜市场",
	Supermarket: "超市", Convenience: "便利店", Pharmacy: "药店", Park: "公园",
	SportsGround: "运动场地", CommunityCentre: "社区服务中心", BusStop: "公交站",
	MetroStation: "地铁站", PostOffice: "邮政", Library: "图书馆",
}

// FacilityKinds lists the known kinds in a fixed order.
func FacilityKinds() []FacilityKind {
	return []FacilityKind{Nursery, Kindergarten, PrimarySchool, MiddleSchool, Clinic, HealthCentre, Hospital,
		ElderlyCare, Market, Supermarket, Convenience, Pharmacy, Park, SportsGround,
		CommunityCentre, BusStop, MetroStation, PostOffice, Library}
}

// ParseFacilityKind reads a kind by its English name, its Chinese name (幼儿园, 小学, 社区卫生
// 服务站, 社区卫生服务中心, 养老服务设施, ...) or a synonym from the synonym table (the
// standard's facility names, Amap POI type names — a whole "大类;中类;小类" type is read by
// its most specific part —, OSM tags such as "amenity=kindergarten", Geofabrik fclass
// values). A name the table marks ambiguous ("amenity=clinic": a 社区卫生服务站 or a 中心?) is
// never guessed: like any other non-empty string it is returned as it is, lower-cased when
// ASCII, so that a planner's own kinds pass through (KnownFacilityKind tells them apart, and
// UnreadProperties reports them); the empty string is an error.
func ParseFacilityKind(s string) (FacilityKind, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", fmt.Errorf("facility kind is empty")
	}
	parts := strings.Split(strings.ReplaceAll(t, "；", ";"), ";")
	for i := len(parts) - 1; i >= 0; i-- {
		if k, ok, err := knownKind(strings.TrimSpace(parts[i])); ok || err != nil {
			return k, err
		}
	}
	return FacilityKind(strings.ToLower(t)), nil
}

// knownKind reads one name as a kind, by the constants' names and the synonym table.
func knownKind(t string) (FacilityKind, bool, error) {
	if t == "" {
		return "", false, nil
	}
	for _, k := range FacilityKinds() {
		if strings.EqualFold(t, string(k)) || t == facilityKindChinese[k] {
			return k, true, nil
		}
	}
	if syn, ok := lookupSynonym("kind", t); ok && len(syn.Ambiguous) == 0 {
		return FacilityKind(syn.Meaning), true, nil
	}
	return "", false, nil
}

// KnownFacilityKind reports whether k is one of the kinds FacilityKinds lists, rather than a
// planner's own.
func KnownFacilityKind(k FacilityKind) bool {
	_, ok := facilityKindChinese[k]
	return ok
}

// Chinese returns the kind's Chinese name, or the kind itself when it is not a known kind.
func (k FacilityKind) Chinese() string {
	if zh, ok := facilityKindChinese[k]; ok {
		return zh
	}
	return string(k)
}

// GreenSpace is a green area (绿地): a lawn, a garden, a park. The green ratio (绿地率) of a
// compound is the share of its site covered by green spaces.
type GreenSpace struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Area is the green space's outline as an orb.Polygon or orb.MultiPolygon in WGS84 lon/lat.
	Area      orb.Geometry `json:"-"`
	Synthetic []string     `json:"synthetic,omitempty"`
}
