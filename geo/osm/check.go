package osm

import "fmt"

// blockFault is a fault checkBlock found, in an element where known.
func blockFault(t ElementType, id int64, format string, a ...any) *blockError {
	return &blockError{element: t, id: id, err: fmt.Errorf("%w: "+format, append([]any{ErrFormat}, a...)...)}
}

// checkBlock checks an inflated PrimitiveBlock before paulmach/osm's decoder reads it: every
// string index within the string table, parallel arrays of equal length, wire types as the
// format defines them, no plain (non-dense) nodes, which that decoder does not read. It
// returns the block's cost in elements (entities, references, members and tags).
func checkBlock(data []byte) (int, *blockError) {
	strings := -1
	var groups [][]byte
	w := wire{b: data}
	for f, t, ok := w.next(); ok; f, t, ok = w.next() {
		switch f {
		case 1:
			if !w.want(f, t, 2) {
				break
			}
			if strings >= 0 {
				return 0, blockFault("", 0, "string table given twice")
			}
			st, _ := w.bytes()
			strings = 0
			sw := wire{b: st}
			for sf, stt, ok := sw.next(); ok; sf, stt, ok = sw.next() {
				if sf == 1 && sw.want(sf, stt, 2) {
					sw.bytes()
					strings++
				} else {
					sw.skip(stt)
				}
			}
			if sw.err != nil {
				return 0, blockFault("", 0, "string table: %v", sw.err)
			}
		case 2:
			if w.want(f, t, 2) {
				g, _ := w.bytes()
				groups = append(groups, g)
			}
		case 17, 18, 19, 20:
			if w.want(f, t, 0) {
				w.varint()
			}
		default:
			w.skip(t)
		}
	}
	if w.err != nil {
		return 0, blockFault("", 0, "block: %v", w.err)
	}
	if strings < 0 {
		strings = 0
	}
	c := &checker{strings: strings}
	for _, g := range groups {
		if err := c.group(g); err != nil {
			return 0, err
		}
	}
	return c.cost, nil
}

type checker struct {
	strings int
	cost    int
}

func (c *checker) group(data []byte) *blockError {
	w := wire{b: data}
	for f, t, ok := w.next(); ok; f, t, ok = w.next() {
		var m []byte
		if f >= 1 && f <= 4 {
			if !w.want(f, t, 2) {
				break
			}
			m, _ = w.bytes()
		}
		var err *blockError
		switch f {
		case 1:
			return blockFault("", 0, "plain (non-dense) nodes, which the decoder does not read; write the file with dense nodes (osmium does)")
		case 2:
			err = c.dense(m)
		case 3:
			err = c.way(m)
		case 4:
			err = c.relation(m)
		default:
			w.skip(t)
		}
		if err != nil {
			return err
		}
	}
	if w.err != nil {
		return blockFault("", 0, "primitive group: %v", w.err)
	}
	return nil
}

// strIndex checks that every value of p is a string index.
func (c *checker) strIndex(p packed, signed, delta bool) bool {
	var sum int64
	return p.each(signed, func(v int64) bool {
		if delta {
			sum += v
			v = sum
		}
		return v >= 0 && v < int64(c.strings)
	})
}

// info checks an Info message; the user's name is a string index.
func (c *checker) info(m []byte) error {
	w := wire{b: m}
	for f, t, ok := w.next(); ok; f, t, ok = w.next() {
		switch f {
		case 1, 2, 3, 4, 5, 6:
			if !w.want(f, t, 0) {
				break
			}
			v, _ := w.varint()
			if f == 5 && v >= uint64(c.strings) {
				return fmt.Errorf("user string %d of %d", v, c.strings)
			}
		default:
			w.skip(t)
		}
	}
	return w.err
}

// element reads the fields a way or relation shares: id (1), keys (2), vals (3), info (4);
// others go to more.
func (c *checker) element(t ElementType, m []byte, more func(w *wire, f, typ int)) (int64, packed, packed, *blockError) {
	var id int64
	var keys, vals packed
	var infoErr error
	w := wire{b: m}
	for f, typ, ok := w.next(); ok; f, typ, ok = w.next() {
		switch f {
		case 1:
			if w.want(f, typ, 0) {
				v, _ := w.varint()
				id = int64(v)
			}
		case 2:
			w.readPacked(f, typ, &keys)
		case 3:
			w.readPacked(f, typ, &vals)
		case 4:
			if w.want(f, typ, 2) {
				b, _ := w.bytes()
				infoErr = c.info(b)
			}
		default:
			more(&w, f, typ)
		}
	}
	switch {
	case w.err != nil:
		return id, keys, vals, blockFault(t, id, "%v", w.err)
	case infoErr != nil:
		return id, keys, vals, blockFault(t, id, "info: %v", infoErr)
	case keys.n != vals.n:
		return id, keys, vals, blockFault(t, id, "%d keys but %d values", keys.n, vals.n)
	case !c.strIndex(keys, false, false) || !c.strIndex(vals, false, false):
		return id, keys, vals, blockFault(t, id, "tag string out of the table's %d", c.strings)
	}
	c.cost += 1 + keys.n
	return id, keys, vals, nil
}

