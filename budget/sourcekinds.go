package budget

import "slices"

// SourceKinds returns the funding source kinds in the order reports list them.
func SourceKinds() []SourceKind {
	return []SourceKind{CentralSubsidy, LocalBudget, SpecialBonds, Residents, Utilities, SocialCapital, MaintenanceFund, PropertyUnit}
}

// Valid reports whether k is one of SourceKinds.
func (k SourceKind) Valid() bool { return k.valid() }

// Chinese returns the kind's usual Chinese name, e.g. 居民出资 ("" for an unknown kind).
func (k SourceKind) Chinese() string {
	switch k {
	case CentralSubsidy:
		return "中央补助"
	case LocalBudget:
		return "地方财政"
	case SpecialBonds:
		return "专项债券"
	case Residents:
		return "居民出资"
	case Utilities:
		return "管线单位"
	case SocialCapital:
		return "社会资本"
	case MaintenanceFund:
		return "专项维修资金"
	case PropertyUnit:
		return "原产权单位"
	}
	return ""
}

// ParseSourceKind reads a kind by its code (residents) or Chinese name (居民出资).
func ParseSourceKind(s string) (SourceKind, bool) {
	for _, k := range SourceKinds() {
		if s == string(k) || s == k.Chinese() {
			return k, true
		}
	}
	return "", false
}

// rank is k's position in SourceKinds, or len for an unknown kind.
func (k SourceKind) rank() int {
	if i := slices.Index(SourceKinds(), k); i >= 0 {
		return i
	}
	return len(SourceKinds())
}

// CompareSourceKinds orders kinds as SourceKinds lists them, unknown kinds last.
func CompareSourceKinds(a, b SourceKind) int { return a.rank() - b.rank() }
