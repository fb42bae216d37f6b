package roster

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// DefaultMaxBytes bounds the size of a roster file read into memory: 64 MiB holds about a
// million rows, more than any district's roster.
const DefaultMaxBytes = 64 << 20

// Encodings reported in Roster.Encoding.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 with BOM"
	EncodingGB18030 = "GB18030" // a superset of GBK and GB2312
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readAllBounded reads r to the end, failing when it holds more than max bytes.
func readAllBounded(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("file is larger than %d bytes; raise Options.MaxBytes to read it", max)
	}
	return data, nil
}

// decodeText turns the bytes of a text file into UTF-8. With encoding "" it detects: a UTF-8
// byte-order mark is dropped; valid UTF-8 is taken as it is; anything else is decoded as
// GB18030 (which reads GBK and GB2312 too), and rejected if that leaves undecodable bytes.
func decodeText(data []byte, encoding string) (string, string, error) {
	switch strings.ToLower(strings.ReplaceAll(encoding, "-", "")) {
	case "":
	case "utf8":
		if !utf8.Valid(data) {
			return "", "", errors.New("file is not valid UTF-8")
		}
		if bytes.HasPrefix(data, utf8BOM) {
			return string(data[len(utf8BOM):]), EncodingUTF8BOM, nil
		}
		return string(data), EncodingUTF8, nil
	case "gbk", "gb2312", "gb18030":
		return decodeGB18030(data)
	default:
		return "", "", fmt.Errorf("encoding %q is not supported; use UTF-8 or GBK", encoding)
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "", "", errors.New("file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or plain CSV instead")
	}
	if bytes.HasPrefix(data, utf8BOM) {
		if !utf8.Valid(data) {
			return "", "", errors.New("file starts with a UTF-8 byte-order mark but is not valid UTF-8")
		}
		return string(data[len(utf8BOM):]), EncodingUTF8BOM, nil
	}
	if utf8.Valid(data) {
		return string(data), EncodingUTF8, nil
	}
	return decodeGB18030(data)
}

func decodeGB18030(data []byte) (string, string, error) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", errors.New("file is neither UTF-8 nor GBK/GB18030 text")
	}
	return string(out), EncodingGB18030, nil
}
