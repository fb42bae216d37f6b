package survey

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrInvalidCensus is wrapped by every error Reconcile returns.
var ErrInvalidCensus = errors.New("invalid census")

// Category is a named count in a census tree (入户调查, 摸底), such as households registered in
// a sub-district. Each Breakdown splits the category into parts that must add up to Count (a
// category may be split several ways: by zone, by residence status, by take-up). OfWhich are
// subsets (其中) that need not add up but none may exceed Count. Parts and subsets are
// categories in turn.
type Category struct {
	Name       string      `json:"name"`
	Count      int64       `json:"count"`
	Breakdowns []Breakdown `json:"breakdowns,omitempty"`
	OfWhich    []Category  `json:"of_which,omitempty"`
}

// Breakdown is one way of splitting a category into disjoint parts that cover it.
type Breakdown struct {
	Name  string     `json:"name,omitempty"`
	Parts []Category `json:"parts"`
}

// MismatchKind says which identity failed.
type MismatchKind int

const (
	// SumMismatch: a breakdown's parts do not add up to the category.
	SumMismatch MismatchKind = iota
	// SubsetExceeds: an "of which" subset is larger than its category.
	SubsetExceeds
	// NegativeCount: a count is below zero.
	NegativeCount
)

// String returns "sum", "subset-exceeds" or "negative".
func (k MismatchKind) String() string {
	switch k {
	case SumMismatch:
		return "sum"
	case SubsetExceeds:
		return "subset-exceeds"
	case NegativeCount:
		return "negative"
	}
	return fmt.Sprintf("MismatchKind(%d)", int(k))
}

// MarshalText encodes String.
func (k MismatchKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Mismatch is an identity that does not hold. Path names the category from the root
// ("登记户数 / 煤改电范围"). For SumMismatch, Sum is the parts' total and Difference =
// Declared − Sum (positive: the parts fall short). For SubsetExceeds, Sum is the subset's
// count, Breakdown the subset's name, and Difference = Declared − Sum (negative). For
// NegativeCount, Declared is the count.
type Mismatch struct {
	Kind       MismatchKind `json:"kind"`
	Path       string       `json:"path"`
	Breakdown  string       `json:"breakdown,omitempty"`
	Declared   int64        `json:"declared"`
	Sum        int64        `json:"sum"`
	Difference int64        `json:"difference"`
	Terms      []int64      `json:"terms,omitempty"` // the parts' counts, for SumMismatch
}

// String describes the mismatch with its numbers, for example
// "登记户数 / 煤改电范围 (按居住状况): 20,986 ≠ 14,538 + 2,234 + 4,052 + 189 = 21,013, difference -27".
func (m Mismatch) String() string {
	where := m.Path
	if m.Breakdown != "" {
		where += " (" + m.Breakdown + ")"
	}
	switch m.Kind {
	case SumMismatch:
		terms := make([]string, len(m.Terms))
		for i, t := range m.Terms {
			terms[i] = groupDigits(t)
		}
		return fmt.Sprintf("%s: %s ≠ %s = %s, difference %s", where, groupDigits(m.Declared), strings.Join(terms, " + "), groupDigits(m.Sum), signedDigits(m.Difference))
	case SubsetExceeds:
		return fmt.Sprintf("%s: of which %s exceeds the whole %s by %s", where, groupDigits(m.Sum), groupDigits(m.Declared), groupDigits(-m.Difference))
	}
	return fmt.Sprintf("%s: count %s is negative", where, groupDigits(m.Declared))
}

// maxCensusDepth bounds the tree so that a hostile input cannot exhaust the stack.
const maxCensusDepth = 64

// Reconcile checks every identity in the tree, depth first in the order given: each
// breakdown's parts add up to their category, no "of which" subset exceeds its category, no
// count is negative. It returns every mismatch (nil when all add up), not just the first.
// Errors (ErrInvalidCensus): an empty name, two siblings with the same name (paths would be
// ambiguous), a tree deeper than 64 levels, or a sum that overflows int64.
func Reconcile(root Category) ([]Mismatch, error) {
	var out []Mismatch
	if err := reconcile(&root, root.Name, 1, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func reconcile(c *Category, path string, depth int, out *[]Mismatch) error {
	if c.Name == "" {
		return fmt.Errorf("%w: a category under %q has no name", ErrInvalidCensus, path)
	}
	if depth > maxCensusDepth {
		return fmt.Errorf("%w: %q is deeper than %d levels", ErrInvalidCensus, path, maxCensusDepth)
	}
	if c.Count < 0 {
		*out = append(*out, Mismatch{Kind: NegativeCount, Path: path, Declared: c.Count, Difference: c.Count})
	}
	names := map[string]bool{}
	unique := func(name, what string) error {
		if names[name] {
			return fmt.Errorf("%w: %q has two %s named %q", ErrInvalidCensus, path, what, name)
		}
		names[name] = true
		return nil
	}
	for bi := range c.Breakdowns {
		b := &c.Breakdowns[bi]
		label := b.Name
		if label == "" {
			label = "breakdown " + strconv.Itoa(bi+1)
		}
		var sum int64
		terms := make([]int64, len(b.Parts))
		for i := range b.Parts {
			p := &b.Parts[i]
			if (p.Count > 0 && sum > math.MaxInt64-p.Count) || (p.Count < 0 && sum < math.MinInt64-p.Count) {
				return fmt.Errorf("%w: %q (%s): the parts overflow", ErrInvalidCensus, path, label)
			}
			sum += p.Count
			terms[i] = p.Count
		}
		if sum != c.Count {
			*out = append(*out, Mismatch{Kind: SumMismatch, Path: path, Breakdown: label, Declared: c.Count, Sum: sum, Difference: c.Count - sum, Terms: terms})
		}
		partNames := map[string]bool{}
		for i := range b.Parts {
			p := &b.Parts[i]
			if partNames[p.Name] {
				return fmt.Errorf("%w: %q (%s) has two parts named %q", ErrInvalidCensus, path, label, p.Name)
			}
			partNames[p.Name] = true
			if err := reconcile(p, path+" / "+p.Name, depth+1, out); err != nil {
				return err
			}
		}
	}
	for i := range c.OfWhich {
		s := &c.OfWhich[i]
		if s.Name != "" {
			if err := unique(s.Name, "subsets"); err != nil {
				return err
			}
		}
		if s.Count > c.Count {
			*out = append(*out, Mismatch{Kind: SubsetExceeds, Path: path, Breakdown: "of which " + s.Name, Declared: c.Count, Sum: s.Count, Difference: c.Count - s.Count})
		}
		if err := reconcile(s, path+" / "+s.Name, depth+1, out); err != nil {
			return err
		}
	}
	return nil
}

// groupDigits formats n with thousands separators: 25956 is "25,956".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func signedDigits(n int64) string {
	if n > 0 {
		return "+" + groupDigits(n)
	}
	return groupDigits(n)
}
