package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// testConfig has a small body limit so that the 413 cases stay small.
var testConfig = config{MaxBody: 64 << 10, Timeout: 10 * time.Second}

func newTestServer(t testing.TB, cfg config) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newHandler(cfg, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv
}

// send makes one request and returns the status, the headers and the body.
func send(t testing.TB, c *http.Client, method, url, contentType string, body io.Reader) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func post(t testing.TB, srv *httptest.Server, path, body string) (int, []byte) {
	t.Helper()
	code, _, b := send(t, srv.Client(), http.MethodPost, srv.URL+path, "application/json", strings.NewReader(body))
	return code, b
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSameAsExamples checks that the service answers byte for byte what the command-line
// examples print with -json for the same input: examples/elevator's own golden output of its
// fixture (read from that directory, so that the two cannot drift apart unnoticed), and
// examples/consent's output for its embedded sample, given as JSON parts and as parts_csv.
func TestSameAsExamples(t *testing.T) {
	srv := newTestServer(t, testConfig)
	code, got := post(t, srv, "/v1/elevator/share", readFile(t, "testdata/elevator_fixture.json"))
	if code != http.StatusOK {
		t.Fatalf("elevator: status %d: %s", code, got)
	}
	if diff := cmp.Diff(readFile(t, "../elevator/testdata/expected.json"), string(got)); diff != "" {
		t.Errorf("elevator: differs from examples/elevator -json (-want +got):\n%s", diff)
	}

	want := readFile(t, "testdata/consent_sample.expected.json")
	code, got = post(t, srv, "/v1/consent/tally", readFile(t, "testdata/consent_sample.json"))
	if code != http.StatusOK {
		t.Fatalf("consent: status %d: %s", code, got)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("consent parts: differs from examples/consent -json (-want +got):\n%s", diff)
	}
	csvBody, _ := json.Marshal(map[string]string{"rule": "civil-code-2021-major", "parts_csv": readFile(t, "../consent/sample.csv")})
	code, got = post(t, srv, "/v1/consent/tally", string(csvBody))
	if code != http.StatusOK {
		t.Fatalf("consent parts_csv: status %d: %s", code, got)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("consent parts_csv: differs from examples/consent -json (-want +got):\n%s", diff)
	}
}

// errorCase is one request the service must refuse, with the exact answer.
type errorCase struct {
	name        string
	method      string // POST if empty
	path        string
	contentType string // application/json if empty; "-" for none
	body        string
	status      int
	err         string // the "error" member, exactly
	field       string // the "field" member
}

// Bodies the cases build on.
const (
	okScheme = `{"total_yuan":"1000","method":"equal"}`
	okHH     = `[{"id":"101","floor":1,"area_m2":"60"},{"id":"201","floor":2,"area_m2":"70"}]`
	okParts  = `[{"part":"101","owner":"O1","area_m2":"60","vote":"agree"},{"part":"201","owner":"O2","area_m2":"70"}]`
)

func shareBody(hh, scheme string) string  { return `{"households":` + hh + `,"scheme":` + scheme + `}` }
func tallyBody(rule, parts string) string { return `{"rule":` + rule + `,"parts":` + parts + `}` }

var errorCases = []errorCase{
	// Routing and methods.
	{name: "unknown path", method: "GET", path: "/v1/nothing", status: 404,
		err: "no endpoint /v1/nothing; the endpoints are POST /v1/elevator/share, POST /v1/consent/tally, GET /v1/rules, GET /v1/subsidies, GET /healthz"},
	{name: "GET share", method: "GET", path: "/v1/elevator/share", status: 405,
		err: "method GET is not allowed on /v1/elevator/share; use POST"},
	{name: "PUT tally", method: "PUT", path: "/v1/consent/tally", body: "{}", status: 405,
		err: "method PUT is not allowed on /v1/consent/tally; use POST"},
	{name: "POST rules", path: "/v1/rules", body: "{}", status: 405,
		err: "method POST is not allowed on /v1/rules; use GET, HEAD"},
	{name: "DELETE healthz", method: "DELETE", path: "/healthz", status: 405,
		err: "method DELETE is not allowed on /healthz; use GET, HEAD"},

	// Content type.
	{name: "no content type", path: "/v1/elevator/share", contentType: "-", body: "{}", status: 415,
		err: "no Content-Type; send the body as application/json"},
	{name: "form", path: "/v1/consent/tally", contentType: "application/x-www-form-urlencoded", body: "{}", status: 415,
		err: `Content-Type "application/x-www-form-urlencoded" is not application/json`},
	{name: "latin1", path: "/v1/elevator/share", contentType: "application/json; charset=iso-8859-1", body: "{}", status: 415,
		err: `Content-Type "application/json; charset=iso-8859-1": the body must be UTF-8`},

	// Size.
	{name: "too large", path: "/v1/elevator/share", body: `{"households":[` + strings.Repeat(`{"id":"1","floor":1,"area_m2":"1"},`, 2000) + `]}`, status: 413,
		err: "the request body is larger than 65536 bytes (the server's -max-body)"},

	// Malformed JSON and unknown members: 400.
	{name: "empty body", path: "/v1/elevator/share", body: "", status: 400, err: "the body is empty; want a JSON object"},
	{name: "syntax", path: "/v1/elevator/share", body: `{"households": [}`, status: 400,
		err: "malformed JSON at byte 17: invalid character '}' looking for beginning of value"},
	{name: "truncated", path: "/v1/consent/tally", body: `{"rule": "civil-code-2021-major", "parts": [`, status: 400,
		err: "the JSON ends at byte 44, before the object is complete"},
	{name: "array body", path: "/v1/consent/tally", body: `[1]`, status: 400, err: "the body is JSON array; want an object"},
	{name: "trailing data", path: "/v1/elevator/share", body: shareBody(okHH, okScheme) + `{}`, status: 400,
		err: "data after the JSON object at byte 140"},
	{name: "unknown top member", path: "/v1/elevator/share", body: `{"households":[],"schema":{}}`, status: 400,
		err: "schema: unknown member", field: "schema"},
	{name: "unknown household member", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60","hardship_cap":"100"}]`, okScheme), status: 400,
		err: "households[0].hardship_cap: unknown member", field: "households[0].hardship_cap"},
	{name: "households not array", path: "/v1/elevator/share", body: shareBody(`{}`, okScheme), status: 400,
		err: "households: expected an array, got JSON object at byte 15", field: "households"},
	{name: "floor as string", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60"},{"id":"201","floor":"2","area_m2":"60"}]`, okScheme), status: 400,
		err: "households[1].floor: expected an integer, got JSON string", field: "households[1].floor"},
	{name: "floor fractional", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1.5,"area_m2":"60"}]`, okScheme), status: 400,
		err: "households[0].floor: expected an integer, got JSON number 1.5", field: "households[0].floor"},
	{name: "area as bool", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":true}]`, okScheme), status: 400,
		err: "households[0].area_m2: expected a decimal string or number, got JSON bool", field: "households[0].area_m2"},
	{name: "household not object", path: "/v1/elevator/share", body: shareBody(`["101"]`, okScheme), status: 400,
		err: "households[0]: expected an object, got JSON string", field: "households[0]"},
	{name: "unknown scheme member", path: "/v1/elevator/share", body: shareBody(okHH, `{"total_yuan":"1000","method":"equal","subsidies":{}}`), status: 400,
		err: "scheme field subsidies: unknown field", field: "scheme.subsidies"},
	{name: "scheme type", path: "/v1/elevator/share", body: shareBody(okHH, `{"total_yuan":"1000","method":7}`), status: 400,
		err: "scheme field method: expected string, got JSON number at byte 31", field: "scheme.method"},
	{name: "unknown part member", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"60","votes":"agree"}]`), status: 400,
		err: "parts[0].votes: unknown member", field: "parts[0].votes"},
	{name: "occupied as string", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"60","occupied":"yes"}]`), status: 400,
		err: "parts[0].occupied: expected true or false, got JSON string", field: "parts[0].occupied"},
	{name: "rule as number", path: "/v1/consent/tally", body: tallyBody(`278`, okParts), status: 400,
		err: "rule: expected a preset name or a rule object, got 278", field: "rule"},
	{name: "unknown rule member", path: "/v1/consent/tally", body: tallyBody(`{"name":"x","clauses":[],"quorum":"2/3"}`, okParts), status: 400,
		err: "rule.quorum: unknown member", field: "rule.quorum"},
	{name: "threshold as number", path: "/v1/consent/tally", body: tallyBody(`{"name":"x","clauses":[{"counts":"agreeing","measure":"area","base":"all","threshold":0.75}]}`, okParts), status: 400,
		err: "rule.clauses.threshold: expected a string, got JSON number", field: "rule.clauses.threshold"},
	{name: "ballot not object", path: "/v1/consent/tally", body: `{"rule":"civil-code-2021-major","parts":` + okParts + `,"ballots":[1]}`, status: 400,
		err: "ballots[0]: expected an object, got JSON number", field: "ballots[0]"},

	// Well-formed but wrong: 422 with the library's message.
	{name: "no households", path: "/v1/elevator/share", body: `{"scheme":` + okScheme + `}`, status: 422,
		err: "households: missing; give the stairwell's households as an array", field: "households"},
	{name: "empty households", path: "/v1/elevator/share", body: shareBody(`[]`, okScheme), status: 422,
		err: "households: empty; a stairwell has at least one household", field: "households"},
	{name: "no scheme", path: "/v1/elevator/share", body: `{"households":` + okHH + `}`, status: 422,
		err: "scheme: missing; give the cost-sharing scheme as a JSON object", field: "scheme"},
	{name: "negative area", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"-60"}]`, okScheme), status: 422,
		err: `household "101" (item 1) area_m2: "-60" is negative`, field: "households[0].area_m2"},
	{name: "area in words", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"七十"}]`, okScheme), status: 422,
		err: `household "101" (item 1) area_m2: "七十" is not a number of square metres`, field: "households[0].area_m2"},
	// The server reads areas as the elevator program's roster does: a fraction is not an area.
	{name: "fraction area", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"1/3"}]`, okScheme), status: 422,
		err: `household "101" (item 1) area_m2: "1/3" is not a number of square metres`, field: "households[0].area_m2"},
	{name: "no area", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1}]`, okScheme), status: 422,
		err: `household "101" (item 1) area_m2: missing`, field: "households[0].area_m2"},
	{name: "no id", path: "/v1/elevator/share", body: shareBody(`[{"floor":1,"area_m2":"60"}]`, okScheme), status: 422,
		err: `household "" (item 1) id: missing or empty`, field: "households[0].id"},
	{name: "duplicate id", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60"},{"id":"101","floor":2,"area_m2":"60"}]`, okScheme), status: 422,
		err: `household "101" (item 2) id: "101" is already the id of households[0]`, field: "households[1].id"},
	{name: "no floor", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","area_m2":"60"}]`, okScheme), status: 422,
		err: `household "101" (item 1) floor: missing`, field: "households[0].floor"},
	{name: "floor out of range", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60"},{"id":"4001","floor":400,"area_m2":"60"}]`, okScheme), status: 422,
		err: `household "4001" (item 2) floor: 400 is outside 1–300`, field: "households[1].floor"},
	{name: "negative cap", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60","hardship_cap_yuan":"-5"}]`, okScheme), status: 422,
		err: `household "101" (item 1) hardship_cap_yuan: -5.00 yuan is negative`, field: "households[0].hardship_cap_yuan"},
	{name: "fund not money", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60","provident_fund_yuan":"1.005"}]`, okScheme), status: 422,
		err: `household "101" (item 1) provident_fund_yuan: invalid amount of money: "1.005" has more than two decimal places (finer than a fen)`, field: "households[0].provident_fund_yuan"},
	{name: "caps cannot hold", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60","hardship_cap_yuan":"100"},{"id":"201","floor":2,"area_m2":"60","waive":true}]`, okScheme), status: 422,
		err: "residents' amount 1000.00 yuan: caps cannot all hold: the 2 items with positive weight may pay at most 100.00 yuan in all, 900.00 yuan short of the 1000.00 yuan to split"},
	{name: "unknown method", path: "/v1/elevator/share", body: shareBody(okHH, `{"total_yuan":"1000","method":"by_height"}`), status: 422,
		err: `scheme field method: "by_height" is not one of [area equal floors_climbed floor_coefficient floor_coefficient_area floor_percent stairs_saved]`, field: "scheme.method"},
	{name: "unknown subsidy preset", path: "/v1/elevator/share", body: shareBody(okHH, `{"total_yuan":"1000","method":"equal","subsidy":{"preset":"paris-2024"}}`), status: 422,
		err: `scheme field subsidy.preset: "paris-2024" is not one of [beijing-2018 shanghai-2020 hangzhou-2018 chengdu-2018 wuhan-2024]`, field: "scheme.subsidy.preset"},
	{name: "no step count", path: "/v1/elevator/share", body: shareBody(`[{"id":"101","floor":1,"area_m2":"60"},{"id":"301","floor":3,"area_m2":"60"}]`, `{"total_yuan":"1000","method":"stairs_saved","steps":{"2":"18"}}`), status: 422,
		err: `household "301" (item 2) floor: the flight up to floor 3 has no step count (give steps_per_floor or steps["3"])`, field: "households[1].floor"},
	{name: "percents of absent floor", path: "/v1/elevator/share", body: shareBody(okHH, `{"total_yuan":"1000","method":"floor_percent","percents":{"1":"50","3":"50"}}`), status: 422,
		err: `scheme field percents["3"]: floor 3 has no households in this stairwell`, field: `scheme.percents["3"]`},

	{name: "no rule", path: "/v1/consent/tally", body: `{"parts":` + okParts + `}`, status: 422,
		err: `rule: missing; give a preset name such as "civil-code-2021-major" or a rule object`, field: "rule"},
	{name: "unknown rule", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2020"`, okParts), status: 422,
		err: `rule: unknown rule "civil-code-2020": known rules are beijing-2020-elevator, beijing-2023-elevator, chengdu-2018-elevator, civil-code-2021-major, civil-code-2021-ordinary, jinan-2019-elevator, property-law-2007-major, property-law-2007-ordinary, property-regulation-2018-major, property-regulation-2018-ordinary, shanghai-2019-elevator, shanghai-2021-elevator, wuhan-2024-elevator`, field: "rule"},
	{name: "rule without clauses", path: "/v1/consent/tally", body: tallyBody(`{"name":"mine","clauses":[]}`, okParts), status: 422,
		err: `rule: invalid rule: rule "mine" has no clause`, field: "rule"},
	{name: "rule bad measure", path: "/v1/consent/tally", body: tallyBody(`{"name":"mine","clauses":[{"counts":"agreeing","measure":"volume","base":"all","threshold":"2/3"}]}`, okParts), status: 422,
		err: `rule: invalid rule: measure "volume" is not area or headcount`, field: "rule"},
	{name: "rule bad threshold", path: "/v1/consent/tally", body: tallyBody(`{"name":"mine","clauses":[{"counts":"agreeing","measure":"area","base":"all","threshold":"3/2"}]}`, okParts), status: 422,
		err: `rule: invalid rule: threshold "3/2" is not between 0/1 and 1/1`, field: "rule"},
	{name: "no parts", path: "/v1/consent/tally", body: `{"rule":"civil-code-2021-major"}`, status: 422,
		err: "parts: missing; give the exclusive parts in scope as an array (or a CSV roster in parts_csv)", field: "parts"},
	{name: "parts and csv", path: "/v1/consent/tally", body: `{"rule":"civil-code-2021-major","parts":[],"parts_csv":"part,owner,area_m2\n"}`, status: 422,
		err: "parts_csv: give parts or parts_csv, not both", field: "parts_csv"},
	{name: "negative part area", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"-62.35"}]`), status: 422,
		err: `part 1 ("101"): area_m2: invalid area: "-62.35" is negative`, field: "parts[0].area_m2"},
	{name: "part area too fine", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":62.355}]`), status: 422,
		err: `part 1 ("101"): area_m2: invalid area: "62.355" has more than two decimal places`, field: "parts[0].area_m2"},
	{name: "zero part area", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"60"},{"part":"102","owner":"O2","area_m2":"0"}]`), status: 422,
		err: `part 2 ("102"): area 0.00 m² is not positive`, field: "parts[1]"},
	{name: "bad vote", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"60","vote":"maybe"}]`), status: 422,
		err: `part 1 ("101"): vote: invalid vote: "maybe" is not agree, oppose or abstain (同意, 反对, 弃权)`, field: "parts[0].vote"},
	{name: "bad status", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"60","status":"rented"}]`), status: 422,
		err: `part 1 ("101"): status: invalid status: "rented" is not sold, unsold or undelivered (已售, 未售, 已售未交付)`, field: "parts[0].status"},
	{name: "sold part without owner", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","area_m2":"60"}]`), status: 422,
		err: `part 1 ("101"): owner is empty for a sold part`, field: "parts[0]"},
	{name: "duplicate part", path: "/v1/consent/tally", body: tallyBody(`"civil-code-2021-major"`, `[{"part":"101","owner":"O1","area_m2":"60"},{"part":"101","owner":"O2","area_m2":"60"}]`), status: 422,
		err: `part 2 ("101"): duplicate of part 1`, field: "parts[1]"},
	{name: "bad ballot vote", path: "/v1/consent/tally", body: `{"rule":"civil-code-2021-major","parts":` + okParts + `,"ballots":[{"owner":"O2","vote":"yes"}]}`, status: 422,
		err: `ballots[0].vote: invalid vote: "yes" is not agree, oppose or abstain (同意, 反对, 弃权)`, field: "ballots[0].vote"},
	{name: "objection without objector", path: "/v1/consent/tally", body: `{"rule":"beijing-2020-elevator","parts":` + okParts + `,"objections":[{"reason":"light"}]}`, status: 422,
		err: `objections[0].by: missing or empty; name the objector (an owner ID for an owner in scope)`, field: "objections[0].by"},
	{name: "bad resolution", path: "/v1/consent/tally", body: `{"rule":"beijing-2020-elevator","parts":` + okParts + `,"objections":[{"by":"O2","resolution":"forgotten"}]}`, status: 422,
		err: `objections[0].resolution: invalid resolution "forgotten": want unresolved, mediated, compensated or withdrawn (未解决, 调解, 补偿, 撤回)`, field: "objections[0].resolution"},
	{name: "bad csv", path: "/v1/consent/tally", body: `{"rule":"civil-code-2021-major","parts_csv":"part,owner,area_m2\n101,O1,七十\n102,O2,60\n103,,60\n"}`, status: 422,
		err: `parts_csv row 2 column area_m2: invalid area: "七十" is not a number of square metres; parts_csv row 4 column owner: owner is empty for a sold part`, field: "parts_csv"},
}

func TestErrors(t *testing.T) {
	srv := newTestServer(t, testConfig)
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			method, ct := tc.method, tc.contentType
			if method == "" {
				method = http.MethodPost
			}
			switch ct {
			case "":
				ct = "application/json"
			case "-":
				ct = ""
			}
			code, h, body := send(t, srv.Client(), method, srv.URL+tc.path, ct, strings.NewReader(tc.body))
			var got apiError
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("status %d, body is not JSON: %v: %s", code, err, body)
			}
			if code != tc.status || got.Status != tc.status {
				t.Errorf("status %d (body says %d), want %d", code, got.Status, tc.status)
			}
			if got.Message != tc.err {
				t.Errorf("error\n got %s\nwant %s", got.Message, tc.err)
			}
			if got.Field != tc.field {
				t.Errorf("field %q, want %q", got.Field, tc.field)
			}
			if ct := h.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if code == http.StatusMethodNotAllowed {
				want := "POST"
				if strings.HasSuffix(tc.err, "use GET, HEAD") {
					want = "GET, HEAD"
				}
				if a := h.Get("Allow"); a != want {
					t.Errorf("Allow %q, want %q", a, want)
				}
			}
		})
	}
}
