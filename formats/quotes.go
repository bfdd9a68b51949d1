package formats

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// Quotes are read from prose the way news copy attributes them:
//
//	“...,” said X.        “...,” X said.        X said, “...”
//	X said he had “total” confidence.        “A,” X said. “B.”
//
// and an embedded tweet: a paragraph followed by "— Name (@handle) June 5,
// 2017". A speaker named by surname alone takes the full name the text used
// before ("Attorney General Jeff Sessions" ... "said Sessions" is Jeff
// Sessions). A quote whose speaker is a pronoun ("he said") is reported,
// not guessed.

// quoter remembers the full names a text has used.
type quoter struct {
	full map[string]string // surname -> the full name first used
}

// speechVerbs attribute a quotation to its speaker.
var speechVerbs = []string{"said", "says", "told", "added", "asked", "wrote", "tweeted", "stated", "declared",
	"explained", "noted", "replied", "responded", "argued", "insisted", "announced", "warned", "recalled",
	"continued", "testified", "acknowledged", "admitted", "claimed", "conceded", "remarked"}

var (
	verbAlt  = strings.Join(speechVerbs, "|")
	verbRE   = regexp.MustCompile(`\b(` + verbAlt + `)\b`)
	verbLead = regexp.MustCompile(`^(` + verbAlt + `)\b`)
	// subjectVerb is "Sessions said" after a quote: a short subject with
	// no clause break, then the verb.
	subjectVerb = regexp.MustCompile(`^([^,.;:!?“”"]{1,80}?)\s+(` + verbAlt + `)\b`)
)

// titles are the words of office and courtesy that stand before a name:
// "Attorney General Jeff Sessions" is Jeff Sessions.
var titles = setOf("President", "Vice", "Attorney", "General", "Secretary", "Press", "Sen.", "Senator", "Rep.",
	"Representative", "Gov.", "Governor", "Mayor", "Judge", "Justice", "Chief", "Ambassador", "Adviser", "Advisor",
	"Director", "Minister", "Prime", "Dr.", "Mr.", "Mrs.", "Ms.", "Mx.", "Prof.", "Professor", "Gen.", "Col.", "Lt.",
	"Sgt.", "Capt.", "Adm.", "Officer", "Deputy", "Spokesman", "Spokeswoman", "Spokesperson", "Chairman",
	"Chairwoman", "Chair", "Commissioner", "Speaker", "Leader", "Former", "Acting", "King", "Queen", "Prince",
	"Princess", "Pope", "Rev.", "Sheriff", "Detective", "Counsel", "Coach", "Captain", "Sir", "Dame", "Lord", "Lady",
	"CEO", "Chancellor", "Councilman", "Councilwoman", "Councilmember", "Congressman", "Congresswoman", "Inspector",
	"Superintendent", "Professor", "Pastor", "Father", "Sister", "Brother", "Rabbi", "Imam", "Bishop", "Cardinal")

// leaders are capitalized words that start a sentence, not a name.
var leaders = setOf("The", "A", "An", "In", "On", "At", "As", "After", "Before", "During", "Earlier", "Later", "When",
	"While", "Though", "Although", "But", "And", "Or", "If", "It", "He", "She", "They", "We", "I", "You", "This",
	"That", "These", "Those", "His", "Her", "Their", "Our", "Its", "To", "For", "From", "With", "By", "Of", "Since",
	"Until", "Also", "Here", "There", "Then", "Now", "Yet", "So", "Meanwhile", "However", "Still", "Inside",
	"Outside", "Between", "Among", "Under", "Over", "About", "Once", "Even", "Only", "Last", "Next", "Both", "Each",
	"Every", "Some", "Many", "Most", "What", "Who", "Why", "How", "Where", "Which", "My", "Your", "Let", "Not", "No")

var pronouns = setOf("he", "she", "they", "it", "we", "i", "you", "who", "one", "him", "her", "them")

