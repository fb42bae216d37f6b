package wkb

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by *Error; test with errors.Is.
var (
	// ErrTruncated means the blob ends before the geometry it describes, including a count
	// (of points, rings or members) that needs more bytes than remain.
	ErrTruncated = errors.New("wkb: truncated")
	// ErrInvalid means a byte order, a type code or a member does not follow the format, or
	// bytes follow the geometry.
	ErrInvalid = errors.New("wkb: invalid")
	// ErrUnsupported means a geometry type orb cannot hold (curves, surfaces, TIN, …).
	ErrUnsupported = errors.New("wkb: unsupported geometry type")
	// ErrZM means the blob has Z or M coordinates and Decoder.DropZM is not set.
	ErrZM = errors.New("wkb: Z or M coordinates")
	// ErrEmptyPoint means an empty point (both coordinates NaN), which orb.Point cannot hold.
	ErrEmptyPoint = errors.New("wkb: empty point")
	// ErrLimit means the geometry has more points than Decoder.MaxPoints or nests deeper than
	// Decoder.MaxDepth.
	ErrLimit = errors.New("wkb: limit exceeded")
)

// Error is a decoding error at a byte offset of the input.
type Error struct {
	Offset int    // byte offset into the blob (or the text, for ParseHex) where the problem is
	Err    error  // one of the sentinel errors above
	Detail string // what was found, with the numbers
}

// Error returns "wkb: offset N: " and the detail.
func (e *Error) Error() string {
	return fmt.Sprintf("wkb: offset %d: %s", e.Offset, e.Detail)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }
