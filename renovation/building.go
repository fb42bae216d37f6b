package renovation

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// Building is a residential building (楼栋) of a compound.
type Building struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Footprint is the building's outline as an orb.Polygon or orb.MultiPolygon in WGS84
	// lon/lat degrees; nil when not mapped.
	Footprint orb.Geometry `json:"-"`
	// Storeys is the number of storeys above ground (地上层数); 0 when unknown. Elevator
	// retrofits concern buildings of 4 or more storeys.
	Storeys int `json:"storeys,omitempty"`
	// BuiltYear is the year of completion; 0 when unknown (then the compound's applies).
	BuiltYear int       `json:"built_year,omitempty"`
	Structure Structure `json:"structure,omitempty"`
	// HasElevator reports that the building has an elevator serving its stairwells.
	HasElevator bool `json:"has_elevator,omitempty"`
	// FloorArea is the total floor area (总建筑面积) in m² when surveyed; 0 means derive it as
	// footprint area × storeys.
	FloorArea float64 `json:"floor_area_m2,omitempty"`
	Units     []Unit  `json:"units,omitempty"`
	// Synthetic names the fields whose values were generated rather than observed; "*" means
	// the whole record was generated.
	Synthetic []string `json:"synthetic,omitempty"`
}

// Label returns the building's name, or its ID when it has no name.
func (b *Building) Label() string {
	if b.Name != "" {
		return b.Name
	}
	return b.ID
}

// Unit returns the unit with the given ID, or nil.
func (b *Building) Unit(id string) *Unit {
	for i := range b.Units {
		if b.Units[i].ID == id {
			return &b.Units[i]
		}
	}
	return nil
}

// IsSynthetic reports whether the named field of the building, or the whole building, was
// generated rather than observed.
func (b *Building) IsSynthetic(field string) bool { return isSynthetic(b.Synthetic, field) }

// Unit is one stairwell (单元) of a building with the households it serves. Elevators are
// planned, voted on and paid for stairwell by stairwell (一单元一策).
type Unit struct {
	// ID is the unit number as the building's residents say it, e.g. "2" for 2单元.
	ID string `json:"id"`
	// HasElevator reports that this stairwell has an elevator, built with it or retrofitted.
	HasElevator bool        `json:"has_elevator,omitempty"`
	Households  []Household `json:"households,omitempty"`
}

// Structure is a building's structural system (结构类型), which decides what seismic and
// retrofit work it can take. The zero value is StructureUnknown.
type Structure string

// Structures used in the housing stock of the renovation programme.
const (
	StructureUnknown        Structure = ""
	StructureBrickConcrete  Structure = "brick_concrete"   // 砖混
	StructureBrickWood      Structure = "brick_wood"       // 砖木
	StructureFrame          Structure = "frame"            // 框架
	StructureShearWall      Structure = "shear_wall"       // 剪力墙
	StructureFrameShearWall Structure = "frame_shear_wall" // 框架-剪力墙
	StructureSteel          Structure = "steel"            // 钢结构
	StructureOther          Structure = "other"            // 其他
)

var structureNames = map[string]Structure{
	"": StructureUnknown, "unknown": StructureUnknown, "未知": StructureUnknown,
	"brick_concrete": StructureBrickConcrete, "砖混": StructureBrickConcrete, "砖混结构": StructureBrickConcrete,
	"brick_wood": StructureBrickWood, "砖木": StructureBrickWood, "砖木结构": StructureBrickWood,
	"frame": StructureFrame, "框架": StructureFrame, "框架结构": StructureFrame,
	"shear_wall": StructureShearWall, "剪力墙": StructureShearWall, "剪力墙结构": StructureShearWall,
	"frame_shear_wall": StructureFrameShearWall, "框架-剪力墙": StructureFrameShearWall, "框剪": StructureFrameShearWall, "框架剪力墙": StructureFrameShearWall,
	"steel": StructureSteel, "钢结构": StructureSteel,
	"other": StructureOther, "其他": StructureOther,
}

// ParseStructure reads a structure in English (brick_concrete, brick_wood, frame, shear_wall,
// frame_shear_wall, steel, other) or Chinese (砖混, 砖木, 框架, 剪力墙, 框架-剪力墙, 钢结构,
// 其他, with or without 结构). The empty string is StructureUnknown.
func ParseStructure(s string) (Structure, error) {
	if st, ok := structureNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return st, nil
	}
	return "", fmt.Errorf("%q is not a known structure (砖混, 砖木, 框架, 剪力墙, 框架-剪力墙, 钢结构, 其他)", s)
}

func (s Structure) known() bool {
	switch s {
	case StructureUnknown, StructureBrickConcrete, StructureBrickWood, StructureFrame,
		StructureShearWall, StructureFrameShearWall, StructureSteel, StructureOther:
		return true
	}
	return false
}

// FootprintArea returns the geodesic area of the building's footprint in m² on the WGS84
// ellipsoid; 0 when it has none.
func (b *Building) FootprintArea() float64 {
	if b.Footprint == nil {
		return 0
	}
	return geo.Area(b.Footprint)
}

// GrossFloorArea returns the building's total floor area (总建筑面积) in m²: FloorArea when
// surveyed, else the footprint's geodesic area × storeys, with derived reporting which. It is
// 0 when neither is known.
func (b *Building) GrossFloorArea() (m2 float64, derived bool) {
	if b.FloorArea > 0 {
		return b.FloorArea, false
	}
	return b.FootprintArea() * float64(b.Storeys), true
}
