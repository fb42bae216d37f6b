package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// request is one request of the varied set, with what its answer must show.
type request struct {
	name, path, body string
	status           int
	passed           *bool // consent: whether the vote passes
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// stairwell writes the households of a stairwell of floors × perFloor households, with
// areas, hardship caps and provident funds drawn from rng.
func stairwell(rng *rand.Rand, floors, perFloor int) string {
	var hh []string
	for f := 1; f <= floors; f++ {
		for k := 1; k <= perFloor; k++ {
			h := fmt.Sprintf(`{"id":"%d%02d","floor":%d,"area_m2":"%d.%02d"`, f, k, f, 45+rng.IntN(60), rng.IntN(100))
			switch rng.IntN(10) {
			case 0:
				h += fmt.Sprintf(`,"hardship_cap_yuan":"%d"`, 2000+rng.IntN(8000))
			case 1:
				h += `,"waive":true`
			case 2, 3:
				h += fmt.Sprintf(`,"provident_fund_yuan":"%d.%02d"`, rng.IntN(50000), rng.IntN(100))
			}
			hh = append(hh, h+"}")
		}
	}
	return "[" + strings.Join(hh, ",") + "]"
}

// parts writes n parts with owners (some holding two parts), some unsold, votes drawn from
// rng with the given chance of agreeing, and part 101 occupied.
func parts(rng *rand.Rand, n int, agree float64) string {
	var ps []string
	for i := range n {
		id := fmt.Sprintf("%d%02d", 1+i/4, 1+i%4)
		p := fmt.Sprintf(`{"part":"%s","owner":"O%03d","area_m2":"%d.%02d"`, id, i-i%7/6, 50+rng.IntN(80), rng.IntN(100))
		if i%23 == 22 {
			p = fmt.Sprintf(`{"part":"%s","area_m2":"%d.00","status":"unsold"`, id, 60+rng.IntN(20))
		}
		switch r := rng.Float64(); {
		case r < agree:
			p += `,"vote":"agree"`
		case r < agree+0.08:
			p += `,"vote":"oppose"`
		case r < agree+0.12:
			p += `,"vote":"abstain"`
		}
		if i == 0 {
			p += `,"occupied":true`
		}
		ps = append(ps, p+"}")
	}
	return "[" + strings.Join(ps, ",") + "]"
}

// variedRequests returns requests over several schemes, methods, caps, provident funds and
// roundings, and consent polls that pass, fail and are vetoed, with a few that must be
// refused. The same seed gives the same requests.
func variedRequests() []request {
	rng := rand.New(rand.NewPCG(1, 2))
	share := func(name, hh, scheme string, status int) request {
		return request{name: name, path: "/v1/elevator/share", body: shareBody(hh, scheme), status: status}
	}
	poll := func(name, body string, status int, passed *bool) request {
		return request{name: name, path: "/v1/consent/tally", body: body, status: status, passed: passed}
	}
	six := stairwell(rng, 6, 2)
	allAgree := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(parts(rng, 24, 1), `"oppose"`, `"agree"`), `"abstain"`, `"agree"`), `"occupied":true`, `"occupied":false`)
	return []request{
		share("floors climbed, Beijing preset", six, `{"total_yuan":"60万","method":"floors_climbed","exempt_floors":[1,2],"subsidy":{"preset":"beijing-2018"}}`, 200),
		share("coefficient × area, Shanghai, compensation", six, `{"total_yuan":"¥550,000.00","method":"floor_coefficient_area","coefficients":{"3":"0.7","4":"0.8","5":"0.9","6":"1.0"},"exempt_floors":[1,2],"subsidy":{"percent":"40","cap_yuan":"28万"},"compensation":{"floors":[1,2],"per_household_yuan":"3000"}}`, 200),
		share("area, yuan rounding", stairwell(rng, 7, 3), `{"total_yuan":"720000","method":"area","subsidy":{"fixed_yuan":"200000"},"rounding":"yuan"}`, 200),
		share("equal, capped percent", stairwell(rng, 5, 2), `{"total_yuan":"480000.50","method":"equal","subsidy":{"percent":"33.3","cap_yuan":"150000"}}`, 200),
		share("floor percents", stairwell(rng, 6, 2), `{"total_yuan":"500000","method":"floor_percent","percents":{"2":"5","3":"15","4":"20","5":"25","6":"35"},"exempt_floors":[1]}`, 200),
		share("stairs saved", stairwell(rng, 9, 2), `{"total_yuan":"650000","method":"stairs_saved","steps_per_floor":"18","steps":{"2":"22"},"subsidy":{"preset":"chengdu-2018"},"rounding":"jiao"}`, 200),
		share("coefficients, percent compensation", stairwell(rng, 6, 3), `{"total_yuan":"600000","method":"floor_coefficient","coefficients":{"2":"0.3","3":"0.6","4":"0.9","5":"1.2","6":"1.5"},"compensation":{"floors":[1],"percent":"5"},"subsidy":{"preset":"wuhan-2024"}}`, 200),
		share("tall block", stairwell(rng, 18, 4), `{"total_yuan":"1200000","method":"floor_coefficient_area","coefficients":{"2":"0.1","3":"0.2","4":"0.3","5":"0.4","6":"0.5","7":"0.6","8":"0.7","9":"0.8","10":"0.9","11":"1","12":"1","13":"1","14":"1","15":"1","16":"1","17":"1","18":"1"},"subsidy":{"preset":"shanghai-2020"}}`, 200),
		share("caps cannot hold", `[{"id":"1","floor":2,"area_m2":"60","hardship_cap_yuan":"10"}]`, okScheme, 422),
		share("unknown member", `[{"id":"1","floor":2,"area_m2":"60","cap":"10"}]`, okScheme, 400),

		poll("major, passes", tallyBody(`"civil-code-2021-major"`, allAgree), 200, yes()),
		poll("major, vetoed by the occupied part", tallyBody(`"civil-code-2021-major"`, strings.Replace(allAgree, `"vote":"agree","occupied":false`, `"vote":"oppose","occupied":true`, 1)), 200, no()),
		poll("major, 60% agree", tallyBody(`"civil-code-2021-major"`, parts(rng, 40, 0.6)), 200, yes()),
		poll("ordinary, many parts", tallyBody(`"civil-code-2021-ordinary"`, parts(rng, 400, 0.7)), 200, yes()),
		poll("property law, fails", tallyBody(`"property-law-2007-major"`, parts(rng, 30, 0.3)), 200, no()),
		poll("Beijing 2020, oppose is an objection", tallyBody(`"beijing-2020-elevator"`, `[{"part":"101","owner":"A","area_m2":"60","vote":"agree"},{"part":"102","owner":"B","area_m2":"60","vote":"agree"},{"part":"201","owner":"C","area_m2":"60","vote":"agree"},{"part":"202","owner":"D","area_m2":"60","vote":"oppose"}]`), 200, no()),
		poll("Beijing 2020, objection mediated", `{"rule":"beijing-2020-elevator","parts":[{"part":"101","owner":"A","area_m2":"60","vote":"agree"},{"part":"102","owner":"B","area_m2":"60","vote":"agree"},{"part":"201","owner":"C","area_m2":"60","vote":"agree"},{"part":"202","owner":"D","area_m2":"60","vote":"oppose"}],"objections":[{"by":"D","reason":"light","resolution":"mediated","proof":"agreement 2024-05"}]}`, 200, yes()),
		poll("own rule, owner ballots with a conflict", `{"rule":{"name":"two-thirds","clauses":[{"counts":"agreeing","measure":"area","base":"all","threshold":"2/3","inclusive":true}]},"parts":[{"part":"1","owner":"甲","area_m2":"80"},{"part":"2","owner":"甲","area_m2":"70"},{"part":"3","owner":"乙","area_m2":"80"},{"part":"4","owner":"丙","area_m2":"70"}],"ballots":[{"owner":"甲","vote":"同意"},{"part":"2","vote":"反对"},{"owner":"乙","vote":"agree"},{"owner":"丙","vote":"agree"},{"owner":"丁","vote":"agree"}]}`, 200, no()),
		poll("roster as CSV", `{"rule":"wuhan-2024-elevator","parts_csv":"房号,业主,面积,状态,表决\n101,甲,80.00,,同意\n102,甲,70.00,,同意\n201,乙,80.00,,同意\n202,,70.00,未售,弃权\n301,丙,80.00,已售未交付,\n302,丁,70.00,,同意\n"}`, 200, no()),
		poll("unknown rule", tallyBody(`"civil-code"`, okParts), 422, nil),
	}
}

