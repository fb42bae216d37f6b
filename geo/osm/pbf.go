package osm

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/paulmach/osm/osmpbf"
)

func (b *builder) readPBF(r io.Reader, o ReadOptions) (*Data, error) {
	g := &pbfGuard{r: r, maxBlob: o.MaxBlobBytes, budget: o.MaxElements}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sc := osmpbf.New(ctx, g, procs())
	defer sc.Close()
	for sc.Scan() {
		if err := b.add(sc.Object()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		var be *blockError
		if errors.As(err, &be) {
			e := &Error{Format: PBF, Offset: be.offset, Err: be.err}
			if be.element != "" {
				e.Element, e.ID, e.In = be.element, be.id, true
			} else {
				e.Element, e.ID = b.last, b.lastID
			}
			return nil, e
		}
		return nil, b.errAfter(fmt.Errorf("%w: %v", ErrFormat, err))
	}
	return b.finish()
}

// blockFloor is the least a PBF block counts against ReadOptions.MaxElements: the 8,000
// entities osmium and osmosis write in one.
const blockFloor = 8000

// blockError is an error the guard found in the block at offset, in element id where known.
type blockError struct {
	offset  int64
	element ElementType
	id      int64
	err     error
}

func (e *blockError) Error() string { return e.err.Error() }

// pbfGuard stands between the file and paulmach/osm's PBF decoder, which trusts its input (a
// string index out of range or a plain node makes it panic in a goroutine, and a blob's
// declared size is allocated as given). It reads each block, bounds it, inflates it within its
// declared size, checks every element the decoder will read (see checkBlock), and passes it
// on uncompressed. Decoding then cannot fail, and memory stays bounded.
type pbfGuard struct {
	r       io.Reader
	maxBlob int
	budget  int

	offset int64 // of the next block in the file
	blocks int
	out    []byte // what is ready for the decoder
	outBuf []byte
	raw    []byte // inflated blob
	err    error
}

func (g *pbfGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		g.err = g.nextBlock()
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

func (g *pbfGuard) fail(format string, a ...any) error {
	return &blockError{offset: g.offset, err: fmt.Errorf("%w: "+format, append([]any{ErrFormat}, a...)...)}
}

func (g *pbfGuard) readFull(buf []byte, what string) error {
	if _, err := io.ReadFull(g.r, buf); err != nil {
		if errors.Is(err, ErrTooLarge) {
			return &blockError{offset: g.offset, err: err}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return g.fail("truncated in the %s", what)
		}
		return &blockError{offset: g.offset, err: err}
	}
	return nil
}

// nextBlock reads one block and queues it for the decoder, or returns io.EOF at the end.
func (g *pbfGuard) nextBlock() error {
	var size [4]byte
	n, err := io.ReadFull(g.r, size[:])
	if n == 0 && err == io.EOF {
		if g.blocks == 0 {
			return g.fail("no blocks")
		}
		return io.EOF
	}
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return &blockError{offset: g.offset, err: err}
		}
		return g.fail("truncated in a block's length")
	}
	hlen := binary.BigEndian.Uint32(size[:])
	if hlen == 0 || hlen > 64<<10 {
		return g.fail("block header of %d bytes (the format allows up to 64 KiB)", hlen)
	}
	header := make([]byte, hlen)
	if err := g.readFull(header, "block header"); err != nil {
		return err
	}
	var typ []byte
	dataSize := int64(-1)
	w := wire{b: header}
	for f, t, ok := w.next(); ok; f, t, ok = w.next() {
		switch f {
		case 1:
			if w.want(f, t, 2) {
				typ, _ = w.bytes()
			}
		case 3:
			if w.want(f, t, 0) {
				v, _ := w.varint()
				dataSize = int64(v)
			}
		default:
			w.skip(t)
		}
	}
	if w.err != nil {
		return g.fail("block header: %v", w.err)
	}
	switch {
	case g.blocks == 0 && string(typ) != "OSMHeader":
		return g.fail("first block is %q, not OSMHeader", typ)
	case g.blocks > 0 && string(typ) != "OSMData":
		return g.fail("block of type %q, not OSMData", typ)
	case dataSize < 0:
		return g.fail("block header without a data size")
	case dataSize > int64(g.maxBlob):
		return &blockError{offset: g.offset, err: fmt.Errorf("%w: blob of %d bytes (at most %d)", ErrTooLarge, dataSize, g.maxBlob)}
	}
	blob := make([]byte, dataSize)
	if err := g.readFull(blob, "blob"); err != nil {
		return err
	}
	raw, err := g.inflate(blob)
	if err != nil {
		return err
	}
	if g.blocks > 0 {
		count, err := checkBlock(raw)
		if err != nil {
			err.offset = g.offset
			return err
		}
		// A block costs at least a full block's worth, so that a file of many tiny blocks
		// (each costing the decoder a block's allocations) is bounded as well.
		g.budget -= max(count, blockFloor)
		if g.budget < 0 {
			return &blockError{offset: g.offset, err: fmt.Errorf("%w: more elements, references, members and tags than the maximum", ErrTooLarge)}
		}
		if count == 0 {
			// Nothing for the decoder.
			g.offset += 4 + int64(hlen) + dataSize
			g.blocks++
			return nil
		}
	}
	// Queue the block uncompressed: header {type, datasize}, blob {raw, raw_size}.
	rawLen := uint64(len(raw))
	blobLen := 1 + uvarintLen(rawLen) + len(raw) + 1 + uvarintLen(rawLen)
	var hd []byte
	hd = appendBytesField(hd, 1, typ)
	hd = appendVarintField(hd, 3, uint64(blobLen))
	out := g.outBuf[:0]
	out = binary.BigEndian.AppendUint32(out, uint32(len(hd)))
	out = append(out, hd...)
	out = appendBytesField(out, 1, raw)
	out = appendVarintField(out, 2, rawLen)
	g.outBuf, g.out = out, out
	g.offset += 4 + int64(hlen) + dataSize
	g.blocks++
	return nil
}

