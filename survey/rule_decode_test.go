package survey

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDecodeRule(t *testing.T) {
	preset, err := Preset("beijing-2020-elevator")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(preset)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeRule(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("a preset's own JSON: %v", err)
	}
	if got.Name != preset.Name || len(got.Clauses) != len(preset.Clauses) || got.NoUnresolvedObjection != preset.NoUnresolvedObjection {
		t.Errorf("round trip: %+v", got)
	}
	misspelt := strings.Replace(string(b), `"no_unresolved_objection"`, `"no_unresolved_objections"`, 1)
	if _, err := DecodeRule(strings.NewReader(misspelt)); err == nil || !strings.Contains(err.Error(), `unknown field "no_unresolved_objections"`) {
		t.Errorf("misspelt member: %v", err)
	}
	if _, err := DecodeRule(strings.NewReader(string(b) + "{}")); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("trailing data: %v", err)
	}
	if _, err := DecodeRule(strings.NewReader(`{"name":"x","clauses":[]}`)); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("no clause: %v", err)
	}
	if _, err := DecodeRule(strings.NewReader(`{"name":`)); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("cut-off file: %v", err)
	}
}
