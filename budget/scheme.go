package budget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Scheme is an elevator cost-sharing plan for one stairwell (一单元一策) as data: the total cost,
// how households are weighed, the subsidy, compensation to low floors and the rounding unit.
// Hardship caps, waivers and provident fund withdrawals belong to the households (Household).
//
// Its JSON form is the file planners write:
//
//	{
//	  "name": "3号楼2单元",
//	  "total_yuan": "600000",
//	  "method": "floor_coefficient_area",
//	  "coefficients": {"3": "0.7", "4": "0.8", "5": "0.9", "6": "1.0"},
//	  "exempt_floors": [1, 2],
//	  "subsidy": {"fixed_yuan": "240000"},
//	  "compensation": {"floors": [1, 2], "per_household_yuan": "5000"},
//	  "rounding": "fen"
//	}
//
// Amounts ("…_yuan") are strings ParseMoney accepts ("600000", "60万", "¥600,000.00") or JSON
// numbers read from their digits; coefficients, percents and steps are exact decimals (strings
// or numbers, never via float). "subsidy" is {"fixed_yuan": …}, {"percent": …, "cap_yuan": …}
// or {"preset": name} (SubsidyPresets). "percents" and "steps" are keyed by floor like
// "coefficients"; "steps_per_floor" is a number. "rounding" is "fen" (default), "jiao" or "yuan".
type Scheme struct {
	Name  string
	Total Money // total cost per elevator, fen
	Weighting
	Subsidy      Subsidy
	Compensation Compensation
	Rounding     Rounding
}

// MaxSchemeBytes bounds what DecodeScheme reads.
const MaxSchemeBytes = 1 << 20

