package renovation

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/survey"
)

// Household is one dwelling (户) of a stairwell and the people registered in it. Its exclusive
// area and sale status are what owners' votes (survey) and default cost sharing (Civil Code
// Art. 283) count.
type Household struct {
	// ID is the household number (户号) as the roster gives it, e.g. "0502"; unique within its
	// unit.
	ID string `json:"id"`
	// Floor is the storey the dwelling is on, 1 being the ground floor.
	Floor int `json:"floor"`
	// Room is the door number (房号), e.g. "502".
	Room string `json:"room,omitempty"`
	// Area is the exclusive floor area (专有部分建筑面积) in 0.01 m².
	Area survey.Area `json:"area_m2"`
	// AreaSource says where Area came from: the register, a survey or the sale contract
	// (SPC interpretation Art. 8 ranks them in that order).
	AreaSource survey.AreaSource `json:"area_source,omitempty"`
	// OwnerID identifies the owner (业主) without naming them; several dwellings may share one
	// owner, who then counts once in a headcount (SPC interpretation Art. 9).
	OwnerID string        `json:"owner_id,omitempty"`
	Status  survey.Status `json:"status"`
	Tenure  Tenure        `json:"tenure,omitempty"`
	// Residents is the number of people living in the dwelling.
	Residents int `json:"residents"`
	// OldestAge is the age in years of the oldest resident; 0 when unknown.
	OldestAge int `json:"oldest_age,omitempty"`
	// Synthetic reports that the record was generated, not surveyed: sample rosters are, and
	// must never be presented as real people.
	Synthetic bool `json:"synthetic,omitempty"`
}

// Tenure is how a dwelling is lived in, as street offices count it in a census (e.g. the
// Shichahai coal-to-electricity census). The zero value is TenureUnknown.
type Tenure int

const (
	// TenureUnknown: not recorded.
	TenureUnknown Tenure = iota
	// OwnerOccupied (人户合一): the registered household lives in the dwelling.
	OwnerOccupied
	// Rented (出租): let to tenants.
	Rented
	// RegisteredElsewhere (人户分离): the registered household and the dwelling are apart.
	RegisteredElsewhere
	// NoRegisteredResident (有房无户): a dwelling with no household registered in it.
	NoRegisteredResident
	// Vacant (空置): nobody lives in the dwelling.
	Vacant
)

// ErrInvalidTenure is wrapped by every error ParseTenure returns.
var ErrInvalidTenure = errors.New("invalid tenure")

var tenureNames = map[string]Tenure{
	"": TenureUnknown, "unknown": TenureUnknown, "未知": TenureUnknown,
	"owner_occupied": OwnerOccupied, "人户合一": OwnerOccupied, "自住": OwnerOccupied,
	"rented": Rented, "出租": Rented, "租住": Rented,
	"registered_elsewhere": RegisteredElsewhere, "人户分离": RegisteredElsewhere,
	"no_registered_resident": NoRegisteredResident, "有房无户": NoRegisteredResident,
	"vacant": Vacant, "空置": Vacant, "空房": Vacant,
}

var tenureEnglish = [...]string{"unknown", "owner_occupied", "rented", "registered_elsewhere", "no_registered_resident", "vacant"}
var tenureChinese = [...]string{"未知", "人户合一", "出租", "人户分离", "有房无户", "空置"}

// ParseTenure reads a tenure in English (owner_occupied, rented, registered_elsewhere,
// no_registered_resident, vacant) or Chinese (人户合一 or 自住, 出租, 人户分离, 有房无户,
// 空置), or a tenure word of the synonym table (人户一致, 租赁, 闲置, ...). The empty string is
// TenureUnknown. Errors wrap ErrInvalidTenure.
func ParseTenure(s string) (Tenure, error) {
	if t, ok := tenureNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return t, nil
	}
	if syn, ok := lookupSynonym("tenure", s); ok && syn.Meaning != "" {
		if t, ok := tenureNames[syn.Meaning]; ok {
			return t, nil
		}
	}
	return 0, fmt.Errorf("%w: %q is not 人户合一, 出租, 人户分离, 有房无户 or 空置", ErrInvalidTenure, s)
}

// Tenures lists the tenures in their census order, TenureUnknown last.
func Tenures() []Tenure {
	return []Tenure{OwnerOccupied, Rented, RegisteredElsewhere, NoRegisteredResident, Vacant, TenureUnknown}
}

func (t Tenure) valid() bool { return t >= TenureUnknown && t <= Vacant }

// String returns the English name, e.g. "owner_occupied".
func (t Tenure) String() string {
	if !t.valid() {
		return fmt.Sprintf("Tenure(%d)", int(t))
	}
	return tenureEnglish[t]
}

// Chinese returns the census name, e.g. 人户合一.
func (t Tenure) Chinese() string {
	if !t.valid() {
		return t.String()
	}
	return tenureChinese[t]
}

// MarshalText encodes the English name.
func (t Tenure) MarshalText() ([]byte, error) {
	if !t.valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidTenure, int(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText parses as ParseTenure does.
func (t *Tenure) UnmarshalText(b []byte) error {
	v, err := ParseTenure(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
