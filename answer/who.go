package answer

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

// whoIs asks who someone is: "Who is Sergey Kislyak?", "who was Franken".
var whoIs = regexp.MustCompile(`(?i)^(?:who|what)(?: is| was| are| were|'s|’s) (.+)$`)

// mention is where a timeline first names a person, with how it
// describes them there.
type mention struct {
	pos         int    // the event's position
	name        string // the name as the text writes it
	description string // "Russian Ambassador to the United States", or ""
	sentence    string
}

// nameRun matches a run of capitalized words, the shape of a name in
// running text ("Sergey Kislyak", "Al Franken").
var nameRun = regexp.MustCompile(`\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*`)

// firstMention finds the chronologically first sentence of the timeline's
// texts that names the person asked about: a run of capitalized words
// holding each word asked, in any case ("kislyak" finds "Sergey
// Kislyak"). It reports false when no name holds them, so "who was
// questioned" is no one to describe.
func firstMention(tl *data.Timeline, asked string) (mention, bool) {
	words := strings.Fields(strings.ToLower(strings.Trim(asked, " ?.!")))
	if len(words) == 0 || len(words) > 4 {
		return mention{}, false
	}
	for pos := range tl.Events {
		ev := &tl.Events[pos]
		for _, sp := range sentenceSpans(ev.Text) {
			sentence := ev.Text[sp[0]:sp[1]]
			for _, loc := range nameRun.FindAllStringIndex(sentence, -1) {
				if !holdsAll(sentence[loc[0]:loc[1]], words) {
					continue
				}
				m := mention{pos: pos, sentence: sentence}
				m.name, m.description = describe(sentence, loc, words)
				return m, true
			}
		}
	}
	return mention{}, false
}

