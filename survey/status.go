package survey

import (
	"errors"
	"fmt"
	"strings"
)

// Status is the sale status of an exclusive part. It decides how the part's owner is counted
// under SPC interpretation Art. 9: all of the developer's unsold and undelivered parts together
// count as one owner. The zero value is Sold.
type Status int

const (
	// Sold (已售): sold and delivered; counted under its buyer.
	Sold Status = iota
	// Unsold (未售): still held by the developer (建设单位).
	Unsold
	// Undelivered (已售未交付): sold but not yet delivered; counted with the developer.
	Undelivered
)

// ErrInvalidStatus is wrapped by every error ParseStatus returns.
var ErrInvalidStatus = errors.New("invalid status")

var statusNames = map[string]Status{
	"": Sold, "sold": Sold, "已售": Sold, "已出售": Sold,
	"unsold": Unsold, "未售": Unsold, "未出售": Unsold,
	"undelivered": Undelivered, "已售未交付": Undelivered, "未交付": Undelivered,
}

// ParseStatus reads a status in English (sold, unsold, undelivered; any case) or Chinese
// (已售, 未售, 已售未交付, 未交付). The empty string means Sold. Errors wrap ErrInvalidStatus.
func ParseStatus(s string) (Status, error) {
	if st, ok := statusNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return st, nil
	}
	return 0, fmt.Errorf("%w: %q is not sold, unsold or undelivered (已售, 未售, 已售未交付)", ErrInvalidStatus, s)
}

// String returns the English name: "sold", "unsold" or "undelivered".
func (s Status) String() string {
	switch s {
	case Sold:
		return "sold"
	case Unsold:
		return "unsold"
	case Undelivered:
		return "undelivered"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Chinese returns the Chinese name: 已售, 未售 or 已售未交付.
func (s Status) Chinese() string {
	switch s {
	case Sold:
		return "已售"
	case Unsold:
		return "未售"
	case Undelivered:
		return "已售未交付"
	}
	return s.String()
}

// MarshalText encodes the English name.
func (s Status) MarshalText() ([]byte, error) {
	if s < Sold || s > Undelivered {
		return nil, fmt.Errorf("%w: %d", ErrInvalidStatus, int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses as ParseStatus does.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// AreaSource says where an exclusive area came from. SPC interpretation Art. 8 ranks them:
// the real-estate register first, else a surveying agency's measured area, else the sale
// contract. The zero value is SourceUnknown.
type AreaSource int

const (
	// SourceUnknown: the source was not recorded.
	SourceUnknown AreaSource = iota
	// SourceRegister (不动产登记簿): the area in the real-estate register.
	SourceRegister
	// SourceSurvey (实测面积): the area measured by a surveying agency.
	SourceSurvey
	// SourceContract (合同面积): the area in the sale contract.
	SourceContract
)

// ErrInvalidAreaSource is wrapped by every error ParseAreaSource returns.
var ErrInvalidAreaSource = errors.New("invalid area source")

var sourceNames = map[string]AreaSource{
	"": SourceUnknown, "unknown": SourceUnknown, "未知": SourceUnknown,
	"register": SourceRegister, "登记": SourceRegister, "不动产登记": SourceRegister, "产权登记": SourceRegister, "登记簿": SourceRegister,
	"survey": SourceSurvey, "实测": SourceSurvey, "测绘": SourceSurvey,
	"contract": SourceContract, "合同": SourceContract, "购房合同": SourceContract,
}

// ParseAreaSource reads register, survey or contract (any case) or 登记 / 不动产登记 /
// 产权登记, 实测 / 测绘, 合同 / 购房合同. The empty string means SourceUnknown. Errors wrap
// ErrInvalidAreaSource.
func ParseAreaSource(s string) (AreaSource, error) {
	if src, ok := sourceNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return src, nil
	}
	return 0, fmt.Errorf("%w: %q is not register, survey or contract (登记, 实测, 合同)", ErrInvalidAreaSource, s)
}

// String returns "unknown", "register", "survey" or "contract".
func (s AreaSource) String() string {
	switch s {
	case SourceUnknown:
		return "unknown"
	case SourceRegister:
		return "register"
	case SourceSurvey:
		return "survey"
	case SourceContract:
		return "contract"
	}
	return fmt.Sprintf("AreaSource(%d)", int(s))
}

// MarshalText encodes the English name.
func (s AreaSource) MarshalText() ([]byte, error) {
	if s < SourceUnknown || s > SourceContract {
		return nil, fmt.Errorf("%w: %d", ErrInvalidAreaSource, int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses as ParseAreaSource does.
func (s *AreaSource) UnmarshalText(b []byte) error {
	v, err := ParseAreaSource(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
