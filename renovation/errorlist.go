package renovation

import (
	"fmt"
	"strings"
)

// maxListedErrors bounds how many problems an error list spells out; the rest are counted.
const maxListedErrors = 20

// listErrors formats a list of problems: the one problem alone, or "N <what>:" and one per
// line, the first maxListedErrors of them.
func listErrors[E error](what string, es []E) string {
	if len(es) == 1 {
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s:", len(es), what)
	for i, e := range es {
		if i == maxListedErrors {
			fmt.Fprintf(&b, "\n  … and %d more", len(es)-maxListedErrors)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// unwrapAll returns the members of an error list, for errors.Is and errors.As.
func unwrapAll[E error](es []E) []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
