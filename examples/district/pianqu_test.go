package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type pianquOut struct {
	ID         string   `json:"id"`
	Compounds  []string `json:"compounds"`
	Households int      `json:"households"`
	BudgetFen  int64    `json:"budget_fen"`
}

// pianquJSON runs -json with the flags and returns the pianqu array, checking its keys, that
// every compound is in exactly one 片区, and that households and budget add up to the
// district's.
func pianquJSON(t *testing.T, args ...string) []pianquOut {
	t.Helper()
	v := runJSON(t, args...)
	keys, _ := objectKeys(t, "pianqu", v["pianqu"])
	if diff := cmp.Diff([]string{"budget_fen", "compounds", "households", "id"}, keys); diff != "" {
		t.Errorf("pianqu keys (-want +got):\n%s", diff)
	}
	var ps []pianquOut
	if err := json.Unmarshal(v["pianqu"], &ps); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Households struct {
			Households int `json:"households"`
		} `json:"households"`
		Budget struct {
			Total struct {
				Cost struct {
					Fen int64 `json:"fen"`
				} `json:"cost"`
			} `json:"total"`
		} `json:"programme_budget"`
		Indicators struct {
			Compounds []struct {
				ID string `json:"id"`
			} `json:"compounds"`
		} `json:"indicators"`
	}
	for k, dst := range map[string]any{"households": &d.Households, "programme_budget": &d.Budget, "indicators": &d.Indicators} {
		if err := json.Unmarshal(v[k], dst); err != nil {
			t.Fatal(k, err)
		}
	}
	var households int
	var budget int64
	var got, want []string
	for _, p := range ps {
		households += p.Households
		budget += p.BudgetFen
		got = append(got, p.Compounds...)
	}
	for _, c := range d.Indicators.Compounds {
		want = append(want, c.ID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("compounds over the 片区 (-want +got):\n%s", diff)
	}
	if households != d.Households.Households || budget != d.Budget.Total.Cost.Fen || households == 0 || budget == 0 {
		t.Errorf("片区 sum to %d households and %d fen; the district has %d and %d", households, budget, d.Households.Households, d.Budget.Total.Cost.Fen)
	}
	return ps
}

// -pianqu auto on the Lujiazui sample: no two of its OSM compounds touch, so each is a 片区 of
// its own; with a 20 m gap they join into nine, the largest of nine compounds.
func TestPianquAutoLujiazui(t *testing.T) {
	ps := pianquJSON(t, "-pianqu", "auto")
	if len(ps) != 18 || ps[0].ID != "P1" || len(ps[0].Compounds) != 1 || ps[0].Households != 576 || ps[0].BudgetFen != 4_034_204_940 {
		t.Errorf("gap 0: %d 片区, first %+v; want 18, P1 with one compound, 576 households, 4034204940 fen", len(ps), ps[0])
	}
	ps = pianquJSON(t, "-pianqu", "auto", "-pianqu-gap", "20")
	var sizes []int
	for _, p := range ps {
		sizes = append(sizes, len(p.Compounds))
	}
	if diff := cmp.Diff([]int{9, 1, 1, 2, 1, 1, 1, 1, 1}, sizes); diff != "" {
		t.Errorf("gap 20 m: compounds per 片区 (-want +got):\n%s", diff)
	}
	if ps[0].Households != 3480 || ps[3].Households != 1188 {
		t.Errorf("gap 20 m: P1 %d households, P4 %d; want 3480 and 1188", ps[0].Households, ps[3].Households)
	}
}

// Without -pianqu there is no pianqu key.
func TestNoPianquJSON(t *testing.T) {
	if v, ok := runJSON(t)["pianqu"]; ok {
		t.Errorf("pianqu = %s without -pianqu", v)
	}
}

// -pianqu FILE takes the planner's grouping, by ID or name, in Chinese headers; a compound left
// out or unknown is an error naming it.
func TestPianquFile(t *testing.T) {
	dir := t.TempDir()
	v := runJSON(t)
	var ind struct {
		Compounds []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"compounds"`
	}
	if err := json.Unmarshal(v["indicators"], &ind); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("\ufeff小区,片区\n")
	for i, c := range ind.Compounds {
		ref, p := c.ID, "东片"
		if i%2 == 1 && c.Name != "" {
			ref = c.Name
		}
		if i >= 10 {
			p = "西片"
		}
		b.WriteString(ref + "," + p + "\n")
	}
	path := filepath.Join(dir, "pianqu.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ps := pianquJSON(t, "-pianqu", path)
	if len(ps) != 2 || ps[0].ID != "东片" || len(ps[0].Compounds) != 10 || ps[1].ID != "西片" || len(ps[1].Compounds) != 8 {
		t.Errorf("groups: %+v", ps)
	}

	short := filepath.Join(dir, "short.csv")
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if err := os.WriteFile(short, []byte(strings.Join(lines[:len(lines)-1], "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, body, want string }{
		{"short.csv", "", "is in no 片区"},
		{"header.csv", "name,group\na,b\n", "row 1"},
		{"unknown.csv", "compound,pianqu\nno-such,P\n", `no compound "no-such"`},
		{"twice.csv", "compound,pianqu\n" + ind.Compounds[0].ID + ",A\n" + ind.Compounds[0].ID + ",B\n", "row 3"},
	} {
		p := filepath.Join(dir, c.name)
		if c.body != "" {
			if err := os.WriteFile(p, []byte(c.body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		err := run(context.Background(), []string{"-json", "-out", t.TempDir(), "-pianqu", p}, &bytes.Buffer{}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: error %v, want one naming the file and %q", c.name, err, c.want)
		}
	}
}
