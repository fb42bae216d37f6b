package gpkg

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// FieldType is the declared SQL type of an attribute column.
type FieldType string

// The attribute types a Writer creates (GeoPackage 1.3 table 1). A Reader reports the
// declared type as written, which for files from other tools may also be, for example,
// MEDIUMINT, DOUBLE, TEXT(20), DATE or DATETIME.
const (
	Integer FieldType = "INTEGER" // 64-bit signed integer
	Real    FieldType = "REAL"    // 64-bit IEEE float
	Text    FieldType = "TEXT"    // UTF-8 text
	Boolean FieldType = "BOOLEAN" // stored as 0 or 1
)

// Field is an attribute column of a layer.
type Field struct {
	Name string
	Type FieldType
}

// value kinds, ordered so that widening is a max for the numeric ones.
type kind int

const (
	kindNull kind = iota
	kindBool
	kindInt
	kindReal
	kindText
)

// kindOf classifies a property value.
func kindOf(v any) kind {
	switch v := v.(type) {
	case nil:
		return kindNull
	case bool:
		return kindBool
	case int, int8, int16, int32, int64, uint8, uint16, uint32:
		return kindInt
	case uint:
		if uint64(v) > math.MaxInt64 {
			return kindReal
		}
		return kindInt
	case uint64:
		if v > math.MaxInt64 {
			return kindReal
		}
		return kindInt
	case float32, float64:
		return kindReal
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return kindInt
		}
		if _, err := v.Float64(); err == nil {
			return kindReal
		}
		return kindText
	}
	return kindText
}

// merge widens a column's kind with one more value's.
func merge(col, v kind) kind {
	switch {
	case v == kindNull || col == v:
		return col
	case col == kindNull:
		return v
	case (col == kindInt || col == kindReal) && (v == kindInt || v == kindReal):
		return kindReal
	}
	return kindText
}

// inferFields returns a field for every property key of the features, sorted by name,
// typed from the values: BOOLEAN if all are booleans, INTEGER if all are integers in the
// int64 range, REAL if all are numbers, TEXT otherwise (and for keys whose values are all
// null).
func inferFields(features []*geojson.Feature) []Field {
	kinds := map[string]kind{}
	for _, f := range features {
		if f == nil {
			continue
		}
		for k, v := range f.Properties {
			kinds[k] = merge(kinds[k], kindOf(v))
		}
	}
	fields := make([]Field, 0, len(kinds))
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		t := Text
		switch kinds[k] {
		case kindBool:
			t = Boolean
		case kindInt:
			t = Integer
		case kindReal:
			t = Real
		}
		fields = append(fields, Field{Name: k, Type: t})
	}
	return fields
}

// sqlValue converts a property value for a column of type t.
func sqlValue(v any, t FieldType) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case Boolean:
		if b, ok := v.(bool); ok {
			if b {
				return int64(1), nil
			}
			return int64(0), nil
		}
		return nil, fmt.Errorf("%s is not a boolean", describeValue(v))
	case Integer:
		switch kindOf(v) {
		case kindInt:
			switch v := v.(type) {
			case json.Number:
				return strconv.ParseInt(string(v), 10, 64)
			default:
				return strconv.ParseInt(fmt.Sprint(v), 10, 64)
			}
		case kindReal:
			f, _ := toFloat(v)
			if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
				return int64(f), nil
			}
		}
		return nil, fmt.Errorf("%s is not an integer in the int64 range", describeValue(v))
	case Real:
		if k := kindOf(v); k == kindInt || k == kindReal {
			f, _ := toFloat(v)
			return f, nil
		}
		return nil, fmt.Errorf("%s is not a number", describeValue(v))
	}
	// Text and any other declared type.
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return string(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32), nil
	}
	if kindOf(v) == kindInt {
		return fmt.Sprint(v), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%T value cannot be written as text: %v", v, err)
	}
	return string(b), nil
}

func toFloat(v any) (float64, error) {
	switch v := v.(type) {
	case json.Number:
		return v.Float64()
	case float64:
		return v, nil
	case float32:
		return float64(v), nil
	}
	return strconv.ParseFloat(fmt.Sprint(v), 64)
}

func describeValue(v any) string {
	switch v := v.(type) {
	case string:
		if r := []rune(v); len(r) > 40 {
			return fmt.Sprintf("%q…", string(r[:40]))
		}
		return fmt.Sprintf("%q", v)
	case json.Number:
		return string(v)
	}
	return fmt.Sprintf("%T %v", v, v)
}

// propertyValue converts a value read from a column with declared type decl to the
// property value returned to callers: BOOLEAN columns give bool, the others what the
// driver gives (int64, float64, string, []byte, time.Time or nil).
func propertyValue(v any, decl string) any {
	if i, ok := v.(int64); ok && strings.Contains(strings.ToUpper(decl), "BOOL") {
		return i != 0
	}
	return v
}
