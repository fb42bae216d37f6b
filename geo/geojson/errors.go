package geojson

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors wrapped by *Error; test with errors.Is.
var (
	// ErrSyntax means the input is not valid JSON.
	ErrSyntax = errors.New("geojson: invalid JSON")
	// ErrInvalid means valid JSON that is not valid GeoJSON: a wrong type name or member
	// type, a ring too short or not closed, a position with fewer than two numbers.
	ErrInvalid = errors.New("geojson: invalid GeoJSON")
	// ErrTooLarge means the input is longer than ReadOptions.MaxBytes.
	ErrTooLarge = errors.New("geojson: input too large")
	// ErrTooManyPositions means the document has more positions than
	// ReadOptions.MaxPositions.
	ErrTooManyPositions = errors.New("geojson: too many positions")
	// ErrTooDeep means JSON nesting deeper than ReadOptions.MaxDepth.
	ErrTooDeep = errors.New("geojson: nesting too deep")
	// ErrAltitude means a position with a third number while ReadOptions.RejectAltitude
	// is set.
	ErrAltitude = errors.New("geojson: altitude")
)

// Error is a reading error: which feature, where in the input, and what.
type Error struct {
	// Feature is the index of the feature in the collection (0-based), or -1 when the
	// problem is outside any feature.
	Feature int
	// ID is the feature's id as read (a string or a json.Number), nil if it has none or
	// could not be read.
	ID any
	// Offset is the byte offset in the input of the feature, or of the problem when it is
	// outside a feature; -1 if unknown.
	Offset int64
	// Err is one of the sentinel errors.
	Err error
	// Msg says what is wrong, with the path inside the feature and the numbers.
	Msg string
}

// Error returns the message with the feature, its id and byte offset when known, such as
// `geojson: feature 17 (id "way/123", byte 40211): polygon ring 0 has 3 positions, needs at
// least 4`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("geojson: ")
	if e.Feature >= 0 {
		fmt.Fprintf(&b, "feature %d", e.Feature)
		var extra []string
		if e.ID != nil {
			if s, ok := e.ID.(string); ok {
				extra = append(extra, fmt.Sprintf("id %q", s))
			} else {
				extra = append(extra, fmt.Sprintf("id %v", e.ID))
			}
		}
		if e.Offset >= 0 {
			extra = append(extra, fmt.Sprintf("byte %d", e.Offset))
		}
		if len(extra) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(extra, ", "))
		}
		b.WriteString(": ")
	} else if e.Offset >= 0 {
		fmt.Fprintf(&b, "byte %d: ", e.Offset)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// problem is an error found inside a value, before the feature it belongs to is known; the
// reader turns it into an *Error. path names where inside the feature ("polygon", "ring 0",
// "position 3"), outermost first.
type problem struct {
	err  error
	path []string
	msg  string
}

// Error returns the path and the message.
func (p *problem) Error() string {
	if len(p.path) == 0 {
		return p.msg
	}
	where := strings.Join(p.path, " ")
	// "polygon ring 0 has 3 positions" reads as a sentence; other messages follow a colon.
	if strings.HasPrefix(p.msg, "has ") || strings.HasPrefix(p.msg, "is ") || strings.HasSuffix(where, ":") {
		return where + " " + p.msg
	}
	return where + ": " + p.msg
}

func invalidf(format string, args ...any) *problem {
	return &problem{err: ErrInvalid, msg: fmt.Sprintf(format, args...)}
}

// within adds where to the front of a problem's path.
func within(where string, err error) error {
	var p *problem
	if errors.As(err, &p) {
		return &problem{err: p.err, path: append([]string{where}, p.path...), msg: p.msg}
	}
	return err
}

// plural returns "1 position" or "3 positions".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
