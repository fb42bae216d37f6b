package survey

import (
	"errors"
	"fmt"
	"strings"
)

// Vote is an owner's ballot. The zero value NoVote means no ballot: the owner did not take
// part in the vote. Abstain takes part (it counts towards the Civil Code Art. 278 quorum) but
// does not agree.
type Vote int8

const (
	NoVote  Vote = iota // 未表决: no ballot, not participating
	Agree               // 同意
	Oppose              // 反对
	Abstain             // 弃权: participates, does not agree
)

// ErrInvalidVote is wrapped by every error ParseVote returns.
var ErrInvalidVote = errors.New("invalid vote")

var voteNames = map[string]Vote{
	"":      NoVote,
	"agree": Agree, "同意": Agree,
	"oppose": Oppose, "反对": Oppose,
	"abstain": Abstain, "弃权": Abstain,
}

// ParseVote reads agree, oppose or abstain (any case) or 同意, 反对, 弃权. The empty string is
// NoVote. Errors wrap ErrInvalidVote and quote the input.
func ParseVote(s string) (Vote, error) {
	if v, ok := voteNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return v, nil
	}
	return NoVote, fmt.Errorf("%w: %q is not agree, oppose or abstain (同意, 反对, 弃权)", ErrInvalidVote, s)
}

// Valid reports whether v is NoVote, Agree, Oppose or Abstain.
func (v Vote) Valid() bool { return v >= NoVote && v <= Abstain }

// String returns "", "agree", "oppose" or "abstain".
func (v Vote) String() string {
	switch v {
	case NoVote:
		return ""
	case Agree:
		return "agree"
	case Oppose:
		return "oppose"
	case Abstain:
		return "abstain"
	}
	return fmt.Sprintf("Vote(%d)", int(v))
}

// Chinese returns 未表决, 同意, 反对 or 弃权.
func (v Vote) Chinese() string {
	switch v {
	case NoVote:
		return "未表决"
	case Agree:
		return "同意"
	case Oppose:
		return "反对"
	case Abstain:
		return "弃权"
	}
	return v.String()
}

// MarshalText encodes String; NoVote is the empty string.
func (v Vote) MarshalText() ([]byte, error) {
	if !v.Valid() {
		return nil, fmt.Errorf("%w: %d", ErrInvalidVote, int(v))
	}
	return []byte(v.String()), nil
}

// UnmarshalText parses as ParseVote does.
func (v *Vote) UnmarshalText(b []byte) error {
	x, err := ParseVote(string(b))
	if err != nil {
		return err
	}
	*v = x
	return nil
}

// Ballot is one owner's vote. It names the owner (Owner, as in Part.Owner, or DeveloperBloc),
// or one of the owner's parts (Part, as in Part.ID), or both. Ref says where the ballot came
// from, such as "roster.csv row 5", and is quoted in problems.
//
// An owner may cast several ballots (one per part, as a roster does): identical votes count
// once; different votes make all of that owner's ballots invalid (see ProblemConflict).
type Ballot struct {
	Owner string `json:"owner,omitempty"`
	Part  string `json:"part,omitempty"`
	Vote  Vote   `json:"vote"`
	Ref   string `json:"ref,omitempty"`
}

// ProblemKind classifies an invalid ballot.
type ProblemKind int

const (
	// ProblemNoIdentity: the ballot names neither an owner nor a part.
	ProblemNoIdentity ProblemKind = iota + 1
	// ProblemUnknownPart: the part named is not in scope.
	ProblemUnknownPart
	// ProblemUnknownOwner: the owner named holds no part in scope.
	ProblemUnknownOwner
	// ProblemNotCounted: the owner named holds only unsold or undelivered parts in scope,
	// which count with the developer (SPC interpretation Art. 9); the developer votes for them
	// as DeveloperBloc.
	ProblemNotCounted
	// ProblemMismatch: the ballot names a part and an owner, and the part does not count under
	// that owner.
	ProblemMismatch
	// ProblemInvalidVote: the vote is not agree, oppose or abstain.
	ProblemInvalidVote
	// ProblemConflict: one owner cast different votes; none of them counts.
	ProblemConflict
)

var problemNames = map[ProblemKind]string{
	ProblemNoIdentity:   "no-identity",
	ProblemUnknownPart:  "unknown-part",
	ProblemUnknownOwner: "unknown-owner",
	ProblemNotCounted:   "counted-with-developer",
	ProblemMismatch:     "owner-part-mismatch",
	ProblemInvalidVote:  "invalid-vote",
	ProblemConflict:     "conflicting-votes",
}

