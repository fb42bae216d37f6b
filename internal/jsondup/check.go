package jsondup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// DuplicateError says which member name is repeated, where.
type DuplicateError struct {
	Key    string // the member name, unescaped
	Path   string // the object holding it, such as "clauses[0]"; "" for the top level
	Offset int64  // byte offset of the second occurrence's name, from 0
}

// Error names the member, the object and the byte offset.
func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s (second at byte %d)", e.What(), e.Offset)
}

// What names the member and the object, without the offset, for callers that report offsets
// their own way.
func (e *DuplicateError) What() string {
	if e.Path == "" {
		return fmt.Sprintf("member %q is given twice", e.Key)
	}
	return fmt.Sprintf("member %q is given twice in %s", e.Key, e.Path)
}

// maxPlainKeys is how many names an object's level compares one by one before it keeps a map.
const maxPlainKeys = 16

// span is a member name: b[start:end] of the text, or, for a name with escapes (start < 0),
// its unescaped bytes arena[-1-start:end].
type span struct{ start, end int }

// checker is Check's state. Its memory is what bounds Check's: one int for each open level
// (the text's deepest nesting, counted before the scan, so allocated once), and a span for
// each name of the open objects, but at most maxPlainKeys+1 for an object with a map.
type checker struct {
	b []byte
	// levels are the open objects and arrays, outermost first: an array's current index
	// (≥ 0), or −1−k for an object whose names are names[k:] up to the next object's.
	levels []int
	names  []span
	arena  []byte // escaped names, unescaped
	sets   []set  // the maps of the open objects with more than maxPlainKeys names, innermost last
}

// set is the map of the names of the object open at levels[level].
type set struct {
	level int
	names map[string]struct{}
}

// Check returns a *DuplicateError for the first object in the JSON text b that names a member
// twice (after unescaping, so "a" and "\u0061" are the same name), and nil otherwise. It does
// not validate b: malformed JSON gives nil or a duplicate found before the fault, and the
// caller's decoder reports the syntax error. It allocates at most about 10 bytes a byte of b:
// 8 for each level of its deepest nesting ("[[[[" is the worst), and the names of the open
// objects; member names written with escapes, which it unescapes, take about 24.
func Check(b []byte) error {
	c := checker{b: b, levels: make([]int, 0, shallow)}
	expectKey := false // the next string is a member name
	for i := 0; i < len(b); i++ {
		switch ch := b[i]; ch {
		case '{', '[':
			if len(c.levels) == cap(c.levels) { // deeper than shallow: room for the deepest, once
				c.levels = append(make([]int, 0, maxDepth(b)), c.levels...)
			}
			v := 0
			if ch == '{' {
				v = -1 - len(c.names)
			}
			c.levels = append(c.levels, v)
			expectKey = ch == '{'
		case '}', ']':
			if len(c.levels) == 0 {
				return nil
			}
			c.close()
			expectKey = false
		case ',':
			if d := len(c.levels); d > 0 {
				if c.levels[d-1] < 0 {
					expectKey = true
				} else {
					c.levels[d-1]++
				}
			}
		case '"':
			end := stringEnd(b, i)
			if end < 0 {
				return nil
			}
			if expectKey && len(c.levels) > 0 {
				name := span{i + 1, end - 1}
				if bytes.IndexByte(b[i+1:end-1], '\\') >= 0 {
					var s string
					if json.Unmarshal(b[i:end], &s) != nil {
						return nil
					}
					name = span{-1 - len(c.arena), len(c.arena) + len(s)}
					c.arena = append(c.arena, s...)
				}
				if !c.add(name) {
					return &DuplicateError{Key: string(c.bytes(name)), Path: c.path(), Offset: int64(i)}
				}
				expectKey = false
			}
			i = end - 1
		}
	}
	return nil
}

// shallow is how many levels Check makes room for before it counts how deep the text nests.
const shallow = 32

// maxDepth returns how deep b nests at most, counting as Check does.
func maxDepth(b []byte) int {
	depth, most := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			depth++
			most = max(most, depth)
		case '}', ']':
			if depth == 0 {
				return most
			}
			depth--
		case '"':
			end := stringEnd(b, i)
			if end < 0 {
				return most
			}
			i = end - 1
		}
	}
	return most
}

// bytes returns the name n.
func (c *checker) bytes(n span) []byte {
	if n.start < 0 {
		return c.arena[-1-n.start : n.end]
	}
	return c.b[n.start:n.end]
}

// close closes the innermost level, dropping its names and map.
func (c *checker) close() {
	d := len(c.levels) - 1
	if v := c.levels[d]; v < 0 {
		k := -1 - v
		if k == 0 {
			c.arena = c.arena[:0]
		}
		c.names = c.names[:k]
		if n := len(c.sets); n > 0 && c.sets[n-1].level == d {
			c.sets = c.sets[:n-1]
		}
	}
	c.levels = c.levels[:d]
}

// add records name in the innermost level, an object, and reports whether it was new. An
// object with a map keeps only its latest name among the spans, for path.
func (c *checker) add(name span) bool {
	d := len(c.levels) - 1
	k := -1 - c.levels[d]
	nb := c.bytes(name)
	if n := len(c.sets); n > 0 && c.sets[n-1].level == d {
		m := c.sets[n-1].names
		if _, dup := m[string(nb)]; dup {
			return false
		}
		m[string(nb)] = struct{}{}
		c.names[len(c.names)-1] = name
		return true
	}
	for _, n := range c.names[k:] {
		if bytes.Equal(c.bytes(n), nb) {
			return false
		}
	}
	if len(c.names) == cap(c.names) { // double: append grows a large slice by a quarter, and
		// what the growths allocate in all would be five times the last
		c.names = append(make([]span, 0, 2*cap(c.names)+8), c.names...)
	}
	c.names = append(c.names, name)
	if len(c.names)-k > maxPlainKeys {
		m := make(map[string]struct{}, 2*maxPlainKeys)
		for _, n := range c.names[k:] {
			m[string(c.bytes(n))] = struct{}{}
		}
		c.sets = append(c.sets, set{level: d, names: m})
	}
	return true
}

// path names the value each level around the innermost holds open: features[3].properties.
func (c *checker) path() string {
	var sb strings.Builder
	open := c.levels[:len(c.levels)-1]
	next := 0 // the first object level after j; the innermost level is an object
	for j, v := range open {
		if v >= 0 {
			sb.WriteString("[" + strconv.Itoa(v) + "]")
			continue
		}
		if next <= j {
			for next = j + 1; c.levels[next] >= 0; next++ {
			}
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		if k, kn := -1-v, -1-c.levels[next]; kn > k {
			sb.Write(c.bytes(c.names[kn-1]))
		}
	}
	return sb.String()
}

// stringEnd returns the index after the JSON string starting at b[i] == '"', or −1.
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}