// trailingAdverbs stand between a subject and its verb: "Trump himself
// later said".
var trailingAdverbs = setOf("himself", "herself", "themselves", "itself", "later", "also", "then", "again", "once",
	"earlier", "too", "has", "had", "have", "was", "is", "would", "will", "had", "previously", "first", "finally",
	"repeatedly", "reportedly", "publicly", "privately", "simply", "recently", "separately", "never", "often",
	"had", "did", "does", "still", "just", "even", "already")

var determiners = setOf("a", "an", "the", "one", "two", "three", "several", "some", "another", "many", "most")

// afterStops end the speaker named after the verb: "said Sessions in a
// speech" is Sessions.
var afterStops = setOf("in", "on", "at", "to", "for", "during", "after", "before", "with", "from", "about", "while",
	"when", "as", "who", "which", "that", "adding", "according", "told", "last", "this", "earlier", "later", "via",
	"through", "over", "outside", "inside", "afterward", "afterwards", "then", "because", "but", "and", "amid")

// abbreviations end in a period that ends no sentence.
var abbreviations = setOf("sen", "gov", "rep", "dr", "mr", "mrs", "ms", "mx", "jr", "sr", "st", "dept", "gen", "lt",
	"col", "capt", "sgt", "prof", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
	"aug", "sept", "sep", "oct", "nov", "dec", "rev", "adm", "ft", "mt", "u.s", "d.c", "a.m", "p.m", "e.g", "i.e", "etc")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// learn records the full names a paragraph uses.
func (q *quoter) learn(text string) {
	if q.full == nil {
		q.full = map[string]string{}
	}
	var run []string
	flush := func() {
		for len(run) > 0 && leaders[run[0]] {
			run = run[1:]
		}
		for k := 1; k < len(run); k++ {
			sur := run[k]
			if titles[sur] || isInitial(sur) {
				continue
			}
			full := reduceName(run[:k+1])
			if n := strings.Count(full, " ") + 1; n >= 2 && n <= 4 {
				if _, ok := q.full[sur]; !ok {
					q.full[sur] = full
				}
			}
		}
		run = nil
	}
	for _, tok := range strings.Fields(text) {
		w, brk := nameWord(tok)
		if w == "" {
			flush()
			continue
		}
		run = append(run, w)
		if brk {
			flush()
		}
	}
	flush()
}

// nameWord is the word of a token that can be part of a name ("Trump’s"
// is Trump), and whether the name ends after it.
func nameWord(tok string) (string, bool) {
	tok = strings.TrimLeft(tok, "“\"‘'([")
	if tok == "" {
		return "", true
	}
	brk := false
	for _, suffix := range []string{"’s", "'s"} {
		if strings.HasSuffix(tok, suffix) {
			tok, brk = strings.TrimSuffix(tok, suffix), true
		}
	}
	trimmed := strings.TrimRight(tok, ",;:!?)]”\"’'—–")
	if trimmed != tok {
		brk = true
	}
	tok = trimmed
	if strings.HasSuffix(tok, ".") && !isInitial(tok) && !titles[tok] && !abbreviations[strings.ToLower(strings.TrimSuffix(tok, "."))] {
		tok, brk = strings.TrimSuffix(tok, "."), true
	}
	if !isNameWord(tok) {
		return "", true
	}
	return tok, brk
}

func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return len(w) == size+1 && w[size] == '.' && unicode.IsUpper(r)
}

func isNameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '’' && c != '\'' {
			return false
		}
	}
	return true
}

// reduceName is a person's name without what stands before it: a given
// name, its initials, and the surname. "Press Secretary Sean Spicer" is
// Sean Spicer, "Garden Coordinator Priya Nair" Priya Nair, and "Donald J.
// Trump" keeps its initial; a title or a sentence's first word before the
// surname leaves it alone ("President Trump" is Trump).
func reduceName(words []string) string {
	j := len(words) - 1
	given := false
	for j > 0 {
		prev := words[j-1]
		if titles[prev] || leaders[prev] || given && !isInitial(prev) {
			break
		}
		if !isInitial(prev) {
			given = true
		}
		j--
	}
	return strings.Join(words[j:], " ")
}

