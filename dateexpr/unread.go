package dateexpr

import (
	"fmt"
	"strings"
	"unicode"
)

// movable are holidays whose date moves from year to year: a question
// may name one, and the scanner cannot say when it fell.
var movable = map[string]bool{
	"easter": true, "thanksgiving": true, "passover": true, "hanukkah": true, "chanukah": true, "ramadan": true,
	"diwali": true, "pentecost": true, "mardi": true, "yom": true,
}

// monthNames are the full month names, for spotting one mistyped.
var monthNames = []string{"january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"}

// Unread says why a text holds a date the reader could not read, or ""
// if it holds none: a month name mistyped next to a number ("Febuary
// 2017": did you mean February?), or a holiday whose date moves from
// year to year ("Easter 2016"). A question with such words must not be
// answered as if they were keywords.
//
// word is the word at fault, for the caller to check against what it
// knows: "Augusta 2020" is a city, not a mistyped month, if the timeline
// names it.
func (r Reader) Unread(text string) (word, why string) {
	s := &scanner{r: r, text: text, toks: tokenize(text)}
	for i, t := range s.toks {
		w := s.word(i)
		numberNear := s.isNumber(i-1) || s.isNumber(i+1) || s.isNumber(i+2) && s.is(i+1, ",")
		if movable[w] && numberNear {
			return t.text, fmt.Sprintf("%q moves from year to year, so I can't tell its date; give the day instead", t.text)
		}
		if _, ok := months[w]; ok || len(w) < 5 || !isWord(w) || !numberNear {
			continue
		}
		for _, m := range monthNames {
			if oneEdit(w, m) {
				return t.text, fmt.Sprintf("I couldn't read %q as a month: did you mean %s?", t.text, strings.ToUpper(m[:1])+m[1:])
			}
		}
	}
	return "", ""
}

func (s *scanner) isNumber(i int) bool { return allDigits(s.word(i)) }

func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// oneEdit reports whether a becomes b by one inserted, deleted, changed
// or swapped letter.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) == len(rb) {
		diff := []int{}
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
			}
		}
		return len(diff) == 1 || len(diff) == 2 && diff[1] == diff[0]+1 && ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]]
	}
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) != 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	return string(ra[i:]) == string(rb[i+1:])
}
