package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"

	"github.com/xiaoqu/xiaoqu/geo/wkb"
)

// GeoPackageBinary header flags (GeoPackage 1.3 §2.1.3.1.1).
const (
	flagLittleEndian = 0x01
	flagEnvelopeMask = 0x0e // envelope contents indicator, bits 1-3
	flagEmpty        = 0x10
	flagExtended     = 0x20
)

// envelopeBytes is the size of each envelope type 0-4: none, xy, xyz, xym, xyzm.
var envelopeBytes = [5]int{0, 32, 48, 48, 64}

// ErrBlob means a geometry blob that is not GeoPackageBinary or cannot be decoded.
var ErrBlob = errors.New("gpkg: invalid geometry blob")

// MarshalGeometry encodes g as a GeoPackageBinary blob (GeoPackage 1.3 §2.1.3): the "GP"
// header, version 0, little-endian flags, srsID, an envelope [minx, maxx, miny, maxy]
// (none for points and empty geometries, as the standard recommends), and then g as
// little-endian WKB. Empty geometries (orb.LineString{}, orb.Polygon{}, …) set the empty
// flag. It returns an error wrapping wkb.ErrUnsupported for nil or a type that is not
// orb's.
func MarshalGeometry(g orb.Geometry, srsID int) ([]byte, error) {
	body, err := wkb.Marshal(g, wkb.LittleEndian)
	if err != nil {
		return nil, err
	}
	flags := byte(flagLittleEndian)
	empty := geo.IsEmpty(g)
	_, point := g.(orb.Point)
	envelope := !empty && !point
	size := 8 + len(body)
	if empty {
		flags |= flagEmpty
	}
	if envelope {
		flags |= 1 << 1
		size += 32
	}
	b := make([]byte, 0, size)
	b = append(b, 'G', 'P', 0, flags)
	b = binary.LittleEndian.AppendUint32(b, uint32(int32(srsID)))
	if envelope {
		bd := g.Bound()
		for _, v := range []float64{bd.Min[0], bd.Max[0], bd.Min[1], bd.Max[1]} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	return append(b, body...), nil
}

// UnmarshalGeometry decodes a GeoPackageBinary blob with the WKB decoder dec (whose limits
// bound what it allocates). It returns the geometry and the srs_id of the header. A blob
// with the empty flag holding an empty point (NaN coordinates, which orb cannot hold)
// gives a nil geometry. Envelopes of types 0 to 4 are read past, not checked against the
// geometry. It never panics; errors wrap ErrBlob and, for the WKB part, the wkb sentinel
// errors. Extended GeoPackageBinary (the X flag, for extension geometry types) is refused.
func UnmarshalGeometry(b []byte, dec wkb.Decoder) (orb.Geometry, int, error) {
	if len(b) < 8 {
		return nil, 0, fmt.Errorf("%w: %d bytes, a header needs at least 8", ErrBlob, len(b))
	}
	if b[0] != 'G' || b[1] != 'P' {
		return nil, 0, fmt.Errorf("%w: magic %q, want \"GP\"", ErrBlob, b[:2])
	}
	if b[2] != 0 {
		return nil, 0, fmt.Errorf("%w: version %d, want 0 (GeoPackage 1.x)", ErrBlob, b[2])
	}
	flags := b[3]
	if flags&flagExtended != 0 {
		return nil, 0, fmt.Errorf("%w: extended GeoPackageBinary (flags 0x%02x) is not supported", ErrBlob, flags)
	}
	env := int(flags&flagEnvelopeMask) >> 1
	if env >= len(envelopeBytes) {
		return nil, 0, fmt.Errorf("%w: envelope contents indicator %d, want 0-4", ErrBlob, env)
	}
	var srsID int
	if flags&flagLittleEndian != 0 {
		srsID = int(int32(binary.LittleEndian.Uint32(b[4:8])))
	} else {
		srsID = int(int32(binary.BigEndian.Uint32(b[4:8])))
	}
	start := 8 + envelopeBytes[env]
	if len(b) < start {
		return nil, 0, fmt.Errorf("%w: %d bytes, the header with a type %d envelope needs %d", ErrBlob, len(b), env, start)
	}
	g, _, err := dec.Decode(b[start:])
	if err != nil {
		if flags&flagEmpty != 0 && errors.Is(err, wkb.ErrEmptyPoint) {
			return nil, srsID, nil
		}
		// wkb offsets count from the start of the WKB; say where that is.
		return nil, 0, fmt.Errorf("%w: WKB at byte %d: %w", ErrBlob, start, err)
	}
	return g, srsID, nil
}