// DecodeScheme reads one scheme in its JSON form from r (at most MaxSchemeBytes), checks it and
// returns it. Errors are *SchemeError naming the field (wrapping ErrScheme), including for JSON
// syntax errors (field "", with the byte offset) and unknown fields.
func DecodeScheme(r io.Reader) (*Scheme, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSchemeBytes+1))
	if err != nil {
		return nil, &SchemeError{Field: "(file)", Err: err}
	}
	if len(b) > MaxSchemeBytes {
		return nil, schemeErr("(file)", "larger than %d bytes", MaxSchemeBytes)
	}
	var s Scheme
	if err := s.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	if _, err := s.Compile(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Validate checks the scheme as Compile does.
func (s *Scheme) Validate() error {
	_, err := s.Compile()
	return err
}

// jsonDecimal is a decimal written as a JSON string or number, kept as text so that it is
// parsed exactly.
type jsonDecimal string

func (d *jsonDecimal) UnmarshalJSON(b []byte) error {
	s, err := decimalJSON(b)
	if err != nil {
		return err
	}
	*d = jsonDecimal(s)
	return nil
}

type schemeJSON struct {
	Name      string       `json:"name,omitempty"`
	TotalYuan *jsonDecimal `json:"total_yuan"`
	weightingJSON
	Subsidy      *subsidyJSON      `json:"subsidy,omitempty"`
	Compensation *compensationJSON `json:"compensation,omitempty"`
	Rounding     string            `json:"rounding,omitempty"`
}

// weightingJSON is the JSON form of a Weighting, shared by schemes and running costs.
type weightingJSON struct {
	Method        string                 `json:"method"`
	Coefficients  map[string]jsonDecimal `json:"coefficients,omitempty"`
	Percents      map[string]jsonDecimal `json:"percents,omitempty"`
	StepsPerFloor *jsonDecimal           `json:"steps_per_floor,omitempty"`
	Steps         map[string]jsonDecimal `json:"steps,omitempty"`
	ExemptFloors  []int                  `json:"exempt_floors,omitempty"`
}

func (j *weightingJSON) weighting() (Weighting, error) {
	var out Weighting
	var err error
	out.Method = Method(j.Method)
	if out.Coefficients, err = floorTable("coefficients", j.Coefficients); err != nil {
		return out, err
	}
	if out.Percents, err = floorTable("percents", j.Percents); err != nil {
		return out, err
	}
	if out.Steps, err = floorTable("steps", j.Steps); err != nil {
		return out, err
	}
	if j.StepsPerFloor != nil {
		if out.StepsPerFloor, err = ParseWeight(string(*j.StepsPerFloor)); err != nil {
			return out, &SchemeError{Field: "steps_per_floor", Err: err}
		}
	}
	if len(j.ExemptFloors) > 0 { // [] and absent mean the same: keep nil
		out.ExemptFloors = j.ExemptFloors
	}
	return out, nil
}

func (w Weighting) toJSON() weightingJSON {
	table := func(m map[int]Weight) map[string]jsonDecimal {
		if len(m) == 0 {
			return nil
		}
		out := make(map[string]jsonDecimal, len(m))
		for f, w := range m {
			out[strconv.Itoa(f)] = jsonDecimal(w.String())
		}
		return out // encoding/json sorts keys; "10" sorts before "2" but order carries no meaning
	}
	j := weightingJSON{
		Method:       string(w.Method),
		Coefficients: table(w.Coefficients),
		Percents:     table(w.Percents),
		Steps:        table(w.Steps),
		ExemptFloors: w.ExemptFloors,
	}
	if !w.StepsPerFloor.IsZero() {
		d := jsonDecimal(w.StepsPerFloor.String())
		j.StepsPerFloor = &d
	}
	return j
}

type subsidyJSON struct {
	Preset    string       `json:"preset,omitempty"`
	FixedYuan *jsonDecimal `json:"fixed_yuan,omitempty"`
	Percent   *jsonDecimal `json:"percent,omitempty"`
	CapYuan   *jsonDecimal `json:"cap_yuan,omitempty"`
}

type compensationJSON struct {
	Floors           []int        `json:"floors"`
	PerHouseholdYuan *jsonDecimal `json:"per_household_yuan,omitempty"`
	Percent          *jsonDecimal `json:"percent,omitempty"`
}

// UnmarshalJSON decodes the scheme's JSON form (see Scheme) and converts its fields; it does
// not run the checks of Compile (DecodeScheme does). Errors are *SchemeError.
func (s *Scheme) UnmarshalJSON(b []byte) error {
	var j schemeJSON
	if err := jsondup.Check(b); err != nil {
		return jsonSchemeErr(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return jsonSchemeErr(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return schemeErr("(file)", "data after the scheme object at byte %d", dec.InputOffset())
	}
	var out Scheme
	out.Name = j.Name
	if j.TotalYuan == nil {
		return schemeErr("total_yuan", "missing")
	}
	var err error
	if out.Total, err = nonNegMoney("total_yuan", *j.TotalYuan); err != nil {
		return err
	}
	if out.Weighting, err = j.weighting(); err != nil {
		return err
	}
	if j.Subsidy != nil {
		if out.Subsidy, err = j.Subsidy.subsidy(); err != nil {
			return err
		}
	}
	if c := j.Compensation; c != nil {
		if len(c.Floors) > 0 {
			out.Compensation.Floors = c.Floors
		}
		if c.PerHouseholdYuan != nil {
			if out.Compensation.PerHousehold, err = nonNegMoney("compensation.per_household_yuan", *c.PerHouseholdYuan); err != nil {
				return err
			}
		}
		if c.Percent != nil {
			if out.Compensation.Percent, err = ParseWeight(string(*c.Percent)); err != nil {
				return &SchemeError{Field: "compensation.percent", Err: err}
			}
		}
	}
	if out.Rounding, err = ParseRounding(j.Rounding); err != nil {
		return &SchemeError{Field: "rounding", Err: err}
	}
	*s = out
	return nil
}

func (j *subsidyJSON) subsidy() (Subsidy, error) {
	var s Subsidy
	if j.Preset != "" {
		if j.FixedYuan != nil || j.Percent != nil || j.CapYuan != nil {
			return s, schemeErr("subsidy.preset", "a preset takes no other subsidy fields")
		}
		p, ok := LookupSubsidyPreset(j.Preset)
		if !ok {
			names := []string{}
			for _, p := range SubsidyPresets() {
				names = append(names, p.Name)
			}
			return s, schemeErr("subsidy.preset", "%q is not one of %v", j.Preset, names)
		}
		return p.Subsidy, nil
	}
	var err error
	if j.FixedYuan != nil {
		if s.Fixed, err = nonNegMoney("subsidy.fixed_yuan", *j.FixedYuan); err != nil {
			return s, err
		}
	}
	if j.Percent != nil {
		if s.Percent, err = ParseWeight(string(*j.Percent)); err != nil {
			return s, &SchemeError{Field: "subsidy.percent", Err: err}
		}
	}
	if j.CapYuan != nil {
		if s.Cap, err = nonNegMoney("subsidy.cap_yuan", *j.CapYuan); err != nil {
			return s, err
		}
		if s.Cap == 0 {
			return s, schemeErr("subsidy.cap_yuan", "0; leave it out for no cap")
		}
	}
	return s, s.validate()
}

func nonNegMoney(field string, d jsonDecimal) (Money, error) {
	m, err := ParseMoney(string(d))
	if err != nil {
		return 0, &SchemeError{Field: field, Err: err}
	}
	if m < 0 {
		return 0, schemeErr(field, "%s is negative", m)
	}
	return m, nil
}

// floorTable converts a table keyed by floor number ("3") to one keyed by int. Floors are
// checked by Compile.
func floorTable(field string, m map[string]jsonDecimal) (map[int]Weight, error) {
	if len(m) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys) // report the same error whatever the map order
	out := make(map[int]Weight, len(m))
	for _, k := range keys {
		name := field + `["` + k + `"]`
		f, err := strconv.Atoi(k)
		if err != nil || strings.TrimSpace(k) != k || strings.HasPrefix(k, "+") {
			return nil, schemeErr(name, "key is not a floor number")
		}
		if _, dup := out[f]; dup {
			return nil, schemeErr(name, "floor %d is given twice", f)
		}
		w, err := ParseWeight(string(m[k]))
		if err != nil {
			return nil, &SchemeError{Field: name, Err: err}
		}
		out[f] = w
	}
	return out, nil
}

// jsonSchemeErr turns an encoding/json error into a *SchemeError naming the field.
func jsonSchemeErr(err error) error {
	var sErr *SchemeError
	if errors.As(err, &sErr) {
		return sErr
	}
	field, e := jsonFieldError(err)
	return &SchemeError{Field: field, Err: e}
}

// ErrSchemeJSON is wrapped by the scheme errors that concern the JSON's form — a syntax error,
// a value of the wrong JSON type, an unknown member, an empty or cut-off file — rather than a
// value the scheme cannot take. A service answers the first kind 400 and the second 422.
var ErrSchemeJSON = errors.New("scheme is not JSON of the scheme's form")

// jsonShapeError marks an error as ErrSchemeJSON without changing its message.
type jsonShapeError struct{ error }

func (e jsonShapeError) Is(target error) bool { return target == ErrSchemeJSON }
func (e jsonShapeError) Unwrap() error        { return e.error }

// jsonFieldError names the field an encoding/json error is about ("(file)" if none) and says
// what is wrong, with the byte offset; the error wraps ErrSchemeJSON.
func jsonFieldError(err error) (string, error) {
	field, e := jsonFieldErrorText(err)
	return field, jsonShapeError{e}
}

func jsonFieldErrorText(err error) (string, error) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var de *jsondup.DuplicateError
	switch {
	case errors.As(err, &de):
		field := de.Key
		if de.Path != "" {
			field = de.Path + "." + de.Key
		}
		return field, fmt.Errorf("given twice (the second at byte %d)", de.Offset)
	case errors.As(err, &se):
		return "(file)", fmt.Errorf("JSON syntax error at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		field := strings.TrimPrefix(te.Field, "weightingJSON.")
		if field == "" {
			field = "(file)"
		}
		return field, fmt.Errorf("expected %s, got JSON %s at byte %d", te.Type, te.Value, te.Offset)
	case errors.Is(err, io.EOF):
		return "(file)", errors.New("empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "(file)", errors.New("ends in the middle of the JSON")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return strings.Trim(name, `"`), errors.New("unknown field")
	}
	return "(file)", err
}

// MarshalJSON writes the scheme in the JSON form DecodeScheme reads: amounts as yuan strings,
// tables keyed by floor in ascending order, a preset subsidy by name.
func (s Scheme) MarshalJSON() ([]byte, error) {
	dec := func(str string) *jsonDecimal { d := jsonDecimal(str); return &d }
	j := schemeJSON{
		Name:          s.Name,
		TotalYuan:     dec(s.Total.Yuan()),
		weightingJSON: s.Weighting.toJSON(),
		Rounding:      s.Rounding.String(),
	}
	if !s.Subsidy.IsZero() {
		sj := &subsidyJSON{}
		if p, ok := LookupSubsidyPreset(s.Subsidy.Preset); ok && p.Subsidy == s.Subsidy {
			sj.Preset = p.Name
		} else {
			if s.Subsidy.Fixed != 0 {
				sj.FixedYuan = dec(s.Subsidy.Fixed.Yuan())
			}
			if !s.Subsidy.Percent.IsZero() {
				sj.Percent = dec(s.Subsidy.Percent.String())
			}
			if s.Subsidy.Cap != 0 {
				sj.CapYuan = dec(s.Subsidy.Cap.Yuan())
			}
		}
		j.Subsidy = sj
	}
	if !s.Compensation.IsZero() {
		cj := &compensationJSON{Floors: s.Compensation.Floors}
		if s.Compensation.PerHousehold != 0 {
			cj.PerHouseholdYuan = dec(s.Compensation.PerHousehold.Yuan())
		}
		if !s.Compensation.Percent.IsZero() {
			cj.Percent = dec(s.Compensation.Percent.String())
		}
		j.Compensation = cj
	}
	return json.Marshal(j)
}

func (d jsonDecimal) MarshalJSON() ([]byte, error) { return json.Marshal(string(d)) }