// speaker is who a phrase names: a name (a surname expanded to the full
// name used before), or a description ("a senior White House official").
// It reports false for a pronoun or a phrase that is neither.
func (q *quoter) speaker(phrase string) (string, bool) {
	words := strings.Fields(strings.Trim(phrase, " ,.;:“”\"‘’'()—–-"))
	for len(words) > 1 && isAdverb(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 || len(words) > 8 {
		return "", false
	}
	if len(words) == 1 && pronouns[strings.ToLower(words[0])] {
		return "", false
	}
	if determiners[strings.ToLower(words[0])] {
		s := strings.Join(words, " ")
		r, size := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[size:], true
	}
	var names []string
	for _, w := range words {
		w, _ := nameWord(w)
		if w == "" {
			return "", false
		}
		names = append(names, w)
	}
	if leaders[names[0]] && len(names) == 1 {
		return "", false
	}
	name := reduceName(names)
	if !strings.Contains(name, " ") {
		if full, ok := q.full[name]; ok {
			return full, true
		}
	}
	return name, true
}

func isAdverb(w string) bool {
	return trailingAdverbs[w] || strings.HasSuffix(w, "ly") && len(w) > 4 && unicode.IsLower(rune(w[0]))
}

// clauseSpeaker is the subject of "..., X, ..., said": the last comma
// clause that is a name, else a description standing right before the
// verb. It reports false for a pronoun subject.
func (q *quoter) clauseSpeaker(pre string) (string, bool) {
	clauses := strings.Split(pre, ",")
	description := ""
	for i := len(clauses) - 1; i >= 0; i-- {
		c := strings.TrimSpace(clauses[i])
		words := strings.Fields(c)
		for len(words) > 1 && isAdverb(words[len(words)-1]) {
			words = words[:len(words)-1]
		}
		if len(words) == 0 {
			continue
		}
		if len(words) == 1 && pronouns[strings.ToLower(words[0])] {
			if description != "" {
				return description, true
			}
			return "", false
		}
		first, _ := utf8.DecodeRuneInString(words[0])
		if determiners[strings.ToLower(words[0])] && description == "" && i == len(clauses)-1 {
			description, _ = q.speaker(strings.Join(words, " "))
			continue
		}
		if !unicode.IsUpper(first) || len(words) > 6 {
			continue // "in response to questions on ...": an aside
		}
		allNames := true
		for _, w := range words {
			if nw, _ := nameWord(w); nw == "" || leaders[nw] {
				allNames = false
				break
			}
		}
		if allNames {
			return q.speaker(strings.Join(words, " "))
		}
	}
	return description, description != ""
}

// span of a quotation in a paragraph: the offsets of its marks.
type quoteSpan struct {
	open, close int // byte offsets of the opening mark and just after the closing one
	inner       string
}

// findQuotes finds the double-quoted passages of a paragraph: curly pairs,
// or straight marks taken two by two.
func findQuotes(p string) []quoteSpan {
	var out []quoteSpan
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		var closeMark string
		switch r {
		case '“':
			closeMark = "”"
		case '"':
			closeMark = `"`
		default:
			i += size
			continue
		}
		j := strings.Index(p[i+size:], closeMark)
		if j < 0 {
			break
		}
		end := i + size + j + len(closeMark)
		out = append(out, quoteSpan{open: i, close: end, inner: p[i+size : i+size+j]})
		i = end
	}
	return out
}

// sentenceStart is where the sentence holding offset pos begins.
func sentenceStart(p string, pos int) int {
	for i := pos - 1; i > 0; i-- {
		if p[i] != ' ' {
			continue
		}
		prev := strings.TrimRight(p[:i], "”’\"')")
		if prev == "" {
			continue
		}
		last := prev[len(prev)-1]
		if last != '.' && last != '?' && last != '!' {
			continue
		}
		if last == '.' {
			word := prev[strings.LastIndexAny(prev, " (“\"")+1:]
			stem := strings.ToLower(strings.TrimSuffix(word, "."))
			if abbreviations[stem] || isInitial(word) || strings.Contains(stem, ".") {
				continue
			}
		}
		return i + 1
	}
	return 0
}

