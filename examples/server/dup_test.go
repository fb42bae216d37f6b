package main

import (
	"strings"
	"testing"
)

// A member given twice anywhere in the body is 400, naming it: the last value must not win
// (issue 20 item 6: "threshold":"3/4","threshold":"0/1" passed a vote of 1 in 3).
func TestDuplicateMembers(t *testing.T) {
	srv := newTestServer(t, testConfig)
	for _, tc := range []struct{ path, body, field string }{
		{"/v1/consent/tally", tallyBody(`{"name":"x","clauses":[{"measure":"owners","base":"all","threshold":"3/4","threshold":"0/1"}]}`, okParts), "rule.clauses[0].threshold"},
		{"/v1/elevator/share", shareBody(okHH, `{"total_yuan":"1000","total_yuan":"1","method":"equal"}`), "scheme.total_yuan"},
		{"/v1/elevator/share", shareBody(`[{"id":"101","floor":1,"area_m2":"60","area_m2":"6000"}]`, okScheme), "households[0].area_m2"},
		{"/v1/elevator/share", `{"households":` + okHH + `,"households":[],"scheme":` + okScheme + `}`, "households"},
	} {
		code, body := post(t, srv, tc.path, tc.body)
		if code != 400 || !strings.Contains(string(body), `"field":"`+tc.field+`"`) || !strings.Contains(string(body), "given twice") {
			t.Errorf("%s: status %d: %s", tc.body, code, body)
		}
	}
}
