package survey

import (
	"errors"
	"strings"
	"testing"
)

// A member given twice must not let its last value win: "threshold":"3/4","threshold":"0/1"
// would pass a vote with 1 of 3 owners agreeing (issue 20 item 6).
func TestDecodeRuleDuplicateMember(t *testing.T) {
	in := `{"name":"x","clauses":[{"measure":"owners","base":"all","threshold":"3/4","threshold":"0/1"}]}`
	_, err := DecodeRule(strings.NewReader(in))
	if !errors.Is(err, ErrInvalidRule) || !strings.Contains(err.Error(), `member "threshold" is given twice in clauses[0]`) {
		t.Fatalf("got %v", err)
	}
}
