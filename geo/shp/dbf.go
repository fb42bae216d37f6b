package shp

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb/geojson"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// maxFields bounds a .dbf's fields: dBASE and ArcGIS allow 255, GDAL writes up to 2046.
const maxFields = 2046

type dbfTable struct {
	names    []string
	records  []geojson.Properties
	deleted  []bool
	encoding string
	from     string
}

type dbfField struct {
	name   string
	typ    byte
	offset int
	length int
}

// codePage returns the canonical name and decoder (nil for UTF-8) of a .cpg or option value.
func codePage(s string) (string, encoding.Encoding, bool) {
	switch strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", "")) {
	case "UTF8", "65001":
		return "UTF-8", nil, true
	case "GBK", "936", "CP936", "GB2312", "ANSI936", "CP20936", "20936":
		return "GBK", simplifiedchinese.GBK, true
	case "GB18030", "54936":
		return "GB18030", simplifiedchinese.GB18030, true
	case "BIG5", "950", "CP950":
		return "Big5", traditionalchinese.Big5, true
	}
	return "", nil, false
}

// ldidCodePage maps the language driver byte (DBF header byte 29) of the Chinese code pages.
func ldidCodePage(b byte) string {
	switch b {
	case 0x4D, 0x7A:
		return "GBK"
	case 0x4F, 0x78:
		return "Big5"
	}
	return ""
}

// readDBF reads a dBASE III/IV table; enc is the code page given (option or .cpg), empty for
// none.
func readDBF(b []byte, file, enc, from string) (*dbfTable, error) {
	if len(b) < 32 {
		return nil, formatErr(file, 0, "%d bytes, shorter than the 32-byte header", len(b))
	}
	n := int64(binary.LittleEndian.Uint32(b[4:]))
	headerLen := int(binary.LittleEndian.Uint16(b[8:]))
	recLen := int(binary.LittleEndian.Uint16(b[10:]))
	if headerLen < 33 || headerLen > len(b) {
		return nil, formatErr(file, 0, "header length %d in a file of %d bytes", headerLen, len(b))
	}
	if recLen < 1 {
		return nil, formatErr(file, 0, "record length %d", recLen)
	}
	if int64(headerLen)+n*int64(recLen) > int64(len(b)) {
		return nil, formatErr(file, 0, "truncated: %d records of %d bytes need %d bytes after the header, the file has %d",
			n, recLen, n*int64(recLen), len(b)-headerLen)
	}
	t := &dbfTable{}
	var dec encoding.Encoding
	if enc != "" {
		name, d, ok := codePage(enc)
		if !ok {
			return nil, &Error{File: file, Err: fmt.Errorf("%w: code page %q is not one this reader decodes (UTF-8, GBK, GB18030, Big5)", ErrFormat, enc)}
		}
		t.encoding, t.from, dec = name, from, d
	} else if name := ldidCodePage(b[29]); name != "" {
		_, d, _ := codePage(name)
		t.encoding, t.from, dec = name, "ldid", d
	} else {
		// No declaration: UTF-8 if all of the text is, else GBK (ArcGIS on Chinese Windows).
		t.encoding, t.from, dec = "UTF-8", "detected", nil
		if !utf8.Valid(b[headerLen:]) {
			t.encoding, dec = "GBK", simplifiedchinese.GBK
		}
	}
	decode := func(raw []byte) string {
		if dec == nil {
			return strings.ToValidUTF8(string(raw), "\ufffd")
		}
		s, err := dec.NewDecoder().Bytes(raw)
		if err != nil {
			return strings.ToValidUTF8(string(raw), "\ufffd")
		}
		return string(s)
	}
	var fields []dbfField
	seen := map[string]bool{}
	offset := 1 // the deletion flag
	for p := 32; ; p += 32 {
		if p >= headerLen || b[p] == 0x0D {
			break
		}
		if p+32 > headerLen {
			return nil, formatErr(file, 0, "field descriptor %d runs past the header", len(fields)+1)
		}
		if len(fields) == maxFields {
			return nil, formatErr(file, 0, "more than %d fields", maxFields)
		}
		d := b[p : p+32]
		raw := d[:11]
		if i := bytes.IndexByte(raw, 0); i >= 0 {
			raw = raw[:i]
		}
		if dec == nil {
			raw = trimPartialRune(raw)
		}
		name := strings.TrimSpace(decode(raw))
		f := dbfField{name: name, typ: d[11], offset: offset, length: int(d[16])}
		if f.typ == 'C' && d[17] > 0 { // a long character field (Clipper, GDAL): length in two bytes
			f.length += int(d[17]) << 8
		}
		if name == "" {
			return nil, formatErr(file, 0, "field %d has no name", len(fields)+1)
		}
		if f.length == 0 {
			// Every record would hold a value for it from no bytes: 2046 such fields in
			// one-byte records would make each byte of the file a map of 2046 entries.
			return nil, formatErr(file, 0, "field %q has length 0", name)
		}
		if seen[name] {
			return nil, formatErr(file, 0, "field %q appears twice", name)
		}
		seen[name] = true
		offset += f.length
		fields = append(fields, f)
	}
	if offset > recLen {
		return nil, formatErr(file, 0, "fields of %d bytes in records of %d", offset, recLen)
	}
	for _, f := range fields {
		t.names = append(t.names, f.name)
	}
	t.records = make([]geojson.Properties, n)
	t.deleted = make([]bool, n)
	for i := range t.records {
		rec := b[headerLen+i*recLen : headerLen+(i+1)*recLen]
		if rec[0] == '*' {
			t.deleted[i] = true
			continue
		}
		props := make(geojson.Properties, len(fields))
		for _, f := range fields {
			v, err := fieldValue(rec[f.offset:f.offset+f.length], f.typ, decode)
			if err != nil {
				return nil, &Error{File: file, Record: i + 1, Field: f.name, Err: fmt.Errorf("%w: %v", ErrFormat, err)}
			}
			props[f.name] = v
		}
		t.records[i] = props
	}
	return t, nil
}

// fieldValue decodes one value; a blank is nil.
func fieldValue(raw []byte, typ byte, decode func([]byte) string) (any, error) {
	s := strings.Trim(string(raw), " \x00")
	if s == "" {
		return nil, nil
	}
	switch typ {
	case 'N', 'F':
		if strings.Trim(s, "*") == "" { // overflow, as dBASE writes it
			return nil, nil
		}
		s = strings.TrimPrefix(s, "+")
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		if !jsonNumber(s) {
			s = strconv.FormatFloat(f, 'f', -1, 64) // ".5", "5." and the like
		}
		return json.Number(s), nil
	case 'L':
		switch s {
		case "T", "t", "Y", "y":
			return true, nil
		case "F", "f", "N", "n":
			return false, nil
		case "?":
			return nil, nil
		}
		return nil, fmt.Errorf("%q is not a logical", s)
	case 'D':
		if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
			if s == "00000000" {
				return nil, nil
			}
			return s[:4] + "-" + s[4:6] + "-" + s[6:], nil
		}
		return s, nil
	}
	return strings.TrimRight(decode(bytes.TrimRight(raw, " \x00")), " "), nil
}

// jsonNumber reports whether s is a number as JSON writes it.
func jsonNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// trimPartialRune drops a UTF-8 character cut short at the end of b, as ArcGIS cuts a field
// name at 10 bytes.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}
