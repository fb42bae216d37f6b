package survey

import (
	"errors"
	"testing"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want Status
	}{
		{"", Sold}, {"sold", Sold}, {"SOLD", Sold}, {"已售", Sold},
		{"unsold", Unsold}, {"未售", Unsold},
		{"undelivered", Undelivered}, {"已售未交付", Undelivered}, {" 未交付 ", Undelivered},
	}
	for _, tc := range tests {
		got, err := ParseStatus(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseStatus(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if b, err := got.MarshalText(); err != nil {
			t.Errorf("MarshalText(%v): %v", got, err)
		} else if back, err := ParseStatus(string(b)); err != nil || back != got {
			t.Errorf("round trip %v -> %q -> %v, %v", got, b, back, err)
		}
	}
	if _, err := ParseStatus("rented"); !errors.Is(err, ErrInvalidStatus) {
		t.Errorf("ParseStatus(rented) error = %v, want ErrInvalidStatus", err)
	}
	if _, err := Status(7).MarshalText(); err == nil {
		t.Error("MarshalText of Status(7): no error")
	}
}

func TestParseAreaSource(t *testing.T) {
	tests := []struct {
		in   string
		want AreaSource
	}{
		{"", SourceUnknown}, {"register", SourceRegister}, {"不动产登记", SourceRegister},
		{"Survey", SourceSurvey}, {"实测", SourceSurvey}, {"合同", SourceContract},
	}
	for _, tc := range tests {
		got, err := ParseAreaSource(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseAreaSource(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := ParseAreaSource("估算"); !errors.Is(err, ErrInvalidAreaSource) {
		t.Errorf("ParseAreaSource(估算) error = %v", err)
	}
}
