package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// The functions here walk JSON that encoding/json has already validated (a
// json.RawMessage from a json.Decoder), without allocating, to find the members of an
// object and measure nesting. They still check every index, so inconsistent input gives an
// error, never a panic.

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// skipString returns the index after the JSON string starting at b[i] == '"'.
func skipString(b []byte, i int) (int, bool) {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return i, false
}

// skipValue returns the index after the JSON value starting at b[i].
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				j, ok := skipString(b, i)
				if !ok {
					return j, false
				}
				i = j - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, true
				}
			}
		}
		return i, false
	default: // number, true, false, null
		for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && !isSpace(b[i]) {
			i++
		}
		return i, true
	}
}

// members calls fn for each member of the JSON object b, in order, with the unescaped key
// and the raw value.
func members(b []byte, fn func(key string, val []byte) error) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return invalidf("expected an object, found %s", describe(b))
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for i < len(b) {
		if b[i] != '"' {
			return &problem{err: ErrSyntax, msg: "expected a member name"}
		}
		end, ok := skipString(b, i)
		if !ok {
			return &problem{err: ErrSyntax, msg: "unterminated member name"}
		}
		key, err := unquote(b[i:end])
		if err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return &problem{err: ErrSyntax, msg: "expected ':' after member name"}
		}
		i = skipSpace(b, i+1)
		vend, ok := skipValue(b, i)
		if !ok {
			return &problem{err: ErrSyntax, msg: fmt.Sprintf("unterminated value of member %q", key)}
		}
		if err := fn(key, b[i:vend]); err != nil {
			return err
		}
		i = skipSpace(b, vend)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			return nil
		}
		break
	}
	return &problem{err: ErrSyntax, msg: "unterminated object"}
}

// unquote returns the string a JSON string literal denotes, without allocating for the
// common case of a literal without escapes.
func unquote(lit []byte) (string, error) {
	if len(lit) < 2 {
		return "", &problem{err: ErrSyntax, msg: "unterminated string"}
	}
	plain := true
	for _, c := range lit[1 : len(lit)-1] {
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return string(lit[1 : len(lit)-1]), nil
	}
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", &problem{err: ErrSyntax, msg: err.Error()}
	}
	return s, nil
}

// depth returns how deeply b nests objects and arrays (a scalar is 0, [] is 1).
func depth(b []byte) int {
	d, maxD := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			j, _ := skipString(b, i)
			i = j - 1
		case '{', '[':
			d++
			maxD = max(maxD, d)
		case '}', ']':
			d--
		}
	}
	return maxD
}

// describe names the kind of a JSON value for error messages.
func describe(b []byte) string {
	i := skipSpace(b, 0)
	if i >= len(b) {
		return "nothing"
	}
	switch b[i] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		if len(b)-i > 40 {
			return "a string"
		}
		return "the string " + string(b[i:])
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if len(b)-i > 40 {
		return "a number"
	}
	return "the number " + string(b[i:])
}

func isNull(b []byte) bool {
	i := skipSpace(b, 0)
	return len(b)-i >= 4 && string(b[i:i+4]) == "null"
}

// elements calls fn for each element of the JSON array b, in order.
func elements(b []byte, fn func(val []byte) error) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return invalidf("expected an array, found %s", describe(b))
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return nil
	}
	for i < len(b) {
		end, ok := skipValue(b, i)
		if !ok {
			return &problem{err: ErrSyntax, msg: "unterminated array element"}
		}
		if err := fn(b[i:end]); err != nil {
			return err
		}
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == ']' {
			return nil
		}
		break
	}
	return &problem{err: ErrSyntax, msg: "unterminated array"}
}

// decodeValue decodes validated JSON into the values encoding/json gives an any with
// UseNumber (map[string]any, []any, string, json.Number, bool, nil), without reflection.
func decodeValue(b []byte) (any, error) {
	i := skipSpace(b, 0)
	if i >= len(b) {
		return nil, &problem{err: ErrSyntax, msg: "missing value"}
	}
	switch c := b[i]; {
	case c == '{':
		m := map[string]any{}
		err := members(b, func(key string, val []byte) error {
			v, err := decodeValue(val)
			m[key] = v
			return err
		})
		return m, err
	case c == '[':
		a := []any{}
		err := elements(b, func(val []byte) error {
			v, err := decodeValue(val)
			a = append(a, v)
			return err
		})
		return a, err
	case c == '"':
		end, ok := skipString(b, i)
		if !ok {
			return nil, &problem{err: ErrSyntax, msg: "unterminated string"}
		}
		return unquote(b[i:end])
	case c == 't' || c == 'f' || c == 'n':
		end, _ := skipValue(b, i)
		switch string(b[i:end]) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
	case c == '-' || '0' <= c && c <= '9':
		end, _ := skipValue(b, i)
		n := json.Number(b[i:end])
		if _, err := n.Float64(); err != nil && !isRangeErr(err) {
			return nil, &problem{err: ErrSyntax, msg: fmt.Sprintf("invalid number %s", n)}
		}
		return n, nil
	}
	return nil, &problem{err: ErrSyntax, msg: fmt.Sprintf("invalid value %s", describe(b))}
}

// isRangeErr reports a number too large for float64, which json.Number keeps as written.
func isRangeErr(err error) bool {
	return errors.Is(err, strconv.ErrRange)
}
