package renovation

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/table"
)

// layerKeys are the properties each layer's reader reads, by their key lists.
var layerKeys = map[string][][]string{
	"compounds":  {keysID, keysName, keysSynthetic, keysSynthFields, keysBuiltYear, keysCommunity, keysStreet, keysDistrict, keysFieldOffice, keysPropertyUnit, keysSiteArea},
	"buildings":  {keysID, keysName, keysSynthetic, keysSynthFields, keysCompoundRef, keysStoreys, keysBuiltYear, keysStructure, keysElevator, keysFloorArea},
	"facilities": {keysID, keysName, keysSynthetic, keysSynthFields, keysKind},
	"green":      {keysID, keysName, keysSynthetic, keysSynthFields},
	"zones":      {keysID, keysName, keysSynthetic, keysSynthFields, keysKind, keysFieldOffice},
	"gates":      {keysID, keysName, keysCompoundRef, keysPedestrian, keysVehicle, keysHours},
}

// propertyNameCache holds propertyNames' answers: layer and canonical key → every name.
var propertyNameCache = func() map[string][]string {
	m := map[string][]string{}
	for layer, lists := range layerKeys {
		for _, keys := range lists {
			all := append([]string(nil), keys...)
			all = append(all, synonymsOf(layer, keys[0])...)
			all = append(all, synonymsOf("any", keys[0])...)
			m[layer+"\x00"+keys[0]] = all
		}
	}
	return m
}()

// propertyNames returns keys followed by the synonyms of keys[0] for layer.
func propertyNames(layer string, keys []string) []string {
	if all, ok := propertyNameCache[layer+"\x00"+keys[0]]; ok {
		return all
	}
	return keys
}

// Unread is a name or value a reader did not use: a property of a layer or a column of a
// roster that nothing reads, or a value it could not map (a facility kind it does not know).
// Nothing is dropped in silence: readers list these for the caller to show, and a strict
// caller treats them as errors.
type Unread struct {
	// File names the layer or table.
	File string `json:"file"`
	// What is "property", "column" or "value".
	What string `json:"what"`
	// Name is the property or column as the file writes it; for a value, the property or
	// column it is in.
	Name string `json:"name"`
	// Value is the unmapped value, for What "value".
	Value string `json:"value,omitempty"`
	// Count is how many features or rows carry it.
	Count int `json:"count"`
	// DidYouMean is the nearest name or value the reader does read, when one is close.
	DidYouMean string `json:"did_you_mean,omitempty"`
	// Why says more: that the name is ambiguous, or what became of the value.
	Why string `json:"why,omitempty"`
}

// String reads like `compounds.geojson: property "建成年代" is not read (4 features) — did you
// mean "建成年份"?`.
func (u Unread) String() string {
	var b strings.Builder
	unit := "features"
	if u.Count == 1 {
		unit = "feature"
	}
	switch u.What {
	case "value":
		fmt.Fprintf(&b, "%s: %s %q is not a known value (%d %s)", u.File, u.Name, u.Value, u.Count, unit)
	case "column":
		fmt.Fprintf(&b, "%s: column %q is not read", u.File, u.Name)
	default:
		fmt.Fprintf(&b, "%s: %s %q is not read (%d %s)", u.File, u.What, u.Name, u.Count, unit)
	}
	if u.Why != "" {
		b.WriteString(": ")
		b.WriteString(u.Why)
	}
	if u.DidYouMean != "" {
		fmt.Fprintf(&b, " — did you mean %q?", u.DidYouMean)
	}
	return b.String()
}

// UnreadProperties lists the properties of a layer's features that the layer's reader
// (CompoundsFromFeatures and the like; layer is "compounds", "buildings", "facilities",
// "green" or "zones") does not read, each with the number of features carrying it and the
// nearest name it does read; and, for facilities, every kind value that is not a known
// FacilityKind (it passes through as a planner's own kind, which no default radius measures).
// file names the layer. The list is sorted by name, then value.
func UnreadProperties(layer, file string, features []*geojson.Feature) []Unread {
	lists, ok := layerKeys[layer]
	if !ok {
		return nil
	}
	known := map[string]bool{}
	var names []string
	for _, keys := range lists {
		for _, k := range propertyNames(layer, keys) {
			known[table.NormaliseHeader(k)] = true
			names = append(names, k)
		}
	}
	counts := map[string]int{}
	values := map[[2]string]int{}
	for _, f := range features {
		if f == nil {
			continue
		}
		for k := range f.Properties {
			if !known[table.NormaliseHeader(k)] {
				counts[k]++
			}
		}
		if layer == "facilities" {
			r := featureReader{layer: layer, props: f.Properties}
			if v, key, ok := r.lookup(keysKind); ok {
				text := textOf(v)
				if k, err := ParseFacilityKind(text); err == nil && !KnownFacilityKind(k) {
					values[[2]string{key, text}]++
				}
			}
		}
	}
	var out []Unread
	for k, n := range counts {
		u := Unread{File: file, What: "property", Name: k, Count: n, DidYouMean: table.Nearest(k, names)}
		if syn, ok := lookupSynonym(layer, k); ok && len(syn.Ambiguous) > 0 {
			u.Why = syn.ambiguity()
		}
		out = append(out, u)
	}
	if len(values) > 0 {
		var kinds []string
		for _, k := range FacilityKinds() {
			kinds = append(kinds, facilityKindChinese[k], string(k))
		}
		for _, s := range synonymTable {
			if s.Domain == "kind" && s.Meaning != "" {
				kinds = append(kinds, s.Name)
			}
		}
		for kv, n := range values {
			u := Unread{File: file, What: "value", Name: kv[0], Value: kv[1], Count: n,
				DidYouMean: table.Nearest(kv[1], kinds),
				Why:        "not a known facility kind: kept as a kind of its own, which no default radius measures"}
			if syn, ok := lookupSynonym("kind", kv[1]); ok && len(syn.Ambiguous) > 0 {
				u.Why, u.DidYouMean = syn.ambiguity()+"; kept as a kind of its own meanwhile", ""
			}
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Value < out[j].Value
	})
	return out
}
