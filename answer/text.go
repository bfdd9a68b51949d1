package answer

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/index"
)

// abbreviations end with a dot that does not end a sentence.
var abbreviations = wordSet(`sen rep gov gen mr mrs ms dr st jr sr dept no vs u.s d.c s.c
	jan feb mar apr aug sept sep oct nov dec inc corp co ltd lt col sgt capt`)

// sentenceSpans splits text into sentences, as byte ranges. Paragraph
// breaks always end a sentence; a dot after an abbreviation ("Sen.",
// "Dept.", "D.C.") or an initial ("J.") does not.
func sentenceSpans(text string) [][2]int {
	var out [][2]int
	start := 0
	emit := func(end int) {
		s := strings.TrimSpace(text[start:end])
		if s != "" {
			lead := strings.Index(text[start:end], s)
			out = append(out, [2]int{start + lead, start + lead + len(s)})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' && strings.HasPrefix(text[i:], "\n\n") {
			emit(i)
			i += size
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			i += size
			continue
		}
		end := i + size
		// closing quotes and brackets belong to the sentence they close
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"'”’)]`, c) {
				break
			}
			end += n
		}
		if end < len(text) && !unicode.IsSpace(rune(text[end])) {
			i = end
			continue
		}
		if r == '.' && isAbbreviation(text[start:i]) {
			i = end
			continue
		}
		if next := strings.TrimLeft(text[end:], " \t"); next != "" && !startsSentence(next) {
			i = end
			continue
		}
		emit(end)
		i = end
	}
	emit(len(text))
	return out
}

func isAbbreviation(before string) bool {
	word := before[strings.LastIndexFunc(before, unicode.IsSpace)+1:]
	word = strings.TrimLeft(word, `("“‘'`)
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true // an initial: "Donald J. Trump"
	}
	return abbreviations[strings.ToLower(word)]
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'—–(\n", r)
}

// bestSentence is the sentence of text with the most matched words, the
// earliest on a tie; the first sentence when nothing matched.
func bestSentence(text string, matches []index.Match) string {
	return answeringSentence(text, matches, nil)
}

// answeringSentence is bestSentence for a question that asks where or
// why: among the sentences with a matched word, one that names a place or
// a reason (cue) answers; failing that, the best sentence with the next
// one when that one has the cue ("Sessions met with Kislyak twice. The
// first came during an event at the Republican National Convention").
func answeringSentence(text string, matches []index.Match, cue *regexp.Regexp) string {
	spans := sentenceSpans(text)
	if len(spans) == 0 {
		return ""
	}
	// The sentence with the most different matched words answers best: a
	// name repeated twice says less than two of the question's words.
	counts := make([]int, len(spans))
	best := 0
	for i, s := range spans {
		words := map[string]bool{}
		for _, m := range matches {
			if m.Field == index.FieldText && m.Start >= s[0] && m.End <= s[1] {
				words[strings.ToLower(text[m.Start:m.End])] = true
			}
		}
		counts[i] = len(words)
		if counts[i] > counts[best] {
			best = i
		}
	}
	sentence := func(i int) string { return text[spans[i][0]:spans[i][1]] }
	if cue == nil {
		return sentence(best)
	}
	withCue := -1
	for i := range spans {
		if counts[i] > 0 && cue.MatchString(sentence(i)) && (withCue < 0 || counts[i] > counts[withCue]) {
			withCue = i
		}
	}
	switch {
	case withCue >= 0:
		return sentence(withCue)
	case best+1 < len(spans) && cue.MatchString(sentence(best+1)):
		return sentence(best) + " " + sentence(best+1)
	}
	return sentence(best)
}

// Cues of the sentences that answer where and why.
var (
	// A place: "at the Mayflower Hotel", "in Alabama"; not "in Sessions’
	// recusal", a person's.
	placeCue  = regexp.MustCompile(`\b(?:at|inside|outside|near) (?:the |a |an )?\p{Lu}|\bin (?:the )?\p{Lu}[\p{L}.]*(?:[^’'\p{L}]|$)`)
	reasonCue = regexp.MustCompile(`(?i)(?:^as |\bbecause\b|\bdue to\b|\bgiven\b|\bamid\b|\bover (?:his|her|their|the)\b|\bin order to\b|\bso that\b|\bafter\b|\bsince\b)`)
)

// bestQuote is the position of the quote with the most matched words in
// the given field, or -1 if none matched.
func bestQuote(matches []index.Match, field string) int {
	counts := map[int]int{}
	best := -1
	for _, m := range matches {
		if m.Field != field {
			continue
		}
		counts[m.Quote]++
		if best < 0 || counts[m.Quote] > counts[best] || (counts[m.Quote] == counts[best] && m.Quote < best) {
			best = m.Quote
		}
	}
	return best
}

