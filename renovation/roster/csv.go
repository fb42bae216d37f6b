package roster

import (
	"io"

	"github.com/xiaoqu/xiaoqu/table"
)

// ReadCSV reads a household roster in CSV from r. name is the file's name for messages. The
// text may be UTF-8 (with or without a byte-order mark) or GBK/GB18030, with CR, LF or CRLF
// line endings; see Options and package table for the rules. On any bad cell or row it
// returns nil and an Errors listing every one (at most table.MaxErrors, the rest counted).
func ReadCSV(r io.Reader, name string, opts *Options) (*Roster, error) {
	var topts *table.Options
	if opts != nil {
		topts = &table.Options{Encoding: opts.Encoding, MaxBytes: opts.MaxBytes}
	}
	src, err := table.NewCSV(r, name, topts)
	if err != nil {
		return nil, err
	}
	ro, err := readTable(src)
	if err != nil {
		return nil, err
	}
	ro.Encoding = src.Encoding
	return ro, nil
}
