package table

import "unicode/utf8"

// Nearest returns the candidate closest to name by edit distance over characters (after
// NormaliseHeader), for a "did you mean" hint: "建成年代" finds "建成年份", "居住状况" finds
// "居住情况". It returns "" when no candidate is close: more than one edit away for names of up
// to three characters, more than two for longer ones, or as far as the name is long. Ties go
// to the earlier candidate.
func Nearest(name string, candidates []string) string {
	n := NormaliseHeader(name)
	size := utf8.RuneCountInString(n)
	limit := 1
	if size >= 4 {
		limit = 2
	}
	if limit >= size {
		limit = size - 1
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := editDistance(n, NormaliseHeader(c), bestD); d < bestD && d > 0 {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in characters, or any number of at
// least max once it is certain to reach max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
