package roster

import "github.com/xiaoqu/xiaoqu/table"

// DefaultMaxBytes bounds the size of a roster file read into memory: 64 MiB holds about a
// million rows, more than any district's roster.
const DefaultMaxBytes = table.DefaultMaxBytes

// Encodings reported in Roster.Encoding.
const (
	EncodingUTF8    = table.EncodingUTF8
	EncodingUTF8BOM = table.EncodingUTF8BOM
	EncodingGB18030 = table.EncodingGB18030 // a superset of GBK and GB2312
)
