package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
)

// shareRequest is the body of POST /v1/elevator/share: a stairwell's households and the
// cost-sharing scheme in the JSON form of examples/elevator (budget.DecodeScheme).
type shareRequest struct {
	Households []json.RawMessage `json:"households"`
	Scheme     json.RawMessage   `json:"scheme"`
}

// householdJSON is one household, with the columns of examples/elevator's roster as members.
type householdJSON struct {
	ID                string  `json:"id"`
	Floor             *int    `json:"floor"`
	AreaM2            decimal `json:"area_m2"`
	HardshipCapYuan   decimal `json:"hardship_cap_yuan"`
	Waive             bool    `json:"waive"`
	ProvidentFundYuan decimal `json:"provident_fund_yuan"`
}

// share answers POST /v1/elevator/share with the JSON examples/elevator -json prints.
func share(w http.ResponseWriter, r *http.Request, maxBody int64) {
	var req shareRequest
	if e := decodeBody(r, maxBody, &req); e != nil {
		writeError(w, e)
		return
	}
	ctx := r.Context()
	hh, e := households(ctx, req.Households)
	if e != nil {
		writeError(w, e)
		return
	}
	if len(req.Scheme) == 0 || string(req.Scheme) == "null" {
		writeError(w, fieldErrorf(http.StatusUnprocessableEntity, "scheme", "missing; give the cost-sharing scheme as a JSON object"))
		return
	}
	s, err := budget.DecodeScheme(bytes.NewReader(req.Scheme))
	if err != nil {
		writeError(w, schemeError(err))
		return
	}
	// The request's context is done at the deadline (withTimeout), which has answered 503 by
	// then: the reading of the households, the apportionment and the exact explanations stop
	// there instead of running on unseen.
	res, err := s.Apply(ctx, hh)
	if err != nil {
		writeError(w, applyError(err))
		return
	}
	b, err := res.MarshalJSONContext(ctx)
	if err != nil {
		writeError(w, applyError(err))
		return
	}
	// Exactly what examples/elevator -json prints: indented, HTML characters unescaped.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(json.RawMessage(b)); err != nil {
		panic(fmt.Sprintf("encoding a budget.Result: %v", err)) // a bug, answered 500 by recovery
	}
	writeBody(w, http.StatusOK, buf.Bytes())
}

// households converts the request's households to budget's, checking what budget leaves to
// its callers (ids present and unique) and reading amounts and areas exactly. Errors are 400
// for JSON of the wrong shape and 422 for values, naming the household as budget does; 503
// once ctx is done (checked for every household).
func households(ctx context.Context, raw []json.RawMessage) ([]budget.Household, *apiError) {
	if raw == nil {
		return nil, fieldErrorf(http.StatusUnprocessableEntity, "households", "missing; give the stairwell's households as an array")
	}
	if len(raw) == 0 {
		return nil, fieldErrorf(http.StatusUnprocessableEntity, "households", "empty; a stairwell has at least one household")
	}
	out := make([]budget.Household, len(raw))
	seen := make(map[string]int, len(raw))
	for i, item := range raw {
		if err := ctx.Err(); err != nil {
			return nil, applyError(fmt.Errorf("reading households[%d] of %d: %w", i, len(raw), err))
		}
		path := fmt.Sprintf("households[%d]", i)
		var j householdJSON
		if e := decodeItem(item, path, &j); e != nil {
			return nil, e
		}
		h := &out[i]
		h.ID = strings.TrimSpace(j.ID)
		bad := func(field string, err error) *apiError {
			he := &budget.HouseholdError{Index: i, ID: h.ID, Field: field, Err: err}
			return &apiError{Status: http.StatusUnprocessableEntity, Field: path + "." + field, Message: he.Error()}
		}
		if h.ID == "" {
			return nil, bad("id", errors.New("missing or empty"))
		}
		if prev, dup := seen[h.ID]; dup {
			return nil, bad("id", fmt.Errorf("%q is already the id of households[%d]", h.ID, prev))
		}
		seen[h.ID] = i
		if j.Floor == nil {
			return nil, bad("floor", errors.New("missing"))
		}
		h.Floor = *j.Floor // budget checks the range
		text, e := j.AreaM2.get(path + ".area_m2")
		if e != nil {
			return nil, e
		}
		if !j.AreaM2.set {
			return nil, bad("area_m2", errors.New("missing"))
		}
		var err error
		if h.Area, err = budget.ParseAreaWeight(text); err != nil {
			return nil, bad("area_m2", err)
		}
		for _, m := range []struct {
			field string
			d     decimal
			dst   *budget.Money
		}{{"hardship_cap_yuan", j.HardshipCapYuan, &h.HardshipCap}, {"provident_fund_yuan", j.ProvidentFundYuan, &h.ProvidentFund}} {
			text, e := m.d.get(path + "." + m.field)
			if e != nil {
				return nil, e
			}
			if !m.d.set {
				continue
			}
			v, err := budget.ParseMoney(text)
			if err != nil {
				return nil, bad(m.field, err)
			}
			if v < 0 {
				return nil, bad(m.field, fmt.Errorf("%s yuan is negative", v))
			}
			*m.dst = v
		}
		// As in budget.Household and examples/elevator: a cap of 0 is no cap; waive waives.
		h.Waive = j.Waive
	}
	return out, nil
}

// schemeError turns an error of budget.DecodeScheme into an answer: 400 when the scheme is
// JSON of the wrong shape (an unknown member, a wrong type), 422 when a value is wrong. The
// message is budget's, naming the scheme field.
func schemeError(err error) *apiError {
	var se *budget.SchemeError
	if !errors.As(err, &se) {
		return errorf(http.StatusUnprocessableEntity, "scheme: %v", err)
	}
	status := http.StatusUnprocessableEntity
	if errors.Is(err, budget.ErrSchemeJSON) {
		status = http.StatusBadRequest
	}
	field := "scheme"
	if se.Field != "(file)" && se.Field != "" {
		field += "." + se.Field
	}
	return &apiError{Status: status, Field: field, Message: err.Error()}
}

// applyError turns an error of Scheme.Apply into a 422 with budget's message: the input is
// well-formed but cannot be split (floors out of range, caps that cannot hold, nobody paying).
// An error wrapping the request context's (the deadline passed, the client went) is a 503,
// which the client only sees if withTimeout has not answered already.
func applyError(err error) *apiError {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return errorf(http.StatusServiceUnavailable, "stopped: %v", err)
	}
	e := &apiError{Status: http.StatusUnprocessableEntity, Message: err.Error()}
	var he *budget.HouseholdError
	var se *budget.SchemeError
	switch {
	case errors.As(err, &he):
		// Negative amounts, budget's other household errors, are refused before Apply with the
		// request's own member names; floor and area_m2 are named alike on both sides.
		e.Field = fmt.Sprintf("households[%d].%s", he.Index, he.Field)
	case errors.As(err, &se):
		e.Field = "scheme." + se.Field
	}
	return e
}
