package budget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
	"math/big"
	"strconv"
)

// Category is a renovation category of the national programme (国办发〔2020〕23号, as restated
// by provincial plans; domain-rules §5). Local plans adjust which item falls where (各地因地制宜),
// so an item's category is data.
type Category string

// The three national categories.
const (
	// CategoryBasic (基础类): safety and basic living needs: municipal supporting
	// infrastructure (water, power, gas, heat, drainage, roads, communications) and repair of
	// common parts (roofs, outer walls, stairs). Funded mainly by government.
	CategoryBasic Category = "basic"
	// CategoryImprovement (完善类): convenience and better living: environment and supporting
	// facilities, building energy-efficiency retrofits, elevators where conditions allow,
	// parking and charging.
	CategoryImprovement Category = "improvement"
	// CategoryUpgrading (提升类): community services: service centres, health stations,
	// kindergartens, elderly care, childcare, meal aid, convenience stores, parcel terminals,
	// smart facilities.
	CategoryUpgrading Category = "upgrading"
)

// Categories returns the three categories in their official order.
func Categories() []Category {
	return []Category{CategoryBasic, CategoryImprovement, CategoryUpgrading}
}

// Chinese returns the official name: 基础类, 完善类 or 提升类 ("" for an unknown category).
func (c Category) Chinese() string {
	switch c {
	case CategoryBasic:
		return "基础类"
	case CategoryImprovement:
		return "完善类"
	case CategoryUpgrading:
		return "提升类"
	}
	return ""
}

func (c Category) index() int {
	switch c {
	case CategoryBasic:
		return 0
	case CategoryImprovement:
		return 1
	case CategoryUpgrading:
		return 2
	}
	return -1
}

// PricingUnit is what an item's unit price is per.
type PricingUnit string

// Pricing units. Quantities are given by the caller (budget knows nothing of buildings).
const (
	PerFloorArea  PricingUnit = "floor_m2"  // per m² of building floor area (建筑面积)
	PerFacadeArea PricingUnit = "facade_m2" // per m² of facade (外立面面积)
	PerHousehold  PricingUnit = "household" // per household (户)
	PerBuilding   PricingUnit = "building"  // per building (栋)
	PerElevator   PricingUnit = "elevator"  // per elevator (部)
	LumpSum       PricingUnit = "lump_sum"  // per lot (项); the quantity is usually 1
)

func (u PricingUnit) valid() bool {
	switch u {
	case PerFloorArea, PerFacadeArea, PerHousehold, PerBuilding, PerElevator, LumpSum:
		return true
	}
	return false
}

// Item is a renovation item of a cost catalogue: what it is, its category, and its unit price.
type Item struct {
	Code     string      // short stable key, e.g. "roof"
	Name     string      // name for people, e.g. "屋面防水修缮 roof repair and waterproofing"
	Category Category    // basic, improvement or upgrading
	Unit     PricingUnit // what Price is per
	Price    Money       // unit price in fen per Unit
}

// Catalogue is a set of priced items (a city's or a design institute's cost list). Its JSON form
// is {"name": …, "items": [{"code", "name", "category", "unit", "price_yuan"}]}.
type Catalogue struct {
	Name  string
	Items []Item
}