// inflate returns a blob's data, inflated within its declared raw size.
func (g *pbfGuard) inflate(blob []byte) ([]byte, error) {
	var raw, z []byte
	var haveRaw, haveZ bool
	rawSize := int64(-1)
	w := wire{b: blob}
	for f, t, ok := w.next(); ok; f, t, ok = w.next() {
		switch f {
		case 1:
			if w.want(f, t, 2) {
				raw, _ = w.bytes()
				haveRaw = true
			}
		case 2:
			if w.want(f, t, 0) {
				v, _ := w.varint()
				rawSize = int64(v)
			}
		case 3:
			if w.want(f, t, 2) {
				z, _ = w.bytes()
				haveZ = true
			}
		case 4, 5, 6, 7:
			return nil, g.fail("blob compressed with %s, which is not supported (only zlib)", [...]string{4: "lzma", 5: "bzip2", 6: "lz4", 7: "zstd"}[f])
		default:
			w.skip(t)
		}
	}
	switch {
	case w.err != nil:
		return nil, g.fail("blob: %v", w.err)
	case haveRaw && haveZ:
		return nil, g.fail("blob both raw and compressed")
	case haveRaw:
		return raw, nil
	case !haveZ:
		return nil, g.fail("blob without data")
	case rawSize < 0:
		return nil, g.fail("compressed blob without its raw size")
	case rawSize > int64(g.maxBlob):
		return nil, &blockError{offset: g.offset, err: fmt.Errorf("%w: blob of %d bytes inflated (at most %d)", ErrTooLarge, rawSize, g.maxBlob)}
	}
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, g.fail("zlib: %v", err)
	}
	if int64(cap(g.raw)) < rawSize+1 {
		g.raw = make([]byte, rawSize+1)
	}
	buf := g.raw[:rawSize+1]
	n, err := io.ReadFull(zr, buf)
	switch {
	case err == nil:
		return nil, g.fail("blob inflates past its raw size %d", rawSize)
	case err != io.ErrUnexpectedEOF && err != io.EOF:
		return nil, g.fail("zlib: %v", err)
	case int64(n) != rawSize:
		return nil, g.fail("blob inflates to %d bytes, not its raw size %d", n, rawSize)
	}
	return buf[:n], nil
}
