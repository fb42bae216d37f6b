package table

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encodings reported by DecodeText and CSV.Encoding.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 with BOM"
	EncodingGB18030 = "GB18030" // a superset of GBK and GB2312
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxNamedRows bounds how many rows an encoding error names.
const maxNamedRows = 10

// DecodeText turns the bytes of a text table into UTF-8 and returns the encoding it found.
// With encoding "" it detects: a UTF-8 byte-order mark is dropped; valid UTF-8 is taken as it
// is; otherwise the file is read as GB18030 (which reads GBK and GB2312 too) — unless some
// rows hold non-ASCII UTF-8 and others do not, which is a file pasted together from two
// sources: that is an error naming the rows that are not UTF-8, as is a row valid in neither
// encoding. encoding "utf-8" or "gbk" (also "gb2312", "gb18030") forces one. UTF-16 text, a
// zip (xlsx) or an old .xls workbook get an error that says what to do instead. Every error
// wraps ErrEncoding.
func DecodeText(data []byte, encoding string) (text, found string, err error) {
	if msg := notText(data); msg != "" {
		return "", "", Errorf(ErrEncoding, "%s", msg)
	}
	switch strings.ToLower(strings.ReplaceAll(encoding, "-", "")) {
	case "":
	case "utf8":
		if !utf8.Valid(data) {
			return "", "", Errorf(ErrEncoding, "file is not valid UTF-8 in %s", rowList(badRows(data, utf8.Valid)))
		}
		if bytes.HasPrefix(data, utf8BOM) {
			return string(data[len(utf8BOM):]), EncodingUTF8BOM, nil
		}
		return string(data), EncodingUTF8, nil
	case "gbk", "gb2312", "gb18030":
		return decodeGB18030(data)
	default:
		return "", "", Errorf(ErrEncoding, "encoding %q is not supported; use UTF-8 or GBK", encoding)
	}
	if bytes.HasPrefix(data, utf8BOM) {
		if !utf8.Valid(data) {
			return "", "", Errorf(ErrEncoding, "file starts with a UTF-8 byte-order mark but is not valid UTF-8 in %s", rowList(badRows(data, utf8.Valid)))
		}
		return string(data[len(utf8BOM):]), EncodingUTF8BOM, nil
	}
	if utf8.Valid(data) {
		return string(data), EncodingUTF8, nil
	}
	// Not UTF-8 as a whole. Rows with non-ASCII text that is valid UTF-8 beside rows that are
	// not mean two encodings in one file: decoding it all as GB18030 would garble the first.
	if mixed := utf8Rows(data); mixed > 0 {
		bad := badRows(data, utf8.Valid)
		return "", "", Errorf(ErrEncoding, "file mixes encodings: %d rows are UTF-8 text, but not %s (GBK?); save the whole file in one encoding", mixed, rowList(bad))
	}
	return decodeGB18030(data)
}

// notText says why data is no text table at all, or "".
func notText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or plain CSV instead"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "file is a zip archive, such as an xlsx workbook, not CSV text; give it a .xlsx name or save it as CSV"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "file is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV"
	case bytes.IndexByte(data, 0) >= 0:
		return "file holds NUL bytes: it is UTF-16 without a byte-order mark, or not text; save it as \"CSV UTF-8\""
	}
	return ""
}

func decodeGB18030(data []byte) (string, string, error) {
	if bad := badRows(data, validGB18030); len(bad) > 0 {
		return "", "", Errorf(ErrEncoding, "file is neither UTF-8 nor GBK/GB18030 text in %s", rowList(bad))
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", Errorf(ErrEncoding, "file is neither UTF-8 nor GBK/GB18030 text")
	}
	return string(out), EncodingGB18030, nil
}

// validGB18030 reports whether line decodes as GB18030 without replacement characters.
func validGB18030(line []byte) bool {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(line)
	return err == nil && !bytes.ContainsRune(out, utf8.RuneError)
}

// eachLine calls f with every physical line of data (split at CR, LF or CRLF) and its
// 1-based number, until f returns false.
func eachLine(data []byte, f func(n int, line []byte) bool) {
	n := 1
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			f(n, data)
			return
		}
		if !f(n, data[:i]) {
			return
		}
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
		n++
	}
}

// badRows returns the numbers of the lines that valid rejects, at most maxNamedRows+1 of them.
func badRows(data []byte, valid func([]byte) bool) []int {
	var out []int
	eachLine(data, func(n int, line []byte) bool {
		if !valid(line) {
			out = append(out, n)
		}
		return len(out) <= maxNamedRows
	})
	return out
}

// utf8Rows counts the lines holding non-ASCII text that is valid UTF-8 with at least one
// three-byte sequence (Chinese): GBK text is rarely that by chance.
func utf8Rows(data []byte) int {
	n := 0
	eachLine(data, func(_ int, line []byte) bool {
		if utf8.Valid(line) && hasCJK(line) {
			n++
		}
		return true
	})
	return n
}

func hasCJK(line []byte) bool {
	for len(line) > 0 {
		r, size := utf8.DecodeRune(line)
		if size == 3 && r >= 0x2E80 {
			return true
		}
		line = line[size:]
	}
	return false
}

// rowList names rows as "row 3", "rows 3, 7 and 9" or "rows 3, 7, … and more".
func rowList(rows []int) string {
	switch len(rows) {
	case 0:
		return "some row"
	case 1:
		return fmt.Sprintf("row %d", rows[0])
	}
	var b strings.Builder
	b.WriteString("rows ")
	more := len(rows) > maxNamedRows
	if more {
		rows = rows[:maxNamedRows]
	}
	for i, r := range rows {
		switch {
		case i == 0:
		case i == len(rows)-1 && !more:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d", r)
	}
	if more {
		b.WriteString(" and more")
	}
	return b.String()
}
