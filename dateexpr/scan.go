package dateexpr

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// token is a run of letters and digits, or one other visible character,
// with its byte offsets in the text.
type token struct {
	text       string
	start, end int
}

// maxTokens bounds the work on one text: a question is a sentence or two,
// and the scanner's cost grows with the tokens it reads.
const maxTokens = 2000

func tokenize(text string) []token {
	var toks []token
	for i := 0; i < len(text) && len(toks) < maxTokens; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += size
			}
			toks = append(toks, token{text[i:j], i, j})
			i = j
		case unicode.IsSpace(r):
			i += size
		default:
			toks = append(toks, token{text[i : i+size], i, i + size})
			i += size
		}
	}
	return toks
}

// months maps month names and their abbreviations to months.
var months = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

// verbs are month names that are also everyday words ("may", "march"):
// alone, they count as months only after a word that introduces a date,
// or when capitalized inside a sentence.
var verbs = map[string]bool{"may": true, "march": true}

// introducers are the words after which a lone month name is a date:
// "in March", "since May", "between April and June".
var introducers = map[string]bool{
	"in": true, "on": true, "since": true, "until": true, "till": true, "before": true, "after": true,
	"between": true, "from": true, "to": true, "during": true, "of": true, "by": true, "and": true,
	"early": true, "late": true, "mid": true, "through": true, "last": true, "next": true, "that": true,
}

// connectors join the two ends of a range: "March to June", "2016-2017".
var connectors = map[string]bool{"-": true, "–": true, "—": true, "to": true, "through": true, "thru": true, "until": true, "till": true}

