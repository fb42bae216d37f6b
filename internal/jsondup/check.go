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

// level is one open object or array.
type level struct {
	object bool
	cur    []byte // the latest member name, for objects
	index  int    // the current element's index, for arrays
	names  [][]byte
	set    map[string]struct{}
}

// add records name and reports whether it was new.
func (l *level) add(name []byte) bool {
	if l.set != nil {
		if _, dup := l.set[string(name)]; dup {
			return false
		}
		l.set[string(name)] = struct{}{}
		return true
	}
	for _, n := range l.names {
		if bytes.Equal(n, name) {
			return false
		}
	}
	l.names = append(l.names, name)
	if len(l.names) > maxPlainKeys {
		l.set = make(map[string]struct{}, 2*len(l.names))
		for _, n := range l.names {
			l.set[string(n)] = struct{}{}
		}
	}
	return true
}

// Check returns a *DuplicateError for the first object in the JSON text b that names a member
// twice (after unescaping, so "a" and "\u0061" are the same name), and nil otherwise. It does
// not validate b: malformed JSON gives nil or a duplicate found before the fault, and the
// caller's decoder reports the syntax error. It allocates only for the names of objects with
// escaped names or more than 16 members, and for the open levels.
func Check(b []byte) error {
	var levels []level // levels[:depth] are open; those above are kept for reuse
	depth := 0
	expectKey := false // the next string is a member name
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '{', '[':
			if depth == len(levels) {
				levels = append(levels, level{})
			}
			l := &levels[depth]
			l.object, l.cur, l.index, l.names, l.set = c == '{', nil, 0, l.names[:0], nil
			depth++
			expectKey = c == '{'
		case '}', ']':
			if depth == 0 {
				return nil
			}
			depth--
			expectKey = false
		case ',':
			if depth > 0 {
				top := &levels[depth-1]
				if top.object {
					expectKey = true
				} else {
					top.index++
				}
			}
		case '"':
			end := stringEnd(b, i)
			if end < 0 {
				return nil
			}
			if expectKey && depth > 0 {
				name := b[i+1 : end-1]
				if bytes.IndexByte(name, '\\') >= 0 {
					var s string
					if json.Unmarshal(b[i:end], &s) != nil {
						return nil
					}
					name = []byte(s)
				}
				top := &levels[depth-1]
				if !top.add(name) {
					return &DuplicateError{Key: string(name), Path: path(levels[:depth-1]), Offset: int64(i)}
				}
				top.cur = name
				expectKey = false
			}
			i = end - 1
		}
	}
	return nil
}

// path names the value each of the open levels holds open: features[3].properties.
func path(open []level) string {
	var sb strings.Builder
	for _, l := range open {
		if l.object {
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.Write(l.cur)
		} else {
			sb.WriteString("[" + strconv.Itoa(l.index) + "]")
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
