package dateexpr

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Match is a date expression found in a text.
type Match struct {
	Text       string // as written
	Start, End int    // byte offsets of Text in the text searched
	Span       Span   // what it covers; zero when NoYear or Err is set
	// NoYear is set for a month or day named without a year ("in June",
	// "on June 5"): Month and DayOfMonth (0 for a month) say which, and the
	// reader decides the year.
	NoYear     bool
	Month      time.Month
	DayOfMonth int
	// LastDay ends a range of days in the month: "June 5-6" has 6.
	LastDay int
	// Months is the length of a part of a year named without one, from
	// Month: 3 for "in the summer".
	Months int
	// Err says why something written as a date is none: "Feb. 30, 2016".
	Err error
}

// In is the span of a match written without a year ("June 5-6", "in
// May") in the given year. It reports false for a day the year does not
// have (Feb. 29 outside leap years) and for a match that has a year.
func (m Match) In(year int) (Span, bool) {
	if !m.NoYear {
		return Span{}, false
	}
	if m.Months > 0 {
		start := time.Date(year, m.Month, 1, 0, 0, 0, 0, time.UTC)
		return Span{Start: start, End: start.AddDate(0, m.Months, 0), Precision: Month}, true
	}
	if m.DayOfMonth == 0 {
		return spanOf(year, m.Month, 0, Month), true
	}
	s := spanOf(year, m.Month, m.DayOfMonth, Day)
	if s.Start.Day() != m.DayOfMonth {
		return Span{}, false
	}
	if m.LastDay > m.DayOfMonth {
		s.End = s.Start.AddDate(0, 0, m.LastDay-m.DayOfMonth+1)
	}
	return s, true
}

// maxMatches bounds the dates read from one text.
const maxMatches = 20

// ErrNoYear is returned by Parse for a date with no year ("June 5").
var ErrNoYear = errors.New("no year given")

// Reader reads dates for a timeline that spans the years From to To: a
// two-digit year ("12/12/80", "in '99", "in 99") takes the century that
// puts it inside that span, or nearest to it. The zero Reader has no span:
// two-digit years are read nearest to the current year, and a bare two-
// digit number ("in 99") is not read as a year at all.
type Reader struct {
	From, To int
}

// known reports whether the reader was given a span of years.
func (r Reader) known() bool { return r.From != 0 || r.To != 0 }

