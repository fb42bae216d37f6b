package wkb

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Hex returns b as upper-case hexadecimal, the text PostGIS prints for a geometry
// (SELECT geom::text) and takes back in ST_GeomFromEWKB(decode(…, 'hex')) or as a literal.
func Hex(b []byte) string {
	return strings.ToUpper(hex.EncodeToString(b))
}

// ParseHex decodes hexadecimal text, in either case, into bytes. A leading `\x` (PostgreSQL's
// bytea output) or `0x` is skipped. Errors wrap ErrInvalid and give the offset of the first
// character that is not a hex digit, or say that the length is odd. It allocates only the
// bytes, half as many as the digits (a fuzz target checks it).
func ParseHex(s string) ([]byte, error) {
	skip := 0
	if strings.HasPrefix(s, `\x`) || strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		skip = 2
	}
	b, err := hex.DecodeString(s[skip:])
	if err != nil {
		var inv hex.InvalidByteError
		if errors.As(err, &inv) {
			off := skip + strings.IndexByte(s[skip:], byte(inv))
			c, _ := utf8.DecodeRuneInString(s[off:]) // the character, not its first byte
			return nil, &Error{Offset: off, Err: ErrInvalid, Detail: fmt.Sprintf("%q is not a hexadecimal digit", c)}
		}
		return nil, &Error{Offset: len(s), Err: ErrInvalid, Detail: fmt.Sprintf("odd number of hexadecimal digits (%d)", len(s)-skip)}
	}
	return b, nil
}
