package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
)

// A client of POST /v1/elevator/share: the households and the scheme in, each household's
// share and cash due out (integers of fen, with yuan strings for people). Beijing's 24万
// leaves the residents 26万; 401 pays its cap of 20000 and the other 240000 is split by area
// over 58.60 + 58.60 + 72.30 m²; 501's provident fund lowers its cash due, not its share.
func Example_share() {
	srv := httptest.NewServer(newHandler(config{MaxBody: defaultMaxBody, Timeout: defaultTimeout}, slog.New(slog.DiscardHandler)))
	defer srv.Close()

	body := `{
	  "households": [
	    {"id": "301", "floor": 3, "area_m2": "58.60"},
	    {"id": "401", "floor": 4, "area_m2": "72.30", "hardship_cap_yuan": "20000"},
	    {"id": "501", "floor": 5, "area_m2": "58.60", "provident_fund_yuan": "30000"},
	    {"id": "601", "floor": 6, "area_m2": "72.30"}
	  ],
	  "scheme": {"total_yuan": "50万", "method": "area", "subsidy": {"preset": "beijing-2018"}}
	}`
	resp, err := http.Post(srv.URL+"/v1/elevator/share", "application/json", strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var res struct {
		ResidentsYuan string `json:"residents_yuan"`
		Households    []struct {
			ID          string `json:"id"`
			ShareYuan   string `json:"share_yuan"`
			Capped      bool   `json:"capped"`
			CashDueYuan string `json:"cash_due_yuan"`
		} `json:"households"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.Status, "residents pay", res.ResidentsYuan)
	for _, h := range res.Households {
		fmt.Println(h.ID, h.ShareYuan, h.Capped, h.CashDueYuan)
	}
	// Output:
	// 200 OK residents pay 260000.00
	// 301 74216.36 false 74216.36
	// 401 20000.00 true 20000.00
	// 501 74216.36 false 44216.36
	// 601 91567.28 false 91567.28
}

// A client of POST /v1/consent/tally, and what a refused request looks like. The first poll
// fails agreement by area (121.15 of 183.50 m² participating, short of 3/4); the opposer O3
// changing their vote would pass it, the non-voter O4 agreeing would not (180.00 of 242.30 m²).
func Example_tally() {
	srv := httptest.NewServer(newHandler(config{MaxBody: defaultMaxBody, Timeout: defaultTimeout}, slog.New(slog.DiscardHandler)))
	defer srv.Close()

	for _, body := range []string{
		`{"rule": "civil-code-2021-major", "parts": [
		  {"part": "101", "owner": "O1", "area_m2": "62.35", "vote": "agree"},
		  {"part": "102", "owner": "O2", "area_m2": "58.80", "vote": "agree"},
		  {"part": "201", "owner": "O3", "area_m2": "62.35", "vote": "oppose"},
		  {"part": "202", "owner": "O4", "area_m2": "58.80"}]}`,
		`{"rule": "civil-code-2021-major", "parts": [{"part": "101", "owner": "O1", "area_m2": "-62.35"}]}`,
	} {
		resp, err := http.Post(srv.URL+"/v1/consent/tally", "application/json", strings.NewReader(body))
		if err != nil {
			fmt.Println(err)
			return
		}
		var res struct {
			Passed bool   `json:"passed"`
			Error  string `json:"error"`
			Needed struct {
				OwnerIDs []string `json:"owner_ids"`
			} `json:"needed"`
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil {
			fmt.Println(err)
			return
		}
		if resp.StatusCode != http.StatusOK {
			fmt.Println(resp.Status, res.Error)
			continue
		}
		fmt.Println(resp.Status, "passed:", res.Passed, "needed:", res.Needed.OwnerIDs)
	}
	// Output:
	// 200 OK passed: false needed: [O3]
	// 422 Unprocessable Entity part 1 ("101"): area_m2: invalid area: "-62.35" is negative
}