// Mark wraps the matched ranges of s in open and close: how a reader sees
// which words matched. Ranges must be byte ranges of s; overlapping or
// out-of-range ones are skipped.
func Mark(s string, ranges [][2]int, open, close string) string {
	var b strings.Builder
	last := 0
	for _, r := range ranges {
		if r[0] < last || r[1] > len(s) || r[0] >= r[1] {
			continue
		}
		b.WriteString(s[last:r[0]])
		b.WriteString(open)
		b.WriteString(s[r[0]:r[1]])
		b.WriteString(close)
		last = r[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// TextRanges are the byte ranges of the event's text that the question's
// words matched, in order: what a front end marks.
func (f Found) TextRanges() [][2]int { return f.ranges(index.FieldText, 0) }

// TitleRanges are the matched byte ranges of the event's title.
func (f Found) TitleRanges() [][2]int { return f.ranges(index.FieldTitle, 0) }

// ranges are the matched byte ranges in one field of the event, in order.
// For quote fields, quote picks the quote.
func (f Found) ranges(field string, quote int) [][2]int {
	var out [][2]int
	for _, m := range f.Matches {
		if m.Field == field && m.Quote == quote {
			out = append(out, [2]int{m.Start, m.End})
		}
	}
	return out
}

// ExcerptRanges are the matched ranges inside the excerpt, relative to it.
func (f Found) ExcerptRanges() [][2]int {
	at := strings.Index(f.Text, f.Excerpt)
	if f.Excerpt == "" || at < 0 {
		return nil
	}
	var out [][2]int
	for _, r := range f.TextRanges() {
		if r[0] >= at && r[1] <= at+len(f.Excerpt) {
			out = append(out, [2]int{r[0] - at, r[1] - at})
		}
	}
	return out
}

// describeDays says a number of days the way a person would: in weeks
// under three months, in months beyond, always with the exact days.
func describeDays(days int, unit string) string {
	exact := plural(days, "day", "days")
	weeks, rest := days/7, days%7
	inWeeks := plural(weeks, "week", "weeks")
	if rest > 0 {
		inWeeks += " and " + plural(rest, "day", "days")
	}
	months := float64(days) / (365.2425 / 12)
	years := float64(days) / 365.2425
	// A unit larger than the gap would read "0 weeks and 4 days".
	switch {
	case unit == "weeks" && weeks == 0, unit == "months" && math.Round(months) == 0, unit == "years" && years < 0.5:
		unit = ""
	}
	switch unit {
	case "weeks":
		return fmt.Sprintf("%s (%s)", inWeeks, exact)
	case "months":
		if math.Round(months) == 12 {
			return fmt.Sprintf("about a year (%s)", exact)
		}
		return fmt.Sprintf("about %s (%s)", plural(int(math.Round(months)), "month", "months"), exact)
	case "years":
		return fmt.Sprintf("about %.1f years (%s)", years, exact)
	}
	switch {
	case days < 14:
		return exact
	case days < 90:
		return fmt.Sprintf("%s (%s)", exact, inWeeks)
	case math.Round(months) == 12:
		return fmt.Sprintf("%s (about a year)", exact)
	case days < 700:
		return fmt.Sprintf("%s (about %s)", exact, plural(int(math.Round(months)), "month", "months"))
	default:
		return fmt.Sprintf("%s (about %.1f years)", exact, years)
	}
}

// Sentence is a sentence of an event's text with its matched ranges,
// relative to the sentence.
type Sentence struct {
	Text   string
	Ranges [][2]int
}

// MatchedSentences are the sentences of text that hold any of the ranges,
// in order: the lines worth showing of an event found by its words.
func MatchedSentences(text string, ranges [][2]int) []Sentence {
	var out []Sentence
	for _, s := range sentenceSpans(text) {
		var in [][2]int
		for _, r := range ranges {
			if r[0] >= s[0] && r[1] <= s[1] {
				in = append(in, [2]int{r[0] - s[0], r[1] - s[0]})
			}
		}
		if len(in) > 0 {
			out = append(out, Sentence{Text: text[s[0]:s[1]], Ranges: in})
		}
	}
	return out
}

// Opening is the start of a text to show in place of all of it: its
// paragraphs up to n sentences and about maxChars characters in all, the
// last cut at a word and marked "…" when the text goes on.
func Opening(text string, n, maxChars int) []string {
	var out []string
	var para strings.Builder
	count, chars, lastEnd := 0, 0, 0
	flush := func() {
		if para.Len() > 0 {
			out = append(out, para.String())
			para.Reset()
		}
	}
	for _, s := range sentenceSpans(text) {
		if count == n || chars >= maxChars {
			flush()
			out[len(out)-1] += " …"
			return out
		}
		if strings.Contains(text[lastEnd:s[0]], "\n\n") {
			flush()
		}
		sentence := text[s[0]:s[1]]
		if left := maxChars - chars; utf8.RuneCountInString(sentence) > left {
			sentence = clipWords(sentence, left)
		}
		if para.Len() > 0 {
			para.WriteString(" ")
		}
		para.WriteString(sentence)
		count, chars, lastEnd = count+1, chars+utf8.RuneCountInString(sentence), s[1]
	}
	flush()
	return out
}

// clipWords cuts s to at most n characters at a word and marks the cut.
func clipWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > n {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		for i := range s {
			if utf8.RuneCountInString(s[:i]) >= n {
				cut = i
				break
			}
		}
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}
