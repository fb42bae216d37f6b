package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/xiaoqu/xiaoqu/survey"
	"github.com/xiaoqu/xiaoqu/table"
)

// tallyRequest is the body of POST /v1/consent/tally: the rule (a preset name or a rule
// object in survey's JSON form), the exclusive parts with the vote beside each (the columns
// of examples/consent's roster as members, or that roster as CSV text in parts_csv), and
// optionally further ballots and the objections raised.
type tallyRequest struct {
	Rule       json.RawMessage   `json:"rule"`
	Parts      []json.RawMessage `json:"parts"`
	PartsCSV   *string           `json:"parts_csv"`
	Ballots    []json.RawMessage `json:"ballots"`
	Objections []json.RawMessage `json:"objections"`
}

// partJSON is one row of the roster.
type partJSON struct {
	Part       string  `json:"part"`
	Owner      string  `json:"owner"`
	AreaM2     decimal `json:"area_m2"`
	AreaSource string  `json:"area_source"`
	Status     string  `json:"status"`
	Vote       string  `json:"vote"`
	Occupied   bool    `json:"occupied"`
	Building   string  `json:"building"`
	Unit       string  `json:"unit"`
}

// ballotJSON is a ballot besides those written on the parts: it names an owner, a part or
// both (survey.Ballot).
type ballotJSON struct {
	Owner string `json:"owner"`
	Part  string `json:"part"`
	Vote  string `json:"vote"`
	Ref   string `json:"ref"`
}

// objectionJSON is an objection raised against the matter (survey.Objection).
type objectionJSON struct {
	By         string `json:"by"`
	Reason     string `json:"reason"`
	Resolution string `json:"resolution"`
	Proof      string `json:"proof"`
}

// tally answers POST /v1/consent/tally with the JSON examples/consent -json prints.
func tally(w http.ResponseWriter, r *http.Request, maxBody int64) {
	var req tallyRequest
	if e := decodeBody(r, maxBody, &req); e != nil {
		writeError(w, e)
		return
	}
	rule, e := decodeRule(req.Rule)
	if e != nil {
		writeError(w, e)
		return
	}
	poll, e := decodePoll(&req)
	if e != nil {
		writeError(w, e)
		return
	}
	res, err := survey.Tally(poll, rule)
	if err != nil {
		writeError(w, tallyError(err, req.PartsCSV != nil))
		return
	}
	b, err := res.MarshalIndent() // exactly what examples/consent -json prints
	if err != nil {
		panic(fmt.Sprintf("encoding a survey.Result: %v", err)) // a bug, answered 500 by recovery
	}
	writeBody(w, http.StatusOK, b)
}

// decodeRule reads the rule: a JSON string naming a preset (survey.Preset), or a rule object
// (survey.Rule), which must validate.
func decodeRule(raw json.RawMessage) (survey.Rule, *apiError) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return survey.Rule{}, fieldErrorf(http.StatusUnprocessableEntity, "rule", "missing; give a preset name such as %q or a rule object", "civil-code-2021-major")
	case raw[0] == '"':
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			return survey.Rule{}, fieldErrorf(http.StatusBadRequest, "rule", "%v", err)
		}
		rule, err := survey.Preset(name) // a fresh value per request
		if err != nil {
			return survey.Rule{}, fieldErrorf(http.StatusUnprocessableEntity, "rule", "%v", err)
		}
		return rule, nil
	case raw[0] != '{':
		return survey.Rule{}, fieldErrorf(http.StatusBadRequest, "rule", "expected a preset name or a rule object, got %.20s", raw)
	}
	var rule survey.Rule
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rule); err != nil {
		if errors.Is(err, survey.ErrInvalidRule) { // a clause's measure, base, counts or threshold
			return survey.Rule{}, fieldErrorf(http.StatusUnprocessableEntity, "rule", "%v", err)
		}
		return survey.Rule{}, jsonError(err, "rule", -1, 0)
	}
	if err := rule.Validate(); err != nil {
		return survey.Rule{}, fieldErrorf(http.StatusUnprocessableEntity, "rule", "%v", err)
	}
	return rule, nil
}

