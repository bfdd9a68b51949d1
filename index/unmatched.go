package index

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Presence is how a word of a query is found in the timeline.
type Presence int

const (
	// Absent: nothing in the timeline matches the word in any way.
	Absent Presence = iota
	// Slipped: only a word one slip away, or a longer word it begins,
	// matches: the word may be mistyped, or another word.
	Slipped
	// Present: the word is there as typed, in another form of it, or as
	// a paraphrase.
	Present
)

// Word is a word of a query, as typed, and how the timeline has it.
type Word struct {
	Typed    string
	Presence Presence
	// Short is set when the word, as analyzed, is short enough that a
	// slip of it is as likely another word ("leave", "lead").
	Short bool
}

// Words says, for each word of a query as a search reads it (a name or a
// thesaurus phrase counting as one), how the timeline has it. A question
// that depends on an absent word is one the timeline cannot answer.
func (ix *Index) Words(words string) []Word {
	var out []Word
	for _, c := range ix.concepts(queryText(words)) {
		short := len(c.tokens) == 1 && utf8.RuneCountInString(c.tokens[0]) < minFuzzyLength
		out = append(out, Word{Typed: c.typed, Presence: ix.presence(c), Short: short})
	}
	return out
}

func (ix *Index) presence(c concept) Presence {
	for _, t := range c.tokens {
		if ix.vocabulary[t] > 0 {
			return Present
		}
	}
	for _, alt := range c.alternatives {
		all := len(alt.tokens) > 0
		for _, t := range alt.tokens {
			all = all && ix.vocabulary[t] > 0
		}
		if all {
			return Present
		}
	}
	switch {
	case c.derived:
		return Present
	case len(c.corrections) > 0 || c.near:
		return Slipped
	}
	return Absent
}

// nearForm reports whether an indexed term matches a query token the way
// wordForms searches it with a slip (slipOf), or as the start of a
// longer word.
func nearForm(t, term string) bool {
	return slipOf(t, term) || utf8.RuneCountInString(t) >= minPrefixLength && strings.HasPrefix(term, t)
}

// slipOf reports whether term is what t may be a slip of: one edit or
// two neighbouring letters swapped away, for a word of five letters or
// more, or of four that keeps its first two ("Musc" is "Musk", not
// "Muse" or "Bush"); a shorter word has too many neighbours.
func slipOf(t, term string) bool {
	n := utf8.RuneCountInString(t)
	if n < minFuzzyLength-1 || !WithinOneEdit(t, term) && !swapped(t, term) {
		return false
	}
	return n >= minFuzzyLength || strings.HasPrefix(term, t[:2])
}

// lookAround fills in, for a concept the timeline lacks as typed, what it
// has near it, by the vocabulary's lookups: the corrections of a
// single word (two letters swapped, "Agarwal" for "Agrawal"; an
// abbreviation typed without its dots, "DC" for "D.C."), whether a word
// derived from the same root is there (derived: "merges" for "merger"),
// and whether one a slip away is (near).
func (ix *Index) lookAround(c *concept) {
	single := len(c.tokens) == 1 && c.phrase == ""
	if single {
		t := c.tokens[0]
		if n := len(t); n >= 2 && n <= 5 && isASCIILetters(t) {
			dotted := strings.Join(strings.Split(t, ""), ".")
			if ix.vocabulary[dotted] > 0 {
				c.corrections = append(c.corrections, dotted)
			}
		}
	}
	for _, t := range c.tokens {
		if single && utf8.RuneCountInString(t) >= minFuzzyLength {
			c.corrections = append(c.corrections, ix.swaps(t)...)
		}
		if root := derivedRoot(t); root != "" && (ix.vocabulary[root] > 0 || len(ix.beginning(root)) > 0) {
			c.derived = true
		}
		// nearForm, by the lookups wordForms searches with.
		if len(ix.slips(t)) > 0 || utf8.RuneCountInString(t) >= minPrefixLength && len(ix.beginning(t)) > 0 {
			c.near = true
		}
	}
}

// swaps are the timeline's words that are t with two neighbouring
// letters swapped (swapped).
func (ix *Index) swaps(t string) []string {
	var out []string
	b := []byte(t)
	for i := 0; i+1 < len(b); i++ {
		b[i], b[i+1] = b[i+1], b[i]
		if w := string(b); w != t && ix.vocabulary[w] > 0 && !slices.Contains(out, w) {
			out = append(out, w)
		}
		b[i], b[i+1] = b[i+1], b[i]
	}
	return out
}

// swapped reports whether b is a with two neighbouring letters swapped.
func swapped(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
