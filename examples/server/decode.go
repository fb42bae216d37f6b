package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
)

// checkJSONContent answers 415 unless the request says its body is JSON in UTF-8
// (application/json, with no charset or charset=utf-8).
func checkJSONContent(r *http.Request) *apiError {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return errorf(http.StatusUnsupportedMediaType, "no Content-Type; send the body as application/json")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, "Content-Type %q is not application/json", ct)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return errorf(http.StatusUnsupportedMediaType, "Content-Type %q: the body must be UTF-8", ct)
	}
	return nil
}

// decodeBody reads the request body as one JSON object into dst, rejecting a member named
// twice in one object, unknown members and anything after the object. The body must already
// be limited by http.MaxBytesReader: a body over the limit is 413; JSON that is malformed or of
// the wrong shape is 400, naming the byte offset and the member; a body that has not arrived
// by the request's read deadline is 503.
func decodeBody(r *http.Request, maxBody int64, dst any) *apiError {
	if r.ContentLength > maxBody {
		return tooLarge(maxBody)
	}
	// Read it whole (it is bounded by maxBody), so that trailing data is reported and an
	// oversized body is 413 even when it begins with a complete object.
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mb *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &mb):
			return tooLarge(maxBody)
		case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, os.ErrDeadlineExceeded):
			return errorf(http.StatusServiceUnavailable, "the request body did not arrive in time: %d bytes had come", len(b))
		}
		return errorf(http.StatusBadRequest, "reading the request body after %d bytes: %v", len(b), err)
	}
	var de *jsondup.DuplicateError
	if errors.As(jsondup.Check(b), &de) {
		return fieldErrorf(http.StatusBadRequest, joinPath(de.Path, de.Key), "given twice in one object (the second at byte %d)", de.Offset).at(de.Offset)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err, "", int64(len(b)), maxBody)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return errorf(http.StatusBadRequest, "data after the JSON object at byte %d", end).at(end)
	}
	return nil
}

func tooLarge(maxBody int64) *apiError {
	return errorf(http.StatusRequestEntityTooLarge, "the request body is larger than %d bytes (the server's -max-body)", maxBody)
}

// decodeItem decodes one element of an array member (path such as "households[2]") into dst,
// rejecting unknown members. raw is valid JSON: the body decoder checked the syntax.
func decodeItem(raw json.RawMessage, path string, dst any) *apiError {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err, path, -1, 0)
	}
	return nil
}

// jsonError turns an encoding/json error into a 400 (413 for a body over the limit) naming
// the member (prefixed by path) and, for the body itself, the byte offset; offset is the
// number of body bytes read, or −1 for an item, whose offsets are not the body's.
func jsonError(err error, path string, offset int64, maxBody int64) *apiError {
	var mb *http.MaxBytesError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	bad := func(field, format string, args ...any) *apiError {
		e := errorf(http.StatusBadRequest, format, args...)
		if field != "" {
			e = fieldErrorf(http.StatusBadRequest, field, format, args...)
		}
		return e
	}
	switch {
	case errors.As(err, &mb):
		return tooLarge(maxBody)
	case errors.As(err, &se):
		return bad(path, "malformed JSON at byte %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: ")).at(se.Offset)
	case errors.As(err, &te):
		field := joinPath(path, te.Field)
		if field == "" {
			return errorf(http.StatusBadRequest, "the body is JSON %s; want %s", te.Value, typeName(te.Type)).at(te.Offset)
		}
		e := fieldErrorf(http.StatusBadRequest, field, "expected %s, got JSON %s", typeName(te.Type), te.Value)
		if offset >= 0 {
			e.Message += fmt.Sprintf(" at byte %d", te.Offset)
			e.at(te.Offset)
		}
		return e
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "the body is empty; want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		if offset >= 0 {
			return errorf(http.StatusBadRequest, "the JSON ends at byte %d, before the object is complete", offset).at(offset)
		}
		return bad(path, "the JSON ends before the object is complete")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return bad(joinPath(path, name), "unknown member")
	}
	return bad(path, "%v", err)
}

func joinPath(path, field string) string {
	switch {
	case path == "":
		return field
	case field == "":
		return path
	}
	return path + "." + field
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// typeName says in words what JSON a Go type is read from.
func typeName(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	if t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return "a string" // such as survey's Fraction "2/3" and Measure "area"
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

// decimal is a member written as a JSON string ("58.60", "2万") or a JSON number (58.6), kept
// as text so that it is parsed exactly and never through float64. Other JSON types are kept
// too and reported by text with the member's full path, which encoding/json cannot give
// from inside an UnmarshalJSON method.
type decimal struct {
	text  string
	set   bool // present and not null
	wrong string
}

// UnmarshalJSON keeps the text; it never fails, so that the caller reports the path.
func (d *decimal) UnmarshalJSON(b []byte) error {
	*d = decimal{}
	switch {
	case len(b) == 0 || string(b) == "null":
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil { // cannot happen: the syntax is checked
			d.wrong = "an invalid string"
		}
		d.text, d.set = s, true
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		d.text, d.set = string(b), true
	case b[0] == 't' || b[0] == 'f':
		d.wrong, d.set = "bool", true
	case b[0] == '{':
		d.wrong, d.set = "object", true
	default:
		d.wrong, d.set = "array", true
	}
	return nil
}

// get returns the text, or a 400 for a member of the wrong JSON type.
func (d decimal) get(path string) (string, *apiError) {
	if d.wrong != "" {
		return "", fieldErrorf(http.StatusBadRequest, path, "expected a decimal string or number, got JSON %s", d.wrong)
	}
	return d.text, nil
}