var (
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?`)
	// compact is "20170302": eight digits, year, month and day.
	compact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	usDate  = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})`)
	// "2017/03/02" and "2017.03.02": year first with another separator,
	// whole days only ("2016/17" is a season, not a month).
	ymdDate = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})`)
	ordinal = regexp.MustCompile(`^(?i)(\d{1,2})(?:st|nd|rd|th)$`)
)

// written is one date as the text gives it, before it is checked: year 0
// when the text names none, month 0 for a year alone, day 0 for a month.
type written struct {
	year       int
	month      time.Month
	day, toDay int // toDay ends a range of days in one month: "June 5-6"
	start, end int // byte offsets in the text
	next       int // the token after it
	// lone is a month name with no day or year, or an abbreviation alone:
	// weaker evidence than a full date.
	lone bool
	// monthGiven and dayGiven are set when digits stood for the month or
	// the day ("2017-00-05"), so a 0 there is an error, not an absence.
	monthGiven, dayGiven bool
	// months is the length of a part of a year ("late 2016": four).
	months int
}

type scanner struct {
	r     Reader
	text  string
	toks  []token
	lower []string // the tokens in lower case, made on first use
	// whole is set when the text is known to be a date, as a date
	// command's is: a lone "March" or "May" there is a month.
	whole bool
}

func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	if s.lower == nil {
		// Lower-cased once: every reader asks for words many times.
		s.lower = make([]string, len(s.toks))
		for j, t := range s.toks {
			s.lower[j] = strings.ToLower(t.text)
		}
	}
	return s.lower[i]
}

// day reads a day of the month at token i: 1-31, "5th", or an ordinal in
// words ("tenth", "twenty-first"). It returns the day and the token after.
func (s *scanner) day(i int) (int, int, bool) {
	if d, next, ok := s.spelledDay(i); ok {
		return d, next, true
	}
	w := s.word(i)
	if m := ordinal.FindStringSubmatch(w); m != nil {
		w = m[1]
	}
	if len(w) == 0 || len(w) > 2 || !allDigits(w) {
		return 0, 0, false
	}
	d, _ := strconv.Atoi(w)
	return d, i + 1, d >= 1 && d <= 31
}

// year reads token i as a year: four digits, 1000-2999.
func (s *scanner) year(i int) (int, bool) {
	w := s.word(i)
	if len(w) != 4 || !allDigits(w) {
		return 0, false
	}
	y, _ := strconv.Atoi(w)
	return y, y >= 1000 && y <= 2999
}

func (s *scanner) month(i int) (time.Month, bool) {
	m, ok := months[s.word(i)]
	return m, ok
}

func allDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// is reports whether token i is exactly text.
func (s *scanner) is(i int, text string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].text == text
}

// single reads one date starting at token i.
func (s *scanner) single(i int) (written, bool) {
	if i >= len(s.toks) {
		return written{}, false
	}
	if j := s.skipBoundary(i); j != i {
		w, ok := s.single(j)
		w.start = s.toks[i].start
		return w, ok
	}
	t := s.toks[i]
	rest := s.text[t.start:]
	if rest[0] >= '0' && rest[0] <= '9' {
		if w, ok := s.numeric(rest, t.start); ok {
			return w, true
		}
	}
	for _, read := range namedReaders {
		if w, ok := read(s, i); ok {
			return w, true
		}
	}
	if w, ok := s.monthFirst(i); ok {
		return w, true
	}
	if w, ok := s.dayFirst(i); ok {
		return w, true
	}
	if y, ok := s.year(i); ok {
		return written{year: y, start: t.start, end: t.end, next: i + 1}, true
	}
	return written{}, false
}

// namedReaders read the dates written in words rather than numbers and
// month names: parts of a year, seasons, quarter codes, holidays and
// two-digit years.
var namedReaders = []func(*scanner, int) (written, bool){
	(*scanner).partOfYear, (*scanner).season, (*scanner).quarterCode, (*scanner).holiday, (*scanner).twoDigitYear,
}

// thirds are the parts of a year people name: "early 2017" is January to
// April, "mid-2016" May to August, "late 2016" September to December.
var thirds = map[string]time.Month{"early": time.January, "mid": time.May, "late": time.September}

// halves and quarters are the other parts: "the second half of 2016",
// "the first quarter of 2017".
var (
	halves   = map[string]time.Month{"first": time.January, "second": time.July, "last": time.July}
	quarters = map[string]time.Month{"first": time.January, "second": time.April, "third": time.July, "fourth": time.October, "last": time.October}
)

// partOfYear reads "early 2017", "mid-2016", "late 2016", "the second half
// of 2016" or "the first quarter of 2017" at token i.
func (s *scanner) partOfYear(i int) (written, bool) {
	if first, ok := thirds[s.word(i)]; ok {
		j := i + 1
		if s.is(j, "-") {
			j++
		}
		return s.partOf(i, j, first, 4)
	}
	k := i
	if s.word(k) == "the" {
		k++
	}
	if s.word(k+2) != "of" {
		return written{}, false
	}
	table, months := halves, 6
	switch s.word(k + 1) {
	case "half":
	case "quarter":
		table, months = quarters, 3
	default:
		return written{}, false
	}
	first, ok := table[s.word(k)]
	if !ok {
		return written{}, false
	}
	return s.partOf(i, k+3, first, months)
}

// partOf is the part of the year at token j that starts in month first
// and lasts months, written from token start.
func (s *scanner) partOf(start, j int, first time.Month, months int) (written, bool) {
	year, ok := s.year(j)
	if !ok {
		return written{}, false
	}
	return written{year: year, month: first, months: months, start: s.toks[start].start, end: s.toks[j].end, next: j + 1}, true
}

// numeric reads "2017-03-02", "2017-03", "2017/03/02" and "4/27/2016" at
// byte start.
func (s *scanner) numeric(rest string, start int) (written, bool) {
	if m := isoDate.FindStringSubmatch(rest); m != nil && s.boundary(start+len(m[0])) {
		w := written{start: start, end: start + len(m[0])}
		w.year, _ = strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		w.month, w.monthGiven = time.Month(mo), true
		if m[3] != "" {
			w.day, _ = strconv.Atoi(m[3])
			w.dayGiven = true
		}
		w.next = s.after(w.end)
		return w, true
	}
	if m := ymdDate.FindStringSubmatch(rest); m != nil && s.boundary(start+len(m[0])) {
		w := written{start: start, end: start + len(m[0]), monthGiven: true, dayGiven: true}
		w.year, _ = strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		w.month = time.Month(mo)
		w.day, _ = strconv.Atoi(m[3])
		w.next = s.after(w.end)
		return w, true
	}
	if m := usDate.FindStringSubmatch(rest); m != nil && s.boundary(start+len(m[0])) {
		w := written{start: start, end: start + len(m[0])}
		mo, _ := strconv.Atoi(m[1])
		w.month, w.monthGiven = time.Month(mo), true
		w.day, _ = strconv.Atoi(m[2])
		w.dayGiven = true
		w.year, _ = strconv.Atoi(m[3])
		if len(m[3]) == 2 {
			w.year = s.r.century(w.year)
		}
		w.next = s.after(w.end)
		return w, true
	}
	// "20170302" is a date only when its month and day are ones: a long
	// number is otherwise a number.
	if m := compact.FindStringSubmatch(s.word(s.after(start))); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			end := start + 8
			return written{year: y, month: time.Month(mo), day: d, monthGiven: true, dayGiven: true, start: start, end: end, next: s.after(end)}, true
		}
	}
	return written{}, false
}

// boundary reports whether a numeric date ending at byte end stands alone
// rather than running on into more digits or letters.
func (s *scanner) boundary(end int) bool {
	if end >= len(s.text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s.text[end:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && !(r == '-' && end+1 < len(s.text) && s.text[end+1] >= '0' && s.text[end+1] <= '9')
}

// after is the index of the first token starting at or after byte end.
func (s *scanner) after(end int) int {
	return sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= end })
}

// monthFirst reads "Feb. 28, 2016", "Sept. 8 2016", "June 5-6, 2017",
// "March 2017", "March of 2017" and "March".
func (s *scanner) monthFirst(i int) (written, bool) {
	mo, ok := s.month(i)
	if !ok {
		return written{}, false
	}
	w := written{month: mo, start: s.toks[i].start, end: s.toks[i].end}
	j := i + 1
	dotted := s.is(j, ".")
	if dotted {
		w.end = s.toks[j].end
		j++
	}
	if d, next, ok := s.day(j); ok && !s.is(next, ":") {
		w.day, w.end = d, s.toks[next-1].end
		j = next
		if (s.is(j, "-") || s.is(j, "–")) && s.toks[j].start == s.toks[j-1].end {
			if d2, next, ok := s.day(j + 1); ok && d2 > d {
				w.toDay, w.end = d2, s.toks[next-1].end
				j = next
			}
		}
		w.next = s.yearAfter(&w, j)
		return w, true
	}
	k := j
	if s.is(k, ",") || s.word(k) == "of" {
		k++
	}
	if y, ok := s.year(k); ok {
		w.year, w.end, w.next = y, s.toks[k].end, k+1
		return w, true
	}
	// A month name alone.
	name := s.word(i)
	intro := introducers[s.word(i-1)]
	switch {
	case verbs[name]:
		// Capitalized inside a sentence, "May" is a month, unless a
		// capitalized word before it makes it a name ("Theresa May").
		capital := unicode.IsUpper([]rune(s.toks[i].text)[0])
		named := i > 0 && unicode.IsUpper([]rune(s.toks[i-1].text)[0])
		if !intro && !s.whole && !(capital && i > 0 && !named && !s.is(i-1, ".") && !s.is(i-1, "?") && !s.is(i-1, "!")) {
			return written{}, false
		}
	case len(name) <= 4 && name != "june" && name != "july" && !dotted && !intro:
		return written{}, false // "dec", "jan": too short to trust alone
	}
	w.lone = true
	w.next = j
	return w, true
}

// dayFirst reads "28 February 2016", "the 5th of June 2017", "5 June".
func (s *scanner) dayFirst(i int) (written, bool) {
	start := i
	if s.word(i) == "the" {
		i++
	}
	d, j, ok := s.day(i)
	if !ok {
		return written{}, false
	}
	if s.word(j) == "of" {
		j++
	}
	mo, ok := s.month(j)
	if !ok {
		return written{}, false
	}
	w := written{month: mo, day: d, start: s.toks[start].start, end: s.toks[j].end}
	j++
	if s.is(j, ".") {
		w.end = s.toks[j].end
		j++
	}
	w.next = s.yearAfter(&w, j)
	return w, true
}

// yearAfter reads the year that may follow a day and month at token j
// (", 2016" or " 2016") into w, and returns the token after the date.
func (s *scanner) yearAfter(w *written, j int) int {
	k := j
	if s.is(k, ",") {
		k++
	}
	if y, ok := s.year(k); ok {
		w.year, w.end = y, s.toks[k].end
		return k + 1
	}
	return j
}

// check turns a written date into a span, or says why it is no date.
func (w written) check(text string) (Span, error) {
	if w.month < time.January || w.month > time.December {
		if w.month != 0 || w.day != 0 || w.monthGiven {
			return Span{}, fmt.Errorf("%q is not a date: there is no month %d", text, int(w.month))
		}
		return spanOf(w.year, 0, 0, Year), nil
	}
	if w.dayGiven && w.day == 0 {
		return Span{}, fmt.Errorf("%q is not a date: there is no day 0", text)
	}
	if w.months > 0 {
		start := time.Date(w.year, w.month, 1, 0, 0, 0, 0, time.UTC)
		return Span{Start: start, End: start.AddDate(0, w.months, 0), Precision: Month}, nil
	}
	if w.day == 0 {
		return spanOf(w.year, w.month, 0, Month), nil
	}
	year := w.year
	if year == 0 {
		year = 2000 // a leap year: with no year given, Feb. 29 is a day
	}
	last := time.Date(year, w.month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	for _, d := range []int{w.day, w.toDay} {
		if d > last {
			if w.year == 0 {
				return Span{}, fmt.Errorf("%q is not a date: %s has %d days", text, w.month, last)
			}
			return Span{}, fmt.Errorf("%q is not a date: %s %d has %d days", text, w.month, w.year, last)
		}
	}
	sp := spanOf(year, w.month, w.day, Day)
	if w.toDay > 0 {
		sp.End = sp.Start.AddDate(0, 0, w.toDay-w.day+1)
	}
	return sp, nil
}
