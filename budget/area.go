package budget

import "github.com/xiaoqu/xiaoqu/table"

// ParseAreaWeight parses an exclusive area in m² as a weight, by table.ParseArea, the one
// area rule of every table: a non-negative decimal with at most two decimal places ("58.6",
// "58.60"), optionally followed by a unit mark (平方米, 平米, ㎡, m², m2). Unlike ParseWeight it
// refuses fractions ("1/3"): an area is measured, not divided. Errors match ErrInvalidWeight
// and table.ErrArea (errors.Is) and read "\"七十\" is not a number of square metres". It
// allocates at most about 23 times len(s) bytes, for the error quoting a text of bytes that
// are not UTF-8, and nothing much for an area.
func ParseAreaWeight(s string) (Weight, error) {
	c, err := table.ParseArea(s)
	if err != nil {
		return Weight{}, areaError{err}
	}
	return NewWeight(uint64(c), 100)
}

// areaError is ParseAreaWeight's error: its message reads as a cell's fault, and errors.Is
// matches ErrInvalidWeight as well as the cause.
type areaError struct{ err error }

func (e areaError) Error() string        { return e.err.Error() }
func (e areaError) Is(target error) bool { return target == ErrInvalidWeight }
func (e areaError) Unwrap() error        { return e.err }