// String returns a short English name such as "conflicting-votes".
func (k ProblemKind) String() string {
	if s, ok := problemNames[k]; ok {
		return s
	}
	return fmt.Sprintf("ProblemKind(%d)", int(k))
}

// MarshalText encodes String.
func (k ProblemKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// ErrInvalidBallot is wrapped by every BallotProblem.
var ErrInvalidBallot = errors.New("invalid ballot")

// BallotProblem reports a ballot that was not counted. Tally never drops a ballot in silence:
// each one it cannot count is reported here, and the owner concerned is counted as not taking
// part. Ballot is the index (0-based) of the ballot in Poll.Ballots (for ProblemConflict, the
// first of the conflicting ballots); Ref is copied from it.
type BallotProblem struct {
	Kind   ProblemKind `json:"kind"`
	Ballot int         `json:"ballot"`
	Ref    string      `json:"ref,omitempty"`
	Owner  string      `json:"owner,omitempty"`
	Part   string      `json:"part,omitempty"`
	Detail string      `json:"detail"`
}

// Error returns "REF: DETAIL", or "ballot N: DETAIL" when the ballot has no Ref.
func (p BallotProblem) Error() string {
	where := p.Ref
	if where == "" {
		where = fmt.Sprintf("ballot %d", p.Ballot+1)
	}
	return fmt.Sprintf("%s: %s", where, p.Detail)
}

// Unwrap returns ErrInvalidBallot.
func (p BallotProblem) Unwrap() error { return ErrInvalidBallot }

// Resolution says how an objection was settled. The zero value Unresolved means it stands.
type Resolution int

const (
	Unresolved  Resolution = iota // 未解决
	Mediated                      // 调解: settled by mediation (residents' committee, sub-district)
	Compensated                   // 补偿: settled by compensation
	Withdrawn                     // 撤回: withdrawn by the objector
)

var resolutionNames = []string{"unresolved", "mediated", "compensated", "withdrawn"}
var resolutionZh = []string{"未解决", "已调解", "已补偿", "已撤回"}

// String returns "unresolved", "mediated", "compensated" or "withdrawn".
func (r Resolution) String() string {
	if r >= 0 && int(r) < len(resolutionNames) {
		return resolutionNames[r]
	}
	return fmt.Sprintf("Resolution(%d)", int(r))
}

// Chinese returns 未解决, 已调解, 已补偿 or 已撤回.
func (r Resolution) Chinese() string {
	if r >= 0 && int(r) < len(resolutionZh) {
		return resolutionZh[r]
	}
	return r.String()
}

// MarshalText encodes String.
func (r Resolution) MarshalText() ([]byte, error) {
	if r < 0 || int(r) >= len(resolutionNames) {
		return nil, fmt.Errorf("invalid resolution %d", int(r))
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads the English names or 未解决, 调解, 补偿, 撤回 (also with 已).
func (r *Resolution) UnmarshalText(b []byte) error {
	s := strings.ToLower(strings.TrimSpace(string(b)))
	s = strings.TrimPrefix(s, "已")
	for i, n := range resolutionNames {
		if s == n || s == strings.TrimPrefix(resolutionZh[i], "已") {
			*r = Resolution(i)
			return nil
		}
	}
	if s == "" {
		*r = Unresolved
		return nil
	}
	return fmt.Errorf("invalid resolution %q", b)
}

// Objection (异议) is an objection raised against the matter, by an owner in scope or by
// anyone else affected (owners of other units in the building, neighbours whose light or
// access the works affect). By names the objector; for an owner in scope use their owner ID.
// An objection by an owner in scope who votes oppose under a rule with OpposeIsObjection is
// the same objection as the vote: marking it resolved resolves the vote's objection too.
type Objection struct {
	By         string     `json:"by"`
	Reason     string     `json:"reason,omitempty"`
	Resolution Resolution `json:"resolution"`
	// Proof refers to the record of the resolution: a mediation agreement, a receipt.
	Proof string `json:"proof,omitempty"`
	// FromVote is set by Tally on the objection an oppose vote raises under a rule with
	// OpposeIsObjection; such an objection goes when its owner agrees.
	FromVote bool `json:"from_vote,omitempty"`
}
