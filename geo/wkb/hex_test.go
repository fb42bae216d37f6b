package wkb

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHex(t *testing.T) {
	if got, want := Hex([]byte{0x01, 0xab, 0xff}), "01ABFF"; got != want {
		t.Errorf("Hex = %q, want %q", got, want)
	}
	tests := []struct {
		in     string
		want   []byte
		offset int // -1: no error
	}{
		{"01abFF", []byte{1, 0xab, 0xff}, -1},
		{`\x0101`, []byte{1, 1}, -1},
		{"0x0101", []byte{1, 1}, -1},
		{"", []byte{}, -1},
		{"01G1", nil, 2},
		{`\x01 1`, nil, 4},
		{"010", nil, 3},
	}
	for _, tc := range tests {
		got, err := ParseHex(tc.in)
		if tc.offset < 0 {
			if err != nil {
				t.Errorf("ParseHex(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseHex(%q) (-want +got):\n%s", tc.in, diff)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) || e.Offset != tc.offset {
			t.Errorf("ParseHex(%q) error %v, want ErrInvalid at offset %d", tc.in, err, tc.offset)
		}
	}
	// A character beyond ASCII is named whole, not by its first byte.
	if _, err := ParseHex("01é0"); err == nil || !strings.Contains(err.Error(), `'é' is not a hexadecimal digit`) {
		t.Errorf("ParseHex(\"01é0\") error %v, want one naming 'é'", err)
	}
}
