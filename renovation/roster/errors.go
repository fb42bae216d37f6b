package roster

import "github.com/xiaoqu/xiaoqu/table"

// CellError is one bad cell of a roster, or a bad row when Column is empty: the one cell-error
// type of every table reader (see package table), with File, Row, Column, Value and Err.
type CellError = table.CellError

// Errors is every problem found in one roster: at most table.MaxErrors kept, the rest
// counted (Total). A roster with any problem loads nothing.
type Errors = table.Errors
