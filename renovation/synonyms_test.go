package renovation

import (
	"testing"
)

// Every synonym maps to exactly one meaning that the readers know, or is marked ambiguous
// between meanings they know, and has a source.
func TestSynonymsUnique(t *testing.T) {
	if synonymsErr != nil {
		t.Fatal(synonymsErr)
	}
	if len(synonymTable) < 50 {
		t.Errorf("only %d synonyms", len(synonymTable))
	}
	canonical := map[string]map[string]bool{}
	for layer, lists := range layerKeys {
		canonical[layer] = map[string]bool{}
		for _, keys := range lists {
			canonical[layer][keys[0]] = true
		}
	}
	anyKeys := map[string]bool{}
	for _, keys := range [][]string{keysID, keysName, keysSynthetic, keysSynthFields} {
		anyKeys[keys[0]] = true
	}
	valid := func(domain, meaning string) bool {
		switch domain {
		case "kind":
			return KnownFacilityKind(FacilityKind(meaning))
		case "tenure":
			_, ok := tenureNames[meaning]
			return ok && meaning != ""
		case "any":
			return anyKeys[meaning]
		case "roster":
			return true // checked in renovation/roster
		}
		return canonical[domain][meaning]
	}
	for _, s := range synonymTable {
		if s.Source == "" {
			t.Errorf("%s %q has no source", s.Domain, s.Name)
		}
		meanings := s.Ambiguous
		if s.Meaning != "" {
			meanings = []string{s.Meaning}
		}
		if len(meanings) == 0 || (len(s.Ambiguous) == 1) {
			t.Errorf("%s %q: meanings %v", s.Domain, s.Name, meanings)
		}
		for _, m := range meanings {
			if !valid(s.Domain, m) {
				t.Errorf("%s %q means %q, which no reader knows", s.Domain, s.Name, m)
			}
		}
	}
	// A duplicate is refused.
	if _, _, err := parseSynonyms("kind\t甲\tclinic\tx\nkind\t 甲 \tpark\ty\n"); err == nil {
		t.Error("a name listed twice was accepted")
	}
}
