package dateexpr

import (
	"strings"
	"time"
)

// Seasons are the northern meteorological ones, whole months: spring is
// March to May, summer June to August, fall (autumn) September to
// November, and winter December to February. "Winter 2016" starts in
// December 2016 and runs into 2017, as the meteorological season of a year
// is named by the year its December falls in.
var seasons = map[string]time.Month{
	"spring": time.March, "summer": time.June, "fall": time.September, "autumn": time.September, "winter": time.December,
}

// season reads "summer 2017", "the fall of 2016", "autumn, 2016" and a
// season alone ("in the summer") at token i.
func (s *scanner) season(i int) (written, bool) {
	k := i
	if s.word(k) == "the" {
		k++
	}
	first, ok := seasons[s.word(k)]
	if !ok {
		return written{}, false
	}
	j := k + 1
	if s.word(j) == "of" || s.is(j, ",") {
		j++
	}
	w := written{month: first, months: 3, start: s.toks[i].start}
	if y, last, ok := s.yearAt(j); ok {
		w.year, w.end, w.next = y, s.toks[last].end, last+1
		return w, true
	}
	// A season with no year stands for that season of every year, but
	// only where a word introduces it: "in the summer", not "summer camp",
	// and not "during the fall of Rome".
	if !introducers[s.word(i-1)] && !s.whole || s.word(k+1) == "of" {
		return written{}, false
	}
	w.end, w.next, w.lone = s.toks[k].end, k+1, true
	return w, true
}

// quarterCode reads "Q3 2016", "q1 of 2017", "H2 2016", and "2016 Q3",
// at token i.
func (s *scanner) quarterCode(i int) (written, bool) {
	code := func(w string) (time.Month, int, bool) {
		if len(w) != 2 || w[1] < '1' || w[1] > '4' {
			return 0, 0, false
		}
		n := int(w[1] - '0')
		switch w[0] {
		case 'q':
			return time.Month(3*(n-1) + 1), 3, true
		case 'h':
			if n <= 2 {
				return time.Month(6*(n-1) + 1), 6, true
			}
		}
		return 0, 0, false
	}
	if first, months, ok := code(s.word(i)); ok {
		j := i + 1
		if s.word(j) == "of" || s.is(j, "-") || s.is(j, ",") {
			j++
		}
		if y, last, ok := s.yearAt(j); ok {
			return written{year: y, month: first, months: months, start: s.toks[i].start, end: s.toks[last].end, next: last + 1}, true
		}
		return written{}, false
	}
	if y, ok := s.year(i); ok {
		j := i + 1
		if s.is(j, "-") {
			j++
		}
		if first, months, ok := code(s.word(j)); ok {
			return written{year: y, month: first, months: months, start: s.toks[i].start, end: s.toks[j].end, next: j + 1}, true
		}
	}
	return written{}, false
}

// holidays are the holidays with a fixed date, as words after
// lowercasing, with apostrophes and their "s" dropped ("New Year's Day" is
// "new year day"). Holidays that move (Easter, Thanksgiving) are not here:
// their date depends on the year in ways a table cannot say.
var holidays = []struct {
	words []string
	month time.Month
	day   int
}{
	{[]string{"new", "year", "day"}, time.January, 1},
	{[]string{"new", "year", "eve"}, time.December, 31},
	{[]string{"valentine", "day"}, time.February, 14},
	{[]string{"st", ".", "patrick", "day"}, time.March, 17},
	{[]string{"saint", "patrick", "day"}, time.March, 17},
	{[]string{"st", "patrick", "day"}, time.March, 17},
	{[]string{"independence", "day"}, time.July, 4},
	{[]string{"halloween"}, time.October, 31},
	{[]string{"veterans", "day"}, time.November, 11},
	{[]string{"christmas", "eve"}, time.December, 24},
	{[]string{"christmas", "day"}, time.December, 25},
	{[]string{"christmas"}, time.December, 25},
	{[]string{"boxing", "day"}, time.December, 26},
}

// holidayIntroducers, beside introducers, put a holiday in time: "at
// Christmas", "over New Year's Eve".
var holidayIntroducers = map[string]bool{"at": true, "over": true, "for": true}

// holidayStarts are the first words of the holidays, for a quick "no".
var holidayStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, h := range holidays {
		m[h.words[0]] = true
	}
	return m
}()

