package osm

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/paulmach/osm/osmxml"
)

// maxXMLDepth bounds the nesting of XML elements; OSM needs 3 (osm, way, nd).
const maxXMLDepth = 64

func (b *builder) readXML(r io.Reader, o ReadOptions) (*Data, error) {
	g := &xmlGuard{r: r, maxRun: o.MaxTokenBytes}
	sc := osmxml.New(context.Background(), g)
	defer sc.Close()
	for sc.Scan() {
		if err := b.add(sc.Object()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		e := b.errAfter(err)
		var se *xml.SyntaxError
		switch {
		case errors.As(err, &se) && se.Msg == "unexpected EOF":
			e.Line = se.Line
			e.Err = fmt.Errorf("%w: truncated (%v)", ErrFormat, err)
		case errors.As(err, &se):
			e.Line = se.Line
			e.Err = fmt.Errorf("%w: %v", ErrFormat, err)
		case errors.Is(err, ErrTooLarge):
		case errors.Is(err, io.ErrUnexpectedEOF):
			e.Err = fmt.Errorf("%w: truncated (%v)", ErrFormat, err)
		default:
			e.Err = fmt.Errorf("%w: %v", ErrFormat, err)
		}
		return nil, e
	}
	if !g.sawRoot {
		return nil, b.errAfter(fmt.Errorf("%w: no <osm> element", ErrFormat))
	}
	return b.finish()
}

// xmlGuard bounds what encoding/xml can be made to hold: a run of more than maxRun bytes
// without a '>' (one huge tag, attribute or text) and nesting deeper than maxXMLDepth are
// errors. It follows the markup approximately — a '<' inside a comment counts as an element —
// which can only make it stricter.
type xmlGuard struct {
	r       io.Reader
	maxRun  int
	run     int
	depth   int
	prev    byte
	open    bool // just after '<'
	sawRoot bool
	err     error
}

func (g *xmlGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for _, c := range p[:n] {
		if g.open {
			g.open = false
			switch c {
			case '/':
				g.depth--
			case '?', '!':
			default:
				g.depth++
				g.sawRoot = true
				if g.depth > maxXMLDepth {
					g.err = fmt.Errorf("%w: XML nested deeper than %d elements", ErrTooLarge, maxXMLDepth)
					return 0, g.err
				}
			}
		}
		switch c {
		case '<':
			g.open = true
		case '>':
			if g.prev == '/' {
				g.depth--
			}
			if g.depth < 0 {
				g.depth = 0
			}
			g.run = -1
		}
		g.run++
		if g.run > g.maxRun {
			g.err = fmt.Errorf("%w: more than %d bytes without a '>'", ErrTooLarge, g.maxRun)
			return 0, g.err
		}
		g.prev = c
	}
	return n, err
}