// holdsAll reports whether the name's words include each asked word.
func holdsAll(name string, asked []string) bool {
	have := strings.Fields(strings.ToLower(strings.NewReplacer("’s", "", "'s", "").Replace(name)))
	for _, w := range asked {
		found := false
		for _, h := range have {
			if h == w || index.WithinOneEdit(h, w) && len(w) >= 5 {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// describe splits a run of capitalized words into the name asked about
// and the title before it, and reads the description around it: a title
// in capitals that may run on across "of", "to" and "the" ("Russian
// Ambassador to the United States Sergey Kislyak"); lower-case words
// naming a role after a determiner, a preposition or a comma ("the
// architect Pavel Sorensen", "by chair Odile Brant"); or an appositive
// after the name ("Calloway, the chief engineer,").
func describe(sentence string, loc []int, asked []string) (name, description string) {
	run := strings.Fields(sentence[loc[0]:loc[1]])
	first, last := len(run), -1
	for i, w := range run {
		lw := strings.ToLower(strings.TrimRight(strings.NewReplacer("’s", "", "'s", "").Replace(w), ".,"))
		for _, a := range asked {
			if lw == a || index.WithinOneEdit(lw, a) && len(a) >= 5 {
				first, last = min(first, i), max(last, i)
			}
		}
	}
	if last < 0 {
		return sentence[loc[0]:loc[1]], ""
	}
	// A given name before a family name belongs to the name.
	if first > 0 && len(asked) == 1 && !isTitleWord(run[first-1]) {
		first--
	}
	name = strings.TrimRight(strings.Join(run[first:last+1], " "), ".,;:")
	title := run[:first]
	before := strings.Fields(sentence[:loc[0]])

	// Capitalized title words before the run, across connectors.
	var pre []string
	i := len(before) - 1
	for ; i >= 0; i-- {
		w := before[i]
		if strings.HasSuffix(w, ",") || !startsUpper(w) && !connectors[strings.ToLower(w)] {
			break
		}
		pre = append([]string{w}, pre...)
	}
	for len(pre) > 0 && connectors[strings.ToLower(pre[0])] {
		pre = pre[1:]
	}
	desc := strings.Join(append(pre, title...), " ")
	if desc == "" {
		// Lower-case role words, up to three, back to a boundary.
		var low []string
		j := len(before) - 1
		for ; j >= 0 && len(low) < 3; j-- {
			w := strings.ToLower(before[j])
			if determiners[w] || prepositions[w] || startsUpper(before[j]) || strings.HasSuffix(before[j], ",") || speech[w] {
				break
			}
			low = append([]string{before[j]}, low...)
		}
		atBoundary := j < 0 || determiners[strings.ToLower(before[j])] || prepositions[strings.ToLower(before[j])] ||
			speech[strings.ToLower(before[j])] || strings.HasSuffix(before[j], ",")
		if len(low) > 0 && atBoundary {
			desc = strings.TrimSpace(strings.Join(low, " ") + " " + desc)
		}
	}
	if after := appositiveAfter(sentence[loc[1]:]); after != "" && (desc == "" || isTitleWord(desc)) {
		desc = strings.TrimSpace(desc + " " + after)
	}
	return name, strings.Trim(desc, " ,")
}

// speech are verbs that stand before a speaker's name ("said Vrell") and
// describe no one.
var speech = wordSet(`said says told added asked wrote noted explained according recalled`)

// appositiveAfter reads ", the chief engineer," or "(D-Minnesota)" after a
// name.
func appositiveAfter(rest string) string {
	rest = strings.TrimLeft(rest, " ")
	if strings.HasPrefix(rest, "(") {
		if end := strings.Index(rest, ")"); end > 1 {
			return rest[:end+1]
		}
	}
	if !strings.HasPrefix(rest, ",") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " ")
	lower := strings.ToLower(rest)
	if !strings.HasPrefix(lower, "the ") && !strings.HasPrefix(lower, "a ") && !strings.HasPrefix(lower, "an ") {
		return ""
	}
	if end := strings.IndexAny(rest, ",.;—"); end > 0 {
		return rest[:end]
	}
	return ""
}

var (
	connectors   = wordSet(`of to the for de`)
	prepositions = wordSet(`by of from with for to at in on as including like`)
)

func startsUpper(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// isTitleWord reports whether a capitalized word is a title rather than a
// given name: "Sen.", "President".
func isTitleWord(w string) bool {
	return strings.HasSuffix(w, ".") || titles[strings.ToLower(w)]
}

var titles = wordSet(`president senator sen minister ambassador mayor governor judge chief director general secretary chair chairman commissioner adviser advisor professor dr mr mrs ms`)

// whoAnswer answers who someone is from where the timeline first names
// them.
func (e *Engine) whoAnswer(m mention) Answer {
	ev := &e.timeline.Events[m.pos]
	f := found(index.Hit{Event: ev, Pos: m.pos})
	f.Excerpt = m.sentence
	a := Answer{Kind: WhoWhat, Events: []Found{f}}
	if m.description != "" {
		a.Text = fmt.Sprintf("%s: %s. First named on %s (%s): %s", m.name, m.description, ev.DatesHuman(), ev.Title, m.sentence)
	} else {
		a.Text = fmt.Sprintf("%s is first named on %s (%s): %s", m.name, ev.DatesHuman(), ev.Title, m.sentence)
	}
	return a
}

// yesNo answers a question asked for yes or no from its ranked matches:
// yes, with the entry, when the best match has every word of the question
// in some form; otherwise the timeline doesn't say, with the nearest entry
// beside the answer.
func (e *Engine) yesNo(hits []index.Hit) Answer {
	best := found(hits[0])
	best.Excerpt = bestSentence(best.Text, best.Matches)
	if hits[0].Unmatched > 0 {
		return Answer{Kind: WhoWhat, Events: []Found{}, Nearest: []Found{best},
			Text: fmt.Sprintf("The timeline doesn't say so. The nearest it has: %s, %s: %s", best.Event.DatesHuman(), best.Title, best.Excerpt)}
	}
	return Answer{Kind: WhoWhat, Events: foundAll(hits),
		Text: fmt.Sprintf("Yes. %s: %s", best.Event.DatesHuman(), best.Excerpt)}
}

// summary says what the timeline is: its title and source, how many
// entries it has over which dates, and its introduction.
func (e *Engine) summary(ctx context.Context) (Answer, error) {
	all, err := e.All(ctx)
	if err != nil {
		return Answer{}, err
	}
	tl := e.timeline
	text := fmt.Sprintf("%s (%s): %s", tl.Title, tl.Source.Cite(), strings.TrimPrefix(all.Text, tl.Title+": "))
	if lede := firstParagraph(tl.Lede); lede != "" {
		text += " " + lede
	}
	return Answer{Kind: Summary, Text: text, Events: []Found{}}, nil
}

func firstParagraph(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n\n"); i >= 0 {
		s = s[:i]
	}
	return s
}
