package survey

import "slices"

// Grouping a million part and owner IDs with a Go map costs two or three cache misses per
// lookup (the control word, the slot, the key's bytes), which is most of a tally's time. These
// helpers instead hash every ID once and order the (hash, index) pairs so that equal hashes
// are adjacent, reading and writing memory in streams. Equal hashes are then confirmed by
// comparing the strings, so a hash collision never merges two IDs.

// hkey is a 64-bit hash of an ID and the index of the record it came from; a is a payload
// that fills the struct's padding (grouping owners carries each part's area in it).
type hkey struct {
	h uint64
	i int32
	a int32
}

func cmpHkey(a, b hkey) int {
	switch {
	case a.h < b.h:
		return -1
	case a.h > b.h:
		return 1
	}
	return int(a.i - b.i)
}

// sortHkeys orders a by (h, i), using tmp (len ≥ len(a)) as scratch. a must be in increasing
// i on entry (it is built in input order), which makes the radix passes, being stable, leave
// equal hashes in increasing i. Small inputs use a comparison sort; large ones two 11-bit
// radix passes on the top 22 bits of the hash, then a comparison sort of each run sharing
// those bits (about one element in four shares them with another at a million keys).
func sortHkeys(a, tmp []hkey) {
	if len(a) < 256 {
		slices.SortFunc(a, cmpHkey)
		return
	}
	const bitsPerPass = 11
	const buckets = 1 << bitsPerPass
	var count [2][buckets]int
	for _, x := range a {
		count[0][(x.h>>42)&(buckets-1)]++
		count[1][x.h>>53]++
	}
	src, dst := a, tmp[:len(a)]
	for pass, shift := range []uint{42, 53} {
		c := &count[pass]
		sum := 0
		for d := range c {
			n := c[d]
			c[d] = sum
			sum += n
		}
		for _, x := range src {
			d := (x.h >> shift) & (buckets - 1)
			dst[c[d]] = x
			c[d]++
		}
		src, dst = dst, src
	}
	// Two passes: the result is back in a.
	for lo := 0; lo < len(a); {
		top := a[lo].h >> 42
		hi := lo + 1
		for hi < len(a) && a[hi].h>>42 == top {
			hi++
		}
		if hi-lo > 1 {
			slices.SortFunc(a[lo:hi], cmpHkey)
		}
		lo = hi
	}
}

// sortAreasDesc sorts areas (all ≥ 0) from largest to smallest, with radix passes as
// radixDesc does.
func sortAreasDesc(a []Area) {
	if len(a) < 256 {
		slices.SortFunc(a, func(x, y Area) int {
			switch {
			case x > y:
				return -1
			case x < y:
				return 1
			}
			return 0
		})
		return
	}
	var count [8][256]int
	for _, x := range a {
		for b := range 8 {
			count[b][byte(uint64(x)>>(8*b))]++
		}
	}
	src, dst := a, make([]Area, len(a))
	for b := range 8 {
		c := &count[b]
		if c[byte(uint64(src[0])>>(8*b))] == len(src) {
			continue // every area has the same byte here
		}
		sum := 0 // descending: the largest digit first
		for d := 255; d >= 0; d-- {
			n := c[d]
			c[d] = sum
			sum += n
		}
		for _, x := range src {
			d := byte(uint64(x) >> (8 * b))
			dst[c[d]] = x
			c[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// radixDesc sorts a by h from largest to smallest, stably, with byte-wise radix passes that
// skip the bytes all keys share (areas fit in three bytes, so three passes), using tmp (len ≥
// len(a)) as scratch.
func radixDesc(a, tmp []hkey) {
	var count [8][256]int
	for _, x := range a {
		for b := range 8 {
			count[b][byte(x.h>>(8*b))]++
		}
	}
	src, dst := a, tmp[:len(a)]
	for b := range 8 {
		c := &count[b]
		if len(src) == 0 || c[byte(src[0].h>>(8*b))] == len(src) {
			continue // every key has the same byte here
		}
		sum := 0 // descending: the largest digit first
		for d := 255; d >= 0; d-- {
			n := c[d]
			c[d] = sum
			sum += n
		}
		for _, x := range src {
			d := byte(x.h >> (8 * b))
			dst[c[d]] = x
			c[d]++
		}
		src, dst = dst, src
	}
	if len(a) > 0 && &src[0] != &a[0] {
		copy(a, src)
	}
}
