package load

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xiaoqu/xiaoqu/renovation"
)

// osmFacilitiesCSV is the default facility table: which OpenStreetMap tags make which
// facility kind, each row citing the OSM wiki page it reads.
//
//go:embed osm_facilities.csv
var osmFacilitiesCSV []byte

// FacilityTable maps OpenStreetMap tags to facility kinds: rules tried in order, the first
// whose conditions all hold giving the kind.
type FacilityTable struct {
	Rules []FacilityRule
}

// FacilityRule is one row of a facility table.
type FacilityRule struct {
	Kind renovation.FacilityKind
	// Match are the conditions, all of which must hold.
	Match []TagCondition
	// Wiki is the OpenStreetMap wiki page that defines the tag read.
	Wiki string
}

// TagCondition is one condition on an element's tags: Op '=' (Key has Value, or any value
// when Value is "*"; a value listed with others as OSM lists them, "convenience;hairdresser",
// counts) or '~' (Key's value contains Value).
type TagCondition struct {
	Key   string
	Op    byte
	Value string
}

func (c TagCondition) String() string { return c.Key + string(c.Op) + c.Value }

func (c TagCondition) holds(tags map[string]string) bool {
	v, ok := tags[c.Key]
	switch {
	case !ok:
		return false
	case c.Op == '~':
		return strings.Contains(v, c.Value)
	}
	if c.Value == "*" || v == c.Value {
		return true
	}
	for part := range strings.SplitSeq(v, ";") {
		if strings.TrimSpace(part) == c.Value {
			return true
		}
	}
	return false
}

// Kind returns the kind of the first rule whose conditions the tags meet, and that rule.
func (t *FacilityTable) Kind(tags map[string]string) (renovation.FacilityKind, *FacilityRule, bool) {
	for i := range t.Rules {
		r := &t.Rules[i]
		ok := true
		for _, c := range r.Match {
			if !c.holds(tags) {
				ok = false
				break
			}
		}
		if ok {
			return r.Kind, r, true
		}
	}
	return "", nil, false
}

// DefaultFacilityTable returns the library's facility table (osm_facilities.csv in this
// package): kindergartens and nurseries, primary and middle schools, clinics and doctors,
// hospitals, social facilities for the elderly, marketplaces, supermarkets, convenience
// stores, pharmacies, parks, sports grounds, community centres, bus stops, metro stations,
// post offices and libraries.
func DefaultFacilityTable() (*FacilityTable, error) {
	return ReadFacilityTable(bytes.NewReader(osmFacilitiesCSV), "osm_facilities.csv")
}

// ReadFacilityTable reads a facility table from CSV with the header kind,match,wiki. match
// is conditions joined by ';' — key=value, key=* (any value), key~text (the value contains
// text); kind is a renovation.FacilityKind (English or Chinese name); wiki is the
// https://wiki.openstreetmap.org/ page of the tag. Errors name the file and the row.
func ReadFacilityTable(r io.Reader, file string) (*FacilityTable, error) {
	cr := csv.NewReader(io.LimitReader(r, 1<<20))
	cr.FieldsPerRecord = 3
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if strings.Join(head, ",") != "kind,match,wiki" {
		return nil, fmt.Errorf("%s row 1: header %q, want kind,match,wiki", file, strings.Join(head, ","))
	}
	t := &FacilityTable{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		kind, err := renovation.ParseFacilityKind(rec[0])
		if err != nil {
			return nil, fmt.Errorf("%s row %d column kind: %v", file, row, err)
		}
		rule := FacilityRule{Kind: kind, Wiki: strings.TrimSpace(rec[2])}
		if !strings.HasPrefix(rule.Wiki, "https://wiki.openstreetmap.org/wiki/") {
			return nil, fmt.Errorf("%s row %d column wiki: %q is not an OpenStreetMap wiki page", file, row, rec[2])
		}
		for _, c := range strings.Split(rec[1], ";") {
			c = strings.TrimSpace(c)
			i := strings.IndexAny(c, "=~")
			if i <= 0 || i == len(c)-1 {
				return nil, fmt.Errorf("%s row %d column match: %q is not key=value, key=* or key~text", file, row, c)
			}
			rule.Match = append(rule.Match, TagCondition{Key: c[:i], Op: c[i], Value: c[i+1:]})
		}
		t.Rules = append(t.Rules, rule)
	}
	if len(t.Rules) == 0 {
		return nil, fmt.Errorf("%s: no rules", file)
	}
	return t, nil
}
