package sample

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/roster"
	"github.com/xiaoqu/xiaoqu/survey"
)

// Zhengzhou is the sample of two compounds of 紫荆山南路街道, Zhengzhou, from a 帮扶组's problem
// list: 新郑路31号院 (335 households, 8 buildings) and 金城街康华小区 (141 households, 3
// buildings), with their work items and 康华小区's piped-gas prepayment. Its boundaries and
// footprints are approximate squares marked synthetic; see data/README.md.
const Zhengzhou = "zhengzhou"

//go:generate go run ./internal/genzhengzhou -out data/zhengzhou

// Problems returns sample name's problem list (problems.csv), nil when it has none.
func Problems(name string) ([]renovation.SiteProblem, error) {
	files, err := Files(name)
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(files, "problems.csv")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return roster.ReadWorkItems(bytes.NewReader(b), "problems.csv", false, nil)
}

// Catalogue returns sample name's cost catalogue (catalogue.json; illustrative prices), nil
// when it has none.
func Catalogue(name string) (*budget.Catalogue, error) {
	files, err := Files(name)
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(files, "catalogue.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return budget.DecodeCatalogue(bytes.NewReader(b))
}

// Prepayment is a fee collection of a sample: the collection and the date it stands at.
type Prepayment struct {
	Compound   string            `json:"compound"`
	AsOf       string            `json:"as_of"`
	Collection survey.Collection `json:"collection"`
}

// GasPrepayment returns sample name's prepayment (gas-prepayment.json), nil when it has none:
// the connection fee shared over the compound's households by floor area
// (renovation.AreaDues), the households that signed a waiver or cannot be reached, and every
// other household paid in full by as_of. d is the sample loaded with Load.
func GasPrepayment(name string, d *renovation.District) (*Prepayment, error) {
	files, err := Files(name)
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(files, "gas-prepayment.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j struct {
		Name        string   `json:"name"`
		Compound    string   `json:"compound"`
		TotalYuan   string   `json:"total_yuan"`
		Deadline    string   `json:"deadline"`
		AsOf        string   `json:"as_of"`
		PaidOn      string   `json:"paid_on"`
		Waivers     []string `json:"waivers"`
		Unreachable []string `json:"unreachable"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("gas-prepayment.json: %w", err)
	}
	total, err := budget.ParseMoney(j.TotalYuan)
	if err != nil {
		return nil, fmt.Errorf("gas-prepayment.json total_yuan: %w", err)
	}
	c := d.Compound(j.Compound)
	if c == nil {
		return nil, fmt.Errorf("gas-prepayment.json: no compound %q", j.Compound)
	}
	dues, err := renovation.AreaDues(c, total)
	if err != nil {
		return nil, fmt.Errorf("gas-prepayment.json: %w", err)
	}
	col := survey.Collection{Name: j.Name, Deadline: j.Deadline, Dues: dues}
	skip := map[string]bool{}
	for _, h := range j.Waivers {
		skip[h] = true
		col.Waivers = append(col.Waivers, survey.Waiver{Household: h, Proof: "放弃声明 (illustrative)", Reason: "declined piped gas"})
	}
	for _, h := range j.Unreachable {
		skip[h] = true
		col.Unreachable = append(col.Unreachable, survey.Unreachable{Household: h, Reason: "长期空置 long empty"})
	}
	for _, due := range dues {
		if !skip[due.Household] {
			col.Payments = append(col.Payments, survey.Payment{Household: due.Household, AmountFen: due.AmountFen, Date: j.PaidOn})
		}
	}
	return &Prepayment{Compound: c.ID, AsOf: j.AsOf, Collection: col}, nil
}
