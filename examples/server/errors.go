package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is an answer other than 200: the HTTP status and what is wrong, written as
//
//	{"error": "...", "status": 422, "field": "households[2].area_m2", "offset": 118}
//
// Field is the JSON path of the member at fault, when one is known; Offset the byte offset in
// the request body of a JSON syntax or type error, when one is known.
type apiError struct {
	Message string `json:"error"`
	Status  int    `json:"status"`
	Field   string `json:"field,omitempty"`
	Offset  *int64 `json:"offset,omitempty"`
}

// Error returns the message, so that an *apiError can travel as an error.
func (e *apiError) Error() string { return e.Message }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{Status: status, Message: fmt.Sprintf(format, args...)}
}

// fieldErrorf is an error about the member at path.
func fieldErrorf(status int, path, format string, args ...any) *apiError {
	return &apiError{Status: status, Field: path, Message: path + ": " + fmt.Sprintf(format, args...)}
}

// at records the byte offset of the error in the request body.
func (e *apiError) at(offset int64) *apiError {
	e.Offset = &offset
	return e
}

// writeError writes e as the answer.
func writeError(w http.ResponseWriter, e *apiError) {
	b, err := json.Marshal(e)
	if err != nil { // cannot happen: strings and integers only
		b = []byte(`{"error":"internal error","status":500}`)
		e.Status = http.StatusInternalServerError
	}
	writeBody(w, e.Status, append(b, '\n'))
}

// writeBody writes a JSON answer with its status.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) // the client may have gone; there is no one left to tell
}