// holiday reads a fixed-date holiday at token i, with the year that may
// follow it ("New Year's Day 2017", "Christmas of 2016", "Halloween").
func (s *scanner) holiday(i int) (written, bool) {
	start := i
	if s.word(i) == "the" {
		i++
	}
	if w := s.word(i); !holidayStarts[w] && !holidayStarts[strings.TrimSuffix(w, "s")] {
		return written{}, false
	}
	for _, h := range holidays {
		j := i
		matched := true
		for _, want := range h.words {
			// "New Year's": the apostrophe and its s are not words.
			for s.word(j) == "'" || s.word(j) == "’" || s.word(j) == "s" && j > i && (s.word(j-1) == "'" || s.word(j-1) == "’") {
				j++
			}
			if w := s.word(j); w != want && strings.TrimSuffix(w, "s") != want {
				matched = false
				break
			}
			j++
		}
		if !matched {
			continue
		}
		w := written{month: h.month, day: h.day, start: s.toks[start].start, end: s.toks[j-1].end}
		k := j
		if s.word(k) == "of" || s.is(k, ",") {
			k++
		}
		if y, last, ok := s.yearAt(k); ok {
			w.year, w.end, j = y, s.toks[last].end, last+1
		} else if !s.whole && !introducers[s.word(start-1)] && !holidayIntroducers[s.word(start-1)] {
			// Without a year, a holiday is a date only where a word
			// introduces it: "on Christmas", not "the Christmas party".
			return written{}, false
		}
		w.next = j
		return w, true
	}
	return written{}, false
}

// spelled are the days of a month as ordinal words: "the tenth of
// January", "March first".
var spelled = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30,
}

var spelledTens = map[string]int{"twenty": 20, "thirty": 30}

// spelledDay reads an ordinal day written in words at token i: "tenth",
// "twenty-first", "thirty first". It returns the day and the token after.
func (s *scanner) spelledDay(i int) (int, int, bool) {
	w := s.word(i)
	if d, ok := spelled[w]; ok {
		return d, i + 1, true
	}
	tens := spelledTens[w]
	if tens == 0 {
		return 0, 0, false
	}
	j := i + 1
	if s.is(j, "-") {
		j++
	}
	d, ok := spelled[s.word(j)]
	if !ok || d > 9 || tens+d > 31 {
		return 0, 0, false
	}
	return tens + d, j + 1, true
}

// boundaryWords are what "the start of", "the end of" and the like put
// before a date when it ends a range ("from the start of March 2016 to
// the end of October 2016"): the date's own span is meant.
var boundaryWords = map[string]bool{"start": true, "beginning": true, "end": true, "close": true}

// skipBoundary skips "the start of" or "the end of" at token i, returning the
// token the date itself starts at, or i.
func (s *scanner) skipBoundary(i int) int {
	k := i
	if s.word(k) == "the" {
		k++
	}
	if boundaryWords[s.word(k)] && s.word(k+1) == "of" {
		return k + 2
	}
	return i
}

// yearAt reads a year at token j: four digits, or an apostrophe and two
// ("'16") when the reader knows the timeline's century. It returns the
// year and the last token it took.
func (s *scanner) yearAt(j int) (int, int, bool) {
	if y, ok := s.year(j); ok {
		return y, j, true
	}
	if w, ok := s.twoDigitYear(j); ok && (s.is(j, "'") || s.is(j, "’")) {
		return w.year, j + 1, true
	}
	return 0, 0, false
}

// twoDigitYear reads a year written with two digits where the text makes
// it a year: after an apostrophe ("'99"), or after a word that introduces
// a date ("in 99", "since 04") with no word after it that makes it a
// count ("in 99 days"). It needs the span of years the reader was given.
func (s *scanner) twoDigitYear(i int) (written, bool) {
	if !s.r.known() {
		return written{}, false
	}
	j := i
	if (s.is(j, "'") || s.is(j, "’")) && j+1 < len(s.toks) && s.toks[j+1].start == s.toks[j].end {
		j++
	} else if !yearIntroducers[s.word(i-1)] || isLetters(s.word(i+1)) {
		return written{}, false
	}
	w := s.word(j)
	if len(w) != 2 || !allDigits(w) {
		return written{}, false
	}
	yy := int(w[0]-'0')*10 + int(w[1]-'0')
	return written{year: s.r.century(yy), start: s.toks[i].start, end: s.toks[j].end, next: j + 1}, true
}

// yearIntroducers are the words after which a bare two-digit number is a
// year: "in 99", "since 04"; not "to", "of" or "and", after which it is
// most often a day or a count ("January 6 to 20", "5 of 10").
var yearIntroducers = map[string]bool{"in": true, "since": true, "during": true, "until": true, "till": true}

func isLetters(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) < 0
}