var trailingComma = regexp.MustCompile(`,(\s*[’'"]*)$`)

// quoteText is what was said, as a quote: the comma that hands a quotation
// to its attribution ends it as a full stop.
func quoteText(inner string) string {
	s := strings.TrimSpace(inner)
	return strings.TrimSpace(trailingComma.ReplaceAllString(s, ".$1"))
}

// mask blanks the quotations of a stretch of a paragraph, so that words
// said are not taken for the words of the sentence around them.
func mask(p string, from, to int, spans []quoteSpan) string {
	b := []byte(p[from:to])
	for _, s := range spans {
		for k := max(s.open, from); k < min(s.close, to); k++ {
			b[k-from] = ' '
		}
	}
	return string(b)
}

// paragraphQuotes reads the quotations of one paragraph. unnamed are those
// attributed to a speaker the text names only by a pronoun.
func (q *quoter) paragraphQuotes(p string) (quotes []data.Quote, unnamed []string) {
	spans := findQuotes(p)
	last := "" // the paragraph's last named speaker, for "“A,” X said. “B.”"
	for k, s := range spans {
		text := quoteText(s.inner)
		if text == "" {
			continue
		}
		limit := len(p)
		if k+1 < len(spans) {
			limit = spans[k+1].open
		}
		tail := strings.TrimLeft(p[s.close:limit], " ,")
		who, named, attributed := "", false, false
		if m := verbLead.FindStringIndex(tail); m != nil {
			attributed = true
			who, named = q.speaker(speakerAfter(tail[m[1]:]))
		} else if m := subjectVerb.FindStringSubmatch(tail); m != nil {
			attributed = true
			who, named = q.speaker(m[1])
		}
		if !attributed {
			start := sentenceStart(p, s.open)
			pre := mask(p, start, s.open, spans)
			if locs := verbRE.FindAllStringIndex(pre, -1); locs != nil {
				attributed = true
				who, named = q.clauseSpeaker(pre[:locs[len(locs)-1][0]])
			}
		}
		switch {
		case named:
			last = who
		case attributed:
			unnamed = append(unnamed, text)
			continue
		case last != "":
			who = last
		default:
			continue // a word in quotation marks, said by no one
		}
		quotes = append(quotes, data.Quote{By: who, Text: text})
	}
	return quotes, unnamed
}

// speakerAfter is the speaker named after the verb: the words up to a
// preposition or a clause break.
func speakerAfter(s string) string {
	var words []string
	for _, w := range strings.Fields(s) {
		if afterStops[w] || strings.HasPrefix(w, "“") || strings.HasPrefix(w, `"`) {
			break
		}
		stripped := strings.TrimRight(w, ",.;:!?)")
		words = append(words, stripped)
		if stripped != w || len(words) >= 8 {
			break
		}
	}
	return strings.Join(words, " ")
}

// tweetSign is the line an embedded tweet ends with: "— Name (@handle)
// June 5, 2017".
var tweetSign = regexp.MustCompile(`^[—–-]\s*(.+?)\s*\((@[A-Za-z0-9_]{1,15})\)\s*(.+?)\s*$`)

// tweetBy is who signed an embedded tweet, as its signature line names
// them: "Donald J. Trump (@realDonaldTrump)".
func tweetBy(line string) (string, bool) {
	m := tweetSign.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	if d, ok := dateexpr.Whole(m[3]); !ok || d.NoYear || d.Err != nil {
		return "", false
	}
	return m[1] + " (" + m[2] + ")", true
}

// entryQuotes reads the quotes of an entry's paragraphs, in order.
func (q *quoter) entryQuotes(paras []string) (quotes []data.Quote, unnamed []string) {
	for i, p := range paras {
		q.learn(p)
		qs, un := q.paragraphQuotes(p)
		quotes = append(quotes, qs...)
		unnamed = append(unnamed, un...)
		if i+1 < len(paras) {
			if by, ok := tweetBy(paras[i+1]); ok && !strings.Contains(paras[i+1], "\n") {
				quotes = append(quotes, data.Quote{By: by, Text: p})
			}
		}
	}
	return quotes, unnamed
}
