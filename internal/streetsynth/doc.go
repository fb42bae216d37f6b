// Package streetsynth generates a seeded synthetic street network at any scale, shaped like
// an OpenStreetMap walk graph of a Chinese city: a jittered grid of junctions about 60 m
// apart (or spaced to cover a given bound, GenerateIn), streets cut into ways of 16 blocks,
// one street segment in a hundred missing, shape nodes on one block in nine or so (a bend of
// a sixth of the spacing), 2 % of the ways private compound roads, and facilities of 8 kinds at random junctions, rarer kind by kind. At n nodes it has
// about 0.9 n junctions and 3.8 n directed segments. The same seed and size give the same
// network. It is test and benchmark data for geo/network and bench/, nothing more.
package streetsynth
