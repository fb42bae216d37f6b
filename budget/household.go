package budget

import "fmt"

// Household is one household (户) of a stairwell (单元) as budget sees it: what a cost-sharing
// scheme needs to know and nothing more. The renovation package maps its own model onto it.
type Household struct {
	// ID names the household in results and errors, such as "3-301".
	ID string `json:"id"`
	// Floor is the storey the household lives on, 1 (ground) to MaxFloor.
	Floor int `json:"floor"`
	// Area is the exclusive area (专有部分面积) in m², exact; the area methods weigh by it.
	Area Weight `json:"area_m2"`
	// HardshipCap is the most the household pays toward the residents' amount (困难住户), in fen;
	// 0 means no cap. The part above the cap is re-spread over the others by weight.
	HardshipCap Money `json:"hardship_cap,omitzero"`
	// Waive exempts the household from paying anything; its part is re-spread. (A HardshipCap
	// of 0 is no cap, not a waiver.)
	Waive bool `json:"waive,omitzero"`
	// ProvidentFund is the housing provident fund withdrawal (住房公积金提取) the household puts
	// toward its share, in fen. It reduces the cash due, not the share.
	ProvidentFund Money `json:"provident_fund,omitzero"`
}

// MaxFloor is the highest floor number a Household may have.
const MaxFloor = 300

// HouseholdError says which household, and which of its fields, is wrong.
type HouseholdError struct {
	Index int    // position in the slice, from 0
	ID    string // the household's ID
	Field string // "floor", "area_m2", "hardship_cap", "provident_fund"
	Err   error
}

// Error names the household, the field and what is wrong.
func (e *HouseholdError) Error() string {
	return fmt.Sprintf("household %q (item %d) %s: %v", e.ID, e.Index+1, e.Field, e.Err)
}

// Unwrap returns the underlying error.
func (e *HouseholdError) Unwrap() error { return e.Err }