// decodePoll reads the parts (from parts or parts_csv), their votes, the further ballots and
// the objections. Values survey parses are checked here with the member's path (422); what
// Tally checks itself (empty IDs and owners, duplicates, areas not positive) is left to it.
func decodePoll(req *tallyRequest) (survey.Poll, *apiError) {
	var poll survey.Poll
	switch {
	case req.Parts != nil && req.PartsCSV != nil:
		return poll, fieldErrorf(http.StatusUnprocessableEntity, "parts_csv", "give parts or parts_csv, not both")
	case req.PartsCSV != nil:
		ro, err := survey.ReadRoster(strings.NewReader(*req.PartsCSV), "parts_csv")
		if err != nil {
			// survey's messages name the row and column: "parts_csv row 3 column area_m2: …".
			return poll, &apiError{Status: http.StatusUnprocessableEntity, Field: "parts_csv", Message: oneLine(err)}
		}
		poll = ro.Poll()
	case req.Parts == nil:
		return poll, fieldErrorf(http.StatusUnprocessableEntity, "parts", "missing; give the exclusive parts in scope as an array (or a CSV roster in parts_csv)")
	default:
		poll.Parts = make([]survey.Part, len(req.Parts))
		for i, raw := range req.Parts {
			path := fmt.Sprintf("parts[%d]", i)
			var j partJSON
			if e := decodeItem(raw, path, &j); e != nil {
				return poll, e
			}
			p := &poll.Parts[i]
			p.ID, p.Owner = strings.TrimSpace(j.Part), strings.TrimSpace(j.Owner)
			p.Occupied, p.Building, p.Unit = j.Occupied, j.Building, j.Unit
			bad := func(field string, err error) *apiError {
				pe := &survey.PartError{Index: i, ID: p.ID, Reason: field + ": " + err.Error()}
				return &apiError{Status: http.StatusUnprocessableEntity, Field: path + "." + field, Message: pe.Error()}
			}
			text, e := j.AreaM2.get(path + ".area_m2")
			if e != nil {
				return poll, e
			}
			if !j.AreaM2.set {
				return poll, bad("area_m2", errors.New("missing"))
			}
			var err error
			if p.Area, err = survey.ParseArea(text); err != nil {
				return poll, bad("area_m2", err)
			}
			if p.Area > survey.MaxTotalArea {
				return poll, bad("area_m2", fmt.Errorf("%s m² is larger than any scope Tally accepts", p.Area))
			}
			if p.AreaSource, err = survey.ParseAreaSource(j.AreaSource); err != nil {
				return poll, bad("area_source", err)
			}
			if p.Status, err = survey.ParseStatus(j.Status); err != nil {
				return poll, bad("status", err)
			}
			v, err := survey.ParseVote(j.Vote)
			if err != nil {
				return poll, bad("vote", err)
			}
			if v != survey.NoVote {
				// As examples/consent's roster does: the vote is a ballot for the part, so
				// that an unsold part's vote is the developer's (SPC interpretation Art. 9).
				poll.Ballots = append(poll.Ballots, survey.Ballot{Part: p.ID, Vote: v, Ref: path})
			}
		}
	}
	for i, raw := range req.Ballots {
		path := fmt.Sprintf("ballots[%d]", i)
		var j ballotJSON
		if e := decodeItem(raw, path, &j); e != nil {
			return poll, e
		}
		v, err := survey.ParseVote(j.Vote)
		if err != nil {
			return poll, fieldErrorf(http.StatusUnprocessableEntity, path+".vote", "%v", err)
		}
		ref := j.Ref
		if ref == "" {
			ref = path
		}
		poll.Ballots = append(poll.Ballots, survey.Ballot{Owner: strings.TrimSpace(j.Owner), Part: strings.TrimSpace(j.Part), Vote: v, Ref: ref})
	}
	for i, raw := range req.Objections {
		path := fmt.Sprintf("objections[%d]", i)
		var j objectionJSON
		if e := decodeItem(raw, path, &j); e != nil {
			return poll, e
		}
		o := survey.Objection{By: strings.TrimSpace(j.By), Reason: j.Reason, Proof: j.Proof}
		if o.By == "" {
			return poll, fieldErrorf(http.StatusUnprocessableEntity, path+".by", "missing or empty; name the objector (an owner ID for an owner in scope)")
		}
		if err := o.Resolution.UnmarshalText([]byte(j.Resolution)); err != nil {
			return poll, fieldErrorf(http.StatusUnprocessableEntity, path+".resolution", "%v: want unresolved, mediated, compensated or withdrawn (未解决, 调解, 补偿, 撤回)", err)
		}
		poll.Objections = append(poll.Objections, o)
	}
	return poll, nil
}

// tallyError turns an error of survey.Tally into a 422 with survey's message, which names the
// part ("part 3 ("101"): area 0.00 m² is not positive"; Tally counts parts from 1).
func tallyError(err error, fromCSV bool) *apiError {
	e := &apiError{Status: http.StatusUnprocessableEntity, Message: oneLine(err)}
	var pe *survey.PartError
	switch {
	case fromCSV:
		e.Field = "parts_csv"
	case errors.As(err, &pe):
		e.Field = fmt.Sprintf("parts[%d]", pe.Index)
	}
	return e
}

// oneLine joins the lines of an errors.Join error with "; ".
func oneLine(err error) string {
	var es table.Errors
	if errors.As(err, &es) && len(es) > 1 {
		parts := make([]string, len(es))
		for i, e := range es {
			parts[i] = oneLine(e)
		}
		return strings.Join(parts, "; ")
	}
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}
