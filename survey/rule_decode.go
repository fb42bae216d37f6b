package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"io"
)

// MaxRuleBytes bounds a rule file DecodeRule reads: a rule is a few clauses.
const MaxRuleBytes = 64 << 10

// DecodeRule reads a rule in its JSON form (as Presets writes them) from r and validates it.
// It is strict, because a rule decides a vote: an unknown member (a misspelt
// "no_unresolved_objection" would silently drop the objection test; a misspelt "inclusive"
// would make a clause strict), trailing data and a file over MaxRuleBytes are errors. JSON
// errors are wrapped, so errors.As finds *json.SyntaxError and *json.UnmarshalTypeError;
// invalid clauses wrap ErrInvalidRule. It reads at most MaxRuleBytes+1 bytes of r and
// allocates at most about 110 times what it reads (the worst, a list of empty clauses), so at
// most about 7 MiB whatever r holds.
func DecodeRule(r io.Reader) (Rule, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxRuleBytes+1))
	if err != nil {
		return Rule{}, err
	}
	if len(b) > MaxRuleBytes {
		return Rule{}, fmt.Errorf("%w: rule is larger than %d bytes", ErrInvalidRule, MaxRuleBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var rule Rule
	if err := dec.Decode(&rule); err != nil {
		return Rule{}, fmt.Errorf("rule: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Rule{}, fmt.Errorf("%w: rule is followed by more data", ErrInvalidRule)
	}
	// Only now, as a rule that decodes nests a few levels at most: the duplicate check keeps
	// every open level, hundreds of bytes for each "[" of a deeply nested text.
	if err := jsondup.Check(b); err != nil {
		return Rule{}, fmt.Errorf("%w: rule: %w", ErrInvalidRule, err)
	}
	if err := rule.Validate(); err != nil {
		return Rule{}, err
	}
	return rule, nil
}