func (c *checker) way(m []byte) *blockError {
	var refs, lats, lons packed
	id, _, _, err := c.element(TypeWay, m, func(w *wire, f, typ int) {
		switch f {
		case 8:
			w.readPacked(f, typ, &refs)
		case 9:
			w.readPacked(f, typ, &lats)
		case 10:
			w.readPacked(f, typ, &lons)
		default:
			w.skip(typ)
		}
	})
	if err != nil {
		return err
	}
	if (lats.set && lats.n != refs.n) || (lons.set && lons.n != refs.n) {
		return blockFault(TypeWay, id, "%d node references but %d latitudes and %d longitudes", refs.n, lats.n, lons.n)
	}
	c.cost += refs.n
	return nil
}

func (c *checker) relation(m []byte) *blockError {
	var roles, ids, types packed
	id, _, _, err := c.element(TypeRelation, m, func(w *wire, f, typ int) {
		switch f {
		case 8:
			w.readPacked(f, typ, &roles)
		case 9:
			w.readPacked(f, typ, &ids)
		case 10:
			w.readPacked(f, typ, &types)
		default:
			w.skip(typ)
		}
	})
	if err != nil {
		return err
	}
	switch {
	case roles.n != ids.n || ids.n != types.n:
		return blockFault(TypeRelation, id, "%d roles, %d member ids and %d member types", roles.n, ids.n, types.n)
	case !c.strIndex(roles, false, false):
		return blockFault(TypeRelation, id, "role string out of the table's %d", c.strings)
	case !types.each(false, func(v int64) bool { return v >= 0 && v <= 2 }):
		return blockFault(TypeRelation, id, "member type not node, way or relation")
	}
	c.cost += ids.n
	return nil
}

// dense checks a DenseNodes message. Errors name the node by its ID where the IDs are read.
func (c *checker) dense(m []byte) *blockError {
	var ids, lats, lons, kv packed
	var info [7]packed
	w := wire{b: m}
	for f, t, ok := w.next(); ok; f, t, ok = w.next() {
		switch f {
		case 1:
			w.readPacked(f, t, &ids)
		case 5:
			if !w.want(f, t, 2) {
				break
			}
			b, _ := w.bytes()
			iw := wire{b: b}
			for inf, it, ok := iw.next(); ok; inf, it, ok = iw.next() {
				if inf >= 1 && inf <= 6 {
					iw.readPacked(inf, it, &info[inf])
				} else {
					iw.skip(it)
				}
			}
			if iw.err != nil {
				return blockFault("", 0, "dense info: %v", iw.err)
			}
		case 8:
			w.readPacked(f, t, &lats)
		case 9:
			w.readPacked(f, t, &lons)
		case 10:
			w.readPacked(f, t, &kv)
		default:
			w.skip(t)
		}
	}
	if w.err != nil {
		return blockFault("", 0, "dense nodes: %v", w.err)
	}
	n := ids.n
	// nodeID returns the ID of the i-th node (0-based), for messages.
	nodeID := func(i int) int64 {
		var id int64
		k := 0
		ids.each(true, func(v int64) bool {
			id += v
			k++
			return k <= i
		})
		return id
	}
	if lats.n != n || lons.n != n {
		return blockFault("", 0, "dense nodes: %d ids, %d latitudes, %d longitudes", n, lats.n, lons.n)
	}
	for i := 1; i <= 6; i++ {
		if info[i].set && info[i].n != n {
			return blockFault("", 0, "dense nodes: %d ids but %d values of info field %d", n, info[i].n, i)
		}
	}
	if info[5].set {
		var sum int64
		k := 0
		bad := -1
		info[5].each(true, func(v int64) bool {
			sum += v
			if sum < 0 || sum >= int64(c.strings) {
				bad = k
				return false
			}
			k++
			return true
		})
		if bad >= 0 {
			return blockFault(TypeNode, nodeID(bad), "user string out of the table's %d", c.strings)
		}
	}
	if kv.set {
		node, half, tags := 0, 0, 0
		bad := -1
		kv.each(false, func(v int64) bool {
			if node >= n {
				bad = node
				return false
			}
			if half == 0 && v == 0 {
				node++
				return true
			}
			if v < 0 || v >= int64(c.strings) {
				bad = node
				return false
			}
			half ^= 1
			if half == 0 {
				tags++
			}
			return true
		})
		switch {
		case bad >= 0 && bad < n:
			return blockFault(TypeNode, nodeID(bad), "tag string out of the table's %d", c.strings)
		case bad >= 0:
			return blockFault("", 0, "dense nodes: tags for more than the %d nodes", n)
		case half != 0 || node != n:
			return blockFault("", 0, "dense nodes: tags for %d of %d nodes", node, n)
		}
		c.cost += tags
	}
	c.cost += n
	return nil
}