// StandardItems returns the renovation items the national programme names (domain-rules §5),
// each in its usual category with a typical pricing unit, and with no price: there is no
// national yuan-per-m² norm (domain-rules §5, UNVERIFIED), so prices must come from the local
// cost list. Copy the items into a Catalogue and set Price.
func StandardItems() []Item {
	return []Item{
		{Code: "water_drainage", Name: "供排水管网改造 water supply and drainage pipes", Category: CategoryBasic, Unit: PerHousehold},
		{Code: "power", Name: "供电线路改造 power supply", Category: CategoryBasic, Unit: PerHousehold},
		{Code: "gas", Name: "燃气管道改造 gas pipes", Category: CategoryBasic, Unit: PerHousehold},
		{Code: "heating", Name: "供热管网改造 heating network", Category: CategoryBasic, Unit: PerFloorArea},
		{Code: "communications", Name: "通信线路规整 communications lines", Category: CategoryBasic, Unit: LumpSum},
		{Code: "roads", Name: "小区道路 roads within the compound", Category: CategoryBasic, Unit: LumpSum},
		{Code: "roof", Name: "屋面防水修缮 roof repair and waterproofing", Category: CategoryBasic, Unit: PerFloorArea},
		{Code: "outer_wall", Name: "外墙修缮 outer wall repair", Category: CategoryBasic, Unit: PerFacadeArea},
		{Code: "stairwell", Name: "楼道修缮 stairs and corridors", Category: CategoryBasic, Unit: PerBuilding},
		{Code: "seismic", Name: "抗震加固 seismic strengthening", Category: CategoryBasic, Unit: PerFloorArea},
		{Code: "insulation", Name: "外墙保温节能改造 outer wall insulation", Category: CategoryImprovement, Unit: PerFacadeArea},
		{Code: "windows", Name: "节能门窗 energy-saving windows", Category: CategoryImprovement, Unit: PerHousehold},
		{Code: "heat_metering", Name: "供热计量改造 heat metering", Category: CategoryImprovement, Unit: PerHousehold},
		{Code: "elevator", Name: "加装电梯 elevator retrofit", Category: CategoryImprovement, Unit: PerElevator},
		{Code: "parking", Name: "停车设施 parking", Category: CategoryImprovement, Unit: LumpSum},
		{Code: "charging", Name: "充电设施 charging points", Category: CategoryImprovement, Unit: LumpSum},
		{Code: "environment", Name: "环境绿化与配套设施 environment and greening", Category: CategoryImprovement, Unit: LumpSum},
		{Code: "accessibility", Name: "无障碍设施 accessibility", Category: CategoryImprovement, Unit: PerBuilding},
		{Code: "community_service", Name: "社区综合服务设施 community service centre", Category: CategoryUpgrading, Unit: LumpSum},
		{Code: "health_station", Name: "卫生服务站 health station", Category: CategoryUpgrading, Unit: LumpSum},
		{Code: "elderly_care", Name: "养老服务设施 elderly care", Category: CategoryUpgrading, Unit: LumpSum},
		{Code: "child_care", Name: "托育与幼儿园 childcare and kindergarten", Category: CategoryUpgrading, Unit: LumpSum},
		{Code: "meal_aid", Name: "助餐服务 meal aid", Category: CategoryUpgrading, Unit: LumpSum},
		{Code: "convenience", Name: "便民市场与便利店 convenience market and stores", Category: CategoryUpgrading, Unit: LumpSum},
		{Code: "parcel", Name: "智能快件箱 parcel terminals", Category: CategoryUpgrading, Unit: PerBuilding},
		{Code: "smart", Name: "智慧安防与感知设施 smart sensing and security", Category: CategoryUpgrading, Unit: LumpSum},
	}
}

// ErrCatalogue is wrapped by the errors of DecodeCatalogue and Catalogue.Estimate.
var ErrCatalogue = errors.New("invalid catalogue")

// CatalogueError says which item (by position and code) and which field is wrong.
type CatalogueError struct {
	Index int    // item position from 0, or −1 for the catalogue itself
	Code  string // item code, if known
	Field string // JSON field name
	Err   error
}

// Error names the item, the field and what is wrong.
func (e *CatalogueError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("catalogue %s: %v", e.Field, e.Err)
	}
	return fmt.Sprintf("catalogue item %d (%q) %s: %v", e.Index+1, e.Code, e.Field, e.Err)
}

// Unwrap returns ErrCatalogue and the underlying error.
func (e *CatalogueError) Unwrap() []error { return []error{ErrCatalogue, e.Err} }

// Validate checks every item: a non-empty unique code, a known category and unit, and a
// non-negative price. Errors are *CatalogueError.
func (c *Catalogue) Validate() error {
	seen := map[string]bool{}
	for i, it := range c.Items {
		bad := func(field, format string, args ...any) error {
			return &CatalogueError{Index: i, Code: it.Code, Field: field, Err: fmt.Errorf(format, args...)}
		}
		switch {
		case it.Code == "":
			return bad("code", "missing")
		case seen[it.Code]:
			return bad("code", "listed twice")
		case it.Category.index() < 0:
			return bad("category", "%q is not one of %v", string(it.Category), Categories())
		case !it.Unit.valid():
			return bad("unit", "%q is not one of [floor_m2 facade_m2 household building elevator lump_sum]", string(it.Unit))
		case it.Price < 0:
			return bad("price_yuan", "%s is negative", it.Price)
		}
		seen[it.Code] = true
	}
	return nil
}

// Lookup returns the item with the given code.
func (c *Catalogue) Lookup(code string) (Item, bool) {
	for _, it := range c.Items {
		if it.Code == code {
			return it, true
		}
	}
	return Item{}, false
}

// Line is one line of a programme budget: an item by code and its quantity in the item's unit
// (m², households, buildings, elevators or lots), exact.
type Line struct {
	Code     string
	Quantity Weight
}

// LineCost is a priced line.
type LineCost struct {
	Item     Item
	Quantity Weight
	Cost     Money // Price × Quantity, rounded to the nearest fen, halves up
}

// Estimate is a priced programme budget.
type Estimate struct {
	Lines []LineCost
	// ByCategory holds the cost of each category, in the order of Categories.
	ByCategory [3]Money
	Total      Money
}

