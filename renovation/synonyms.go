package renovation

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/table"
)

// Synonym is one entry of the synonym table (synonyms.tsv, embedded): a name planners' files
// use and the one meaning renovation reads it as, with where the name comes from.
type Synonym struct {
	// Domain is where the name occurs: a layer ("compounds", "buildings", "facilities",
	// "zones", "green", or "any" for every layer) for property names, "roster" for a
	// household roster's headers, "kind" for facility kinds, "tenure" for tenure words.
	Domain string `json:"domain"`
	// Name is the name as files write it.
	Name string `json:"name"`
	// Meaning is the canonical key, kind or tenure it stands for; empty when the name is
	// ambiguous.
	Meaning string `json:"meaning,omitempty"`
	// Ambiguous lists the meanings an ambiguous name could have; such a name is reported,
	// never guessed.
	Ambiguous []string `json:"ambiguous,omitempty"`
	// Source says where the name is used.
	Source string `json:"source"`
}

//go:embed synonyms.tsv
var synonymsTSV string

// synonymTable is the parsed table; synonymsErr says what is wrong with it (tests fail then).
var synonymTable, synonymIndex, synonymsErr = parseSynonyms(synonymsTSV)

// Synonyms returns the synonym table, in the file's order.
func Synonyms() []Synonym { return append([]Synonym(nil), synonymTable...) }

func synonymKey(domain, name string) string { return domain + "\x00" + table.NormaliseHeader(name) }

func parseSynonyms(text string) ([]Synonym, map[string]int, error) {
	var out []Synonym
	index := map[string]int{}
	for n, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" || f[1] == "" || f[2] == "" || f[3] == "" {
			return nil, nil, fmt.Errorf("synonyms.tsv line %d: want domain, name, meaning and source separated by tabs", n+1)
		}
		s := Synonym{Domain: f[0], Name: f[1], Meaning: f[2], Source: f[3]}
		if m, ok := strings.CutPrefix(s.Meaning, "?"); ok {
			s.Meaning, s.Ambiguous = "", strings.Split(m, "|")
		}
		k := synonymKey(s.Domain, s.Name)
		if prev, dup := index[k]; dup {
			return nil, nil, fmt.Errorf("synonyms.tsv line %d: %s %q is already listed (as %q)", n+1, s.Domain, s.Name, out[prev].Name)
		}
		index[k] = len(out)
		out = append(out, s)
	}
	return out, index, nil
}

// lookupSynonym returns the entry for name in domain.
func lookupSynonym(domain, name string) (Synonym, bool) {
	i, ok := synonymIndex[synonymKey(domain, name)]
	if !ok {
		return Synonym{}, false
	}
	return synonymTable[i], true
}

// synonymsOf returns the names of domain that mean meaning, in the file's order.
func synonymsOf(domain, meaning string) []string {
	var out []string
	for _, s := range synonymTable {
		if s.Domain == domain && s.Meaning == meaning {
			out = append(out, s.Name)
		}
	}
	return out
}

// ambiguity says which meanings an ambiguous name could have.
func (s Synonym) ambiguity() string {
	return fmt.Sprintf("%q is ambiguous: it could mean %s (%s); write one of them", s.Name, strings.Join(s.Ambiguous, " or "), s.Source)
}
