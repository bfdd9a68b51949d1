package index

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// How well a word of the query is matched by a word of an event: as
// typed, in another form of it (the verb a noun is made from), or as a
// paraphrase, it is the same information; with a slip, or as the start of
// a longer word ("office" of "official"), it may be another word.
const (
	exactQuality = 1.0
	nearQuality  = 0.5
)

// rank orders hits by how much of the query's information each matches,
// best first: the sum, over the query's concepts the event matches, of the
// concept's inverse document frequency times how well it matched. A name
// or a rare word counts for far more than a word most events share; an
// event with the rare word and one common word outranks one with two
// common words. bleve's score, which weighs titles and phrases, orders
// events that match the same information.
func (ix *Index) rank(hits []Hit, cs []concept) {
	weights := make([]float64, len(cs))
	for i, c := range cs {
		weights[i] = ix.idf(c)
	}
	for i := range hits {
		info, unmatched := ix.information(hits[i], cs, weights)
		// Rounded, so sums that differ only by floating-point error are
		// equal and the order between them is bleve's.
		hits[i].Information, hits[i].Unmatched = math.Round(info*1e6)/1e6, unmatched
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Information, a.Information); c != 0 {
			return c
		}
		return cmp.Compare(b.Score, a.Score)
	})
	// The score a ranked hit reports is what it was ranked by, so scores
	// fall in the order of the hits; bleve's own only broke ties.
	for i := range hits {
		hits[i].Score = hits[i].Information
	}
}

// idf is what matching a concept tells: ln(1 + (N - n + 0.5) / (n + 0.5))
// as in BM25, where n is the number of events with the concept as typed,
// or, for a word the timeline does not use, with its rarest paraphrase.
func (ix *Index) idf(c concept) float64 {
	n := 0
	for _, t := range c.tokens {
		n = max(n, ix.vocabulary[t])
	}
	if n == 0 {
		for _, alt := range c.alternatives {
			for _, t := range alt.tokens {
				if df := ix.vocabulary[t]; df > 0 && (n == 0 || df < n) {
					n = df
				}
			}
		}
	}
	n = max(n, 1)
	total := float64(ix.Len())
	return math.Log(1 + (total-float64(n)+0.5)/(float64(n)+0.5))
}

// titleWeight is how much more a concept matched in an event's title
// tells than one matched in its text only: the title says what the event
// is, the text also what surrounds it.
const titleWeight = 1.5

// information is the weighted sum of the concepts a hit matches, and
// the number it does not match.
func (ix *Index) information(h Hit, cs []concept, weights []float64) (sum float64, unmatched int) {
	for i, c := range cs {
		best := 0.0
		for _, term := range h.terms {
			best = max(best, c.quality(term))
		}
		for _, term := range h.titleTerms {
			best = max(best, titleWeight*c.quality(term))
		}
		sum += weights[i] * best
		if best == 0 {
			unmatched++
		}
	}
	return sum, unmatched
}

// quality is how well an event's word matches the concept, 0 for not at
// all.
func (c concept) quality(term string) float64 {
	if slices.Contains(c.tokens, term) {
		return exactQuality
	}
	near := nearQuality
	if c.absent {
		// The timeline lacks the word as typed: its nearest words are
		// what was meant ("Yacarino" for "Yaccarino").
		near = exactQuality
	}
	if slices.Contains(c.corrections, term) {
		return near
	}
	if slices.Contains(c.rest, term) {
		// "Neil" for Armstrong: likely the person, but the story may have
		// another Neil.
		return nearQuality
	}
	for _, alt := range c.alternatives {
		if slices.Contains(alt.tokens, term) {
			return exactQuality
		}
	}
	for _, t := range c.tokens {
		if root := derivedRoot(t); root != "" && strings.HasPrefix(term, root) {
			return exactQuality
		}
	}
	for _, t := range c.tokens {
		if nearForm(t, term) {
			return near
		}
	}
	return 0
}

// WithinOneEdit reports whether a becomes b by at most one inserted,
// deleted or changed character.
func WithinOneEdit(a, b string) bool {
	if isASCII(a) && isASCII(b) {
		return withinOneEdit([]byte(a), []byte(b))
	}
	return withinOneEdit([]rune(a), []rune(b))
}

// withinOneEdit is WithinOneEdit over the bytes of ASCII text, which
// need no decoding, or over runes.
func withinOneEdit[T byte | rune](ra, rb []T) bool {
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return i == len(ra) || slices.Equal(ra[i+1:], rb[i+1:])
	}
	return slices.Equal(ra[i:], rb[i+1:])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
