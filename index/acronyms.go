package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxAcronyms bounds the acronyms an index keeps: a big timeline names
// many organizations, and a question needs only the ones it types.
const maxAcronyms = 100_000

// loadAcronyms keeps, for each run of two or more capitalized words in
// the titles and texts ("Republican National Convention", "Department of
// Justice"), the acronym it would have (rnc, doj), so that a question
// that types the acronym finds the name.
func (ix *Index) loadAcronyms() {
	ix.acronyms = map[string]string{}
	for _, e := range ix.timeline.Events {
		for _, text := range []string{e.Title, e.Text} {
			for _, run := range capitalizedRuns(text) {
				if len(ix.acronyms) >= maxAcronyms {
					return
				}
				for _, key := range acronymsOf(run) {
					// Two letters are the initials of too many names
					// to stand for one.
					if _, ok := ix.acronyms[key]; !ok && len(key) >= 3 {
						ix.acronyms[key] = strings.Join(run, " ")
					}
				}
			}
		}
	}
}

// acronymConnectors may stand inside a name without a capital: "Department
// of Justice".
var acronymConnectors = map[string]bool{"of": true, "and": true, "for": true, "the": true, "on": true}

// capitalizedRuns are the runs of capitalized words in text, connectors
// inside them included, of at least two capitalized words.
func capitalizedRuns(text string) [][]string {
	var runs [][]string
	var run []string
	caps := 0
	flush := func() {
		for len(run) > 0 && acronymConnectors[run[len(run)-1]] {
			run = run[:len(run)-1]
		}
		// "The" opening a sentence or a name is not part of the acronym.
		if len(run) > 0 && acronymConnectors[strings.ToLower(run[0])] {
			run, caps = run[1:], caps-1
		}
		if caps >= 2 {
			runs = append(runs, run)
		}
		run, caps = nil, 0
	}
	for w := range strings.FieldsSeq(text) {
		end := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		word := w
		if end >= 0 {
			word = w[:end]
		}
		first, _ := utf8.DecodeRuneInString(word)
		switch {
		case word != "" && unicode.IsUpper(first):
			run = append(run, word)
			caps++
		case len(run) > 0 && acronymConnectors[word] && end < 0:
			run = append(run, word)
			continue
		default:
			flush()
			continue
		}
		if end >= 0 && end < len(w) {
			flush() // punctuation ends the name
		}
	}
	flush()
	return runs
}

// acronymsOf are a name's acronyms, lower case: of its capitalized words,
// and of all its words ("doj" and "dj" for Department of Justice).
func acronymsOf(run []string) []string {
	var caps, all strings.Builder
	for _, w := range run {
		r := []rune(w)[0]
		all.WriteRune(unicode.ToLower(r))
		if unicode.IsUpper(r) {
			caps.WriteRune(unicode.ToLower(r))
		}
	}
	if caps.String() == all.String() {
		return []string{caps.String()}
	}
	return []string{all.String(), caps.String()}
}