// century is the four-digit year a two-digit year yy stands for.
func (r Reader) century(yy int) int {
	lo, hi := r.From, r.To
	if !r.known() {
		lo = time.Now().Year()
		hi = lo
	}
	best, bestDist := 0, -1
	for c := lo/100 - 1; c <= hi/100+1; c++ {
		y := c*100 + yy
		dist := 0
		switch {
		case y < lo:
			dist = lo - y
		case y > hi:
			dist = y - hi
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// Find returns the date expressions in text, in order, as the zero Reader
// reads them.
func Find(text string) []Match { return Reader{}.Find(text) }

// Find returns the date expressions in text, in order. Words that are
// dates only sometimes ("may", "march") count when the sentence makes them
// one ("in May", "March 2017"); a number alone is a date only as a year
// (1000-2999), as eight digits that are a date ("20170302"), or as a
// two-digit year where the sentence makes it one.
func (r Reader) Find(text string) []Match {
	s := &scanner{r: r, text: text, toks: tokenize(text)}
	var out []Match
	for i := 0; i < len(s.toks) && len(out) < maxMatches; {
		m, next, ok := s.at(i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = next
	}
	return out
}

// at reads a date or a range of dates starting at token i.
func (s *scanner) at(i int) (Match, int, bool) {
	lead := s.word(i)
	first := i
	if lead == "between" || lead == "from" {
		i++
	}
	a, ok := s.single(i)
	if !ok {
		return Match{}, 0, false
	}
	if first != i && !s.rangeFollows(a, lead == "between") {
		first = i // "from" or "between" belongs to the match only with both ends
	}
	start := s.toks[first].start
	if s.rangeFollows(a, lead == "between" && first != i) {
		b, _ := s.single(a.next + 1)
		return s.rangeMatch(a, b, start), b.next, true
	}
	m := Match{Text: s.text[start:a.end], Start: start, End: a.end}
	if a.year == 0 {
		m.NoYear, m.Month, m.DayOfMonth, m.LastDay, m.Months = true, a.month, a.day, a.toDay, a.months
		if _, err := a.check(m.Text); err != nil {
			m.NoYear, m.Err = false, err
		}
		return m, a.next, true
	}
	m.Span, m.Err = a.check(m.Text)
	return m, a.next, true
}

// rangeFollows reports whether a connector and a second date follow a:
// "March to June 2017", "2016-2017", and after "between", "X and Y".
func (s *scanner) rangeFollows(a written, between bool) bool {
	c := s.word(a.next)
	if !connectors[c] && !(between && c == "and") {
		return false
	}
	_, ok := s.single(a.next + 1)
	return ok
}

// rangeMatch joins two dates into one span. An end without a year takes
// the other's: "between March and June 2017", "June 5 to June 20, 2017".
func (s *scanner) rangeMatch(a, b written, start int) Match {
	m := Match{Text: s.text[start:b.end], Start: start, End: b.end}
	switch {
	case a.year == 0 && b.year == 0:
		m.Err = fmt.Errorf("%q has no year: say which, as in \"between March and June 1999\"", m.Text)
		return m
	case a.year == 0:
		a.year = b.year
		if b.month != 0 && a.after(b) {
			a.year--
		}
	case b.year == 0:
		b.year = a.year
		if a.month != 0 && b.before(a) {
			b.year++
		}
	}
	from, err := a.check(s.text[a.start:a.end])
	if err != nil {
		m.Err = err
		return m
	}
	to, err := b.check(s.text[b.start:b.end])
	if err != nil {
		m.Err = err
		return m
	}
	if !to.End.After(from.Start) {
		m.Err = fmt.Errorf("%q ends before it starts", m.Text)
		return m
	}
	m.Span = Through(from, to)
	return m
}

// maxParse bounds the text Parse reads: a date, or a range of two, is
// short.
const maxParse = 100

// Whole is Reader.Whole for the zero Reader.
func Whole(text string) (Match, bool) { return Reader{}.Whole(text) }

// Whole reads a text that is one date or range of dates in a form the
// scanner knows, as Find would but with the text known to be a date: a
// lone "March" is the month. It reports false for any other text.
func (r Reader) Whole(text string) (Match, bool) {
	if len(text) > maxParse {
		return Match{}, false
	}
	s := &scanner{r: r, text: text, toks: tokenize(text), whole: true}
	i := 0
	if w := s.word(0); w == "on" || w == "in" || w == "during" || w == "the" && s.word(1) != "" {
		i++
	}
	m, next, ok := s.at(i)
	if !ok || !onlyPunct(s.toks[next:]) {
		return Match{}, false
	}
	return m, true
}

// config is how the library reads what the scanner does not: English,
// month before day as in "4/27/2016", a month or year meaning its first
// day (the span then covers all of it).
// weekday is a day's name written before its date ("Thursday, March 2,
// 2017"), which the date says already.
var weekday = regexp.MustCompile(`(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+`)

// timeOfDay is a time written after a date ("at noon", "3:30 pm"), which
// a date command reads past: the day is what a timeline has.
var timeOfDay = regexp.MustCompile(`(?i)(?:,?\s+at\s+(?:noon|midnight|\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)|,?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|,?\s+\d{1,2}\s*[ap]\.?m\.?|,?\s+(?:noon|midnight))$`)

// Parse is Reader.Parse for the zero Reader.
func Parse(text string) (Span, error) { return Reader{}.Parse(text) }

// Parse reads a text that is one date or one range of dates: what a user
// gives a date command, in the forms Find knows, read the same way; a
// time of day after it ("March 2nd, 2017 at noon") is read past. A plain
// number that the scanner does not read as a year or a compact date
// ("31", "12345") is no date.
func (r Reader) Parse(text string) (Span, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Span{}, errors.New("no date given")
	}
	if len(text) > maxParse {
		return Span{}, fmt.Errorf("%q is too long to be a date", clipped(text))
	}
	if day := timeOfDay.ReplaceAllString(text, ""); day != text && day != "" {
		text = day
	}
	if day := weekday.ReplaceAllString(text, ""); day != text && day != "" {
		text = day
	}
	if m, ok := r.Whole(text); ok {
		switch {
		case m.Err != nil:
			return Span{}, m.Err
		case m.NoYear:
			return Span{}, fmt.Errorf("%q: %w", m.Text, ErrNoYear)
		}
		return m.Span, nil
	}
	if allDigits(text) {
		return Span{}, fmt.Errorf("%q is a number, not a date: give a year (1999), a month (December 1999) or a day (1999-12-31)", clipped(text))
	}
	if _, why := r.Unread(text); why != "" {
		return Span{}, errors.New(why)
	}
	return Span{}, fmt.Errorf("%q is not a date I can read: try 1999-12-31, Dec. 31, 1999, December 1999 or 1999", text)
}

func onlyPunct(toks []token) bool {
	for _, t := range toks {
		if t.text != "." && t.text != "?" && t.text != "!" {
			return false
		}
	}
	return true
}

func clipped(s string) string {
	if len(s) <= 30 {
		return s
	}
	cut := 30
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// after reports whether w falls later in the year than o; days count only
// when both have one ("March 2 to March 2017" stays within one March).
func (w written) after(o written) bool {
	return w.month > o.month || w.month == o.month && w.day > 0 && o.day > 0 && w.day > o.day
}

func (w written) before(o written) bool { return o.after(w) }
