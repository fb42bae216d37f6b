package network

import (
	"cmp"
	"math/bits"
	"slices"
)

// rankIDs numbers the distinct values of ids densely in increasing order: rank[i] is the
// number of distinct values below ids[i], and distinct lists them ascending. It sorts rather
// than hashes: a hash map of a million OSM node ids cost a quarter of Build, and real ids are
// too sparse to index directly.
func rankIDs(ids []int64) (rank []int32, distinct []int64) {
	rank = make([]int32, len(ids))
	if len(ids) == 0 {
		return rank, nil
	}
	lo, hi := slices.Min(ids), slices.Max(ids)
	keyBits := bits.Len64(uint64(hi) - uint64(lo))
	idxBits := bits.Len(uint(len(ids) - 1))
	if keyBits+idxBits > 64 {
		return rankBySort(ids)
	}
	// Each value's offset from lo above its index in one word, radix-sorted on the offset.
	packed := make([]uint64, len(ids))
	for i, id := range ids {
		packed[i] = (uint64(id)-uint64(lo))<<idxBits | uint64(i)
	}
	packed = radixSort(packed, make([]uint64, len(ids)), uint(idxBits), uint(keyBits))
	mask := uint64(1)<<idxBits - 1
	r := int32(-1)
	prev := ^uint64(0)
	for _, p := range packed {
		if key := p >> idxBits; key != prev || r < 0 {
			r++
			prev = key
			distinct = append(distinct, int64(key+uint64(lo)))
		}
		rank[p&mask] = r
	}
	return rank, distinct
}

// rankBySort is rankIDs for values spread too widely to pack with their index in a word.
func rankBySort(ids []int64) (rank []int32, distinct []int64) {
	refs := make([]idRef, len(ids))
	for i, id := range ids {
		refs[i] = idRef{id, int32(i)}
	}
	slices.SortFunc(refs, func(a, b idRef) int { return cmp.Compare(a.id, b.id) })
	rank = make([]int32, len(ids))
	for k, ref := range refs {
		if k == 0 || ref.id != refs[k-1].id {
			distinct = append(distinct, ref.id)
		}
		rank[ref.ref] = int32(len(distinct) - 1)
	}
	return rank, distinct
}

// radixSort sorts a by the n bits from bit shift up (the bits above them must be zero),
// least significant digit first, using buf (as long as a) as scratch. It returns the sorted
// slice, which is a or buf.
func radixSort(a, buf []uint64, shift, n uint) []uint64 {
	const digit = 11
	const mask = 1<<digit - 1
	var count [1 << digit]int
	for s := shift; s < shift+n; s += digit {
		clear(count[:])
		for _, v := range a {
			count[(v>>s)&mask]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, v := range a {
			d := (v >> s) & mask
			buf[count[d]] = v
			count[d]++
		}
		a, buf = buf, a
	}
	return a
}