// TestConcurrentIdentical computes every answer one request at a time, then sends the same
// requests from 32 goroutines at once, each in its own shuffled order, and checks that every
// answer is byte for byte the single-threaded one. Run it under -race.
func TestConcurrentIdentical(t *testing.T) {
	srv := newTestServer(t, config{MaxBody: defaultMaxBody, Timeout: defaultTimeout})
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 32
	reqs := variedRequests()
	want := make([][]byte, len(reqs))
	for i, rq := range reqs {
		code, body := post(t, srv, rq.path, rq.body)
		if code != rq.status {
			t.Fatalf("%s: status %d, want %d: %s", rq.name, code, rq.status, body)
		}
		if rq.passed != nil {
			var res struct{ Passed bool }
			if err := json.Unmarshal(body, &res); err != nil || res.Passed != *rq.passed {
				t.Fatalf("%s: passed %v (%v), want %v", rq.name, res.Passed, err, *rq.passed)
			}
		}
		want[i] = body
	}

	goroutines, perGoroutine := 32, 200
	if testing.Short() {
		perGoroutine = 20
	}
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			order := make([]int, perGoroutine)
			for k := range order {
				order[k] = k % len(reqs)
			}
			rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
			for _, i := range order {
				resp, err := client.Post(srv.URL+reqs[i].path, "application/json", strings.NewReader(reqs[i].body))
				if err != nil {
					errs <- fmt.Errorf("goroutine %d, %s: %v", g, reqs[i].name, err)
					return
				}
				var got strings.Builder
				_, err = io.Copy(&got, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != reqs[i].status || got.String() != string(want[i]) {
					errs <- fmt.Errorf("goroutine %d, %s: status %d (%v), body differs from the single-threaded answer:\n%s", g, reqs[i].name, resp.StatusCode, err, got.String())
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