// CategoryCost returns the estimate's cost of category c (0 for an unknown category).
func (e *Estimate) CategoryCost(c Category) Money {
	if i := c.index(); i >= 0 {
		return e.ByCategory[i]
	}
	return 0
}

// Estimate prices the lines: each line costs Price × Quantity rounded to the nearest fen (halves
// up, the usual 四舍五入 of cost lists), and the total is the sum of the lines. Errors are
// *CatalogueError for an unknown code, and ErrOverflow.
func (c *Catalogue) Estimate(lines []Line) (*Estimate, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	e := &Estimate{Lines: make([]LineCost, len(lines))}
	for i, l := range lines {
		it, ok := c.Lookup(l.Code)
		if !ok {
			return nil, &CatalogueError{Index: -1, Field: "line " + strconv.Itoa(i+1), Err: fmt.Errorf("no item with code %q", l.Code)}
		}
		cost, err := mulRound(it.Price, l.Quantity)
		if err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", i+1, l.Code, err)
		}
		e.Lines[i] = LineCost{Item: it, Quantity: l.Quantity, Cost: cost}
		k := it.Category.index()
		if e.ByCategory[k], err = e.ByCategory[k].Add(cost); err != nil {
			return nil, err
		}
		if e.Total, err = e.Total.Add(cost); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// mulRound returns m × q rounded to the nearest fen, halves away from zero, for m ≥ 0.
func mulRound(m Money, q Weight) (Money, error) {
	p := new(big.Int).Mul(big.NewInt(int64(m)), new(big.Int).SetUint64(q.Num()))
	d := new(big.Int).SetUint64(q.Den())
	p.Mul(p, big.NewInt(2))
	p.Add(p, d)
	p.Quo(p, new(big.Int).Mul(d, big.NewInt(2))) // ⌊(2mq·d⁻¹ + 1)/2⌋ = round half up
	if !p.IsInt64() {
		return 0, fmt.Errorf("%s yuan × %s: %w", m, q, ErrOverflow)
	}
	return Money(p.Int64()), nil
}

type itemJSON struct {
	Code      string       `json:"code"`
	Name      string       `json:"name,omitempty"`
	Category  Category     `json:"category"`
	Unit      PricingUnit  `json:"unit"`
	PriceYuan *jsonDecimal `json:"price_yuan"`
}

type catalogueJSON struct {
	Name  string     `json:"name,omitempty"`
	Items []itemJSON `json:"items"`
}

// MaxCatalogueBytes bounds what DecodeCatalogue reads.
const MaxCatalogueBytes = 8 << 20

// DecodeCatalogue reads a catalogue in its JSON form from r (at most MaxCatalogueBytes) and
// validates it. Prices are "price_yuan" strings ParseMoney accepts, or JSON numbers read from
// their digits. Errors are *CatalogueError.
func DecodeCatalogue(r io.Reader) (*Catalogue, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxCatalogueBytes+1))
	if err != nil {
		return nil, &CatalogueError{Index: -1, Field: "(file)", Err: err}
	}
	if len(b) > MaxCatalogueBytes {
		return nil, &CatalogueError{Index: -1, Field: "(file)", Err: fmt.Errorf("larger than %d bytes", MaxCatalogueBytes)}
	}
	var j catalogueJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := errors.Join(jsondup.Check(b), dec.Decode(&j)); err != nil {
		field, e := jsonFieldError(err)
		return nil, &CatalogueError{Index: -1, Field: field, Err: e}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &CatalogueError{Index: -1, Field: "(file)", Err: fmt.Errorf("data after the catalogue at byte %d", dec.InputOffset())}
	}
	c := &Catalogue{Name: j.Name, Items: make([]Item, len(j.Items))}
	for i, it := range j.Items {
		if it.PriceYuan == nil {
			return nil, &CatalogueError{Index: i, Code: it.Code, Field: "price_yuan", Err: errors.New("missing")}
		}
		p, err := ParseMoney(string(*it.PriceYuan))
		if err != nil {
			return nil, &CatalogueError{Index: i, Code: it.Code, Field: "price_yuan", Err: err}
		}
		c.Items[i] = Item{Code: it.Code, Name: it.Name, Category: it.Category, Unit: it.Unit, Price: p}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// MarshalJSON writes the catalogue in the form DecodeCatalogue reads.
func (c Catalogue) MarshalJSON() ([]byte, error) {
	j := catalogueJSON{Name: c.Name, Items: make([]itemJSON, len(c.Items))}
	for i, it := range c.Items {
		p := jsonDecimal(it.Price.Yuan())
		j.Items[i] = itemJSON{Code: it.Code, Name: it.Name, Category: it.Category, Unit: it.Unit, PriceYuan: &p}
	}
	return json.Marshal(j)
}
