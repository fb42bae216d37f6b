package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// The text the anchors read and write: one record a line, numbers separated by spaces or tabs,
// as cs2cs and Planimeter take them ("31.2 121.5") and print them ("3454118.132166\t642964.159847
// 0.000000"); a blank line ends a polygon in Planimeter's input. The library's side of the
// benchmark reads and writes the same text, so that both sides pay for parsing and printing.

// maxLine bounds a line, so that a file without newlines cannot exhaust memory.
const maxLine = 4096

// errNotNumber marks a field that is not a finite decimal number.
var errNotNumber = errors.New("not a finite number")

// numberReader reads lines of numbers. It keeps no more than one line and its numbers.
type numberReader struct {
	sc   *bufio.Scanner
	name string // the file's name, for errors
	line int    // the line last read, from 1
	vals []float64
}

// newNumberReader reads from r; name names the input in errors.
func newNumberReader(r io.Reader, name string) *numberReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, maxLine), maxLine)
	return &numberReader{sc: sc, name: name}
}

// Next reads the next line and returns its first n numbers; fields after the n-th are not
// read. A blank line (spaces only) gives a nil slice. The slice is reused by the next call.
// At the end of the input it returns io.EOF. Errors name the input and line: fewer than n
// fields, a field that is not a finite number, a line longer than 4096 bytes.
func (r *numberReader) Next(n int) ([]float64, error) {
	if !r.sc.Scan() {
		if err := r.sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				return nil, fmt.Errorf("%s line %d: longer than %d bytes", r.name, r.line+1, maxLine)
			}
			return nil, fmt.Errorf("%s after line %d: %w", r.name, r.line, err)
		}
		return nil, io.EOF
	}
	r.line++
	b := r.sc.Bytes()
	r.vals = r.vals[:0]
	for len(r.vals) < n {
		b = bytes.TrimLeft(b, " \t\r")
		if len(b) == 0 {
			break
		}
		end := bytes.IndexAny(b, " \t\r")
		if end < 0 {
			end = len(b)
		}
		field := b[:end]
		b = b[end:]
		v, err := strconv.ParseFloat(string(field), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			if len(field) > 40 { // quote enough to find it
				field = append(field[:37:37], "..."...)
			}
			return nil, fmt.Errorf("%s line %d field %d: %q is %w", r.name, r.line, len(r.vals)+1, field, errNotNumber)
		}
		r.vals = append(r.vals, v)
	}
	switch {
	case len(r.vals) == 0 && len(bytes.TrimLeft(b, " \t\r")) == 0:
		return nil, nil
	case len(r.vals) < n:
		return nil, fmt.Errorf("%s line %d: %d numbers, want %d", r.name, r.line, len(r.vals), n)
	}
	return r.vals, nil
}

// appendCS2CS appends one line as cs2cs -f %.6f prints a projected point in EPSG:4549's axis
// order: northing, a tab, easting, a space and the height, in metres to the micrometre.
func appendCS2CS(buf []byte, northing, easting float64) []byte {
	buf = strconv.AppendFloat(buf, northing, 'f', 6, 64)
	buf = append(buf, '\t')
	buf = strconv.AppendFloat(buf, easting, 'f', 6, 64)
	return append(buf, " 0.000000\n"...)
}

// appendLatLon appends "lat lon" and a newline, each number with prec decimals, or in the
// shortest form that reads back to the same float64 when prec is −1.
func appendLatLon(buf []byte, lat, lon float64, prec int) []byte {
	buf = strconv.AppendFloat(buf, lat, 'f', prec, 64)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, lon, 'f', prec, 64)
	return append(buf, '\n')
}

// appendArea appends a line of Planimeter's form without the perimeter: the number of
// vertices and the area in m² with 5 decimals, what Planimeter -p 10 prints.
func appendArea(buf []byte, n int, area float64) []byte {
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, area, 'f', 5, 64)
	return append(buf, '\n')
}
