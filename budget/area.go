package budget

import (
	"fmt"
	"strings"
)

// areaMarks are the unit marks a spreadsheet cell may carry after an area.
var areaMarks = []string{"平方米", "平米", "㎡", "m²", "m2"}

// ParseAreaWeight parses an exclusive area in m² as a weight: a non-negative decimal ("58.6",
// "58.60"), optionally followed by a unit mark (平方米, 平米, ㎡, m², m2). Unlike ParseWeight it
// refuses fractions ("1/3"): an area is measured, not divided. Errors match ErrInvalidWeight
// (errors.Is) and read "\"七十\" is not an area in m² (a decimal number such as 58.60)".
func ParseAreaWeight(s string) (Weight, error) {
	t := strings.TrimSpace(s)
	for _, m := range areaMarks {
		if strings.HasSuffix(t, m) {
			t = strings.TrimSpace(strings.TrimSuffix(t, m))
			break
		}
	}
	w, err := ParseWeight(t)
	if err != nil || strings.Contains(t, "/") {
		return Weight{}, areaError{fmt.Sprintf("%q is not an area in m² (a decimal number such as 58.60)", s)}
	}
	return w, nil
}

// areaError is ParseAreaWeight's error: its message reads as a cell's fault, and errors.Is
// matches ErrInvalidWeight.
type areaError struct{ msg string }

func (e areaError) Error() string        { return e.msg }
func (e areaError) Is(target error) bool { return target == ErrInvalidWeight }
