package answer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

// about answers when, who, what, where and why: the event the words point
// to, and the part of it that answers.
func (e *Engine) about(ctx context.Context, in intent, spans []dateexpr.Span) (Answer, error) {
	a := Answer{Kind: in.kind}
	if in.words == "" {
		return Answer{}, userErrorf(CodeNoQuestion, "What would you like to know about? Name an event, a person or a date.")
	}
	if in.who != "" {
		if m, ok := firstMention(e.timeline, in.who); ok {
			return e.whoAnswer(m), nil
		}
	}
	words, missing := e.weigh(in.text, in.words)
	if len(missing) > 0 {
		return Answer{}, e.unsaidFor(ctx, words, missing)
	}
	if words == "" {
		words = in.words
	}
	hits, err := e.search(ctx, words, spans)
	if err != nil {
		return Answer{}, err
	}
	if len(hits) == 0 && len(spans) > 0 {
		// A date with nothing in it may be one an entry talks about:
		// "Sessions' failed 1986 nomination" is told under 2016.
		hits, err = e.search(ctx, words+" "+datesText(in.dates), nil)
		if err != nil {
			return Answer{}, err
		}
	}
	if len(hits) == 0 {
		a.Events = []Found{}
		a.Text = fmt.Sprintf("I couldn't find anything in the timeline about %q.", in.words)
		return a, nil
	}
	if in.ordinal != "" {
		hits = e.pickOrdinal(ctx, words, spans, in.ordinal, hits)
	}
	if in.speaker != "" {
		// "What did Spicer say?" is answered by what Spicer said.
		if theirs := slices.DeleteFunc(slices.Clone(hits), func(h index.Hit) bool { return !saidBy(h.Event, in.speaker) }); len(theirs) > 0 {
			hits = theirs
		}
	}
	if in.yesNo {
		return e.yesNo(hits), nil
	}
	a.Events = foundAll(hits)
	best := &a.Events[0]
	best.Excerpt = answeringSentence(best.Text, best.Matches, in.cue())
	if d, ok := pickDate(best.Event, in.nth); ok && in.kind == When {
		// "When did they meet for the second time?": the entry tells of
		// both meetings, and the question asks for one date of it.
		best.Dates = []data.Date{d}
		a.Text = fmt.Sprintf("%s: %s (one of its dates: %s).", d.Human(), best.Title, best.Event.DatesHuman())
		return a, nil
	}
	if in.kind == When {
		a.Text = fmt.Sprintf("%s: %s.", best.Event.DatesHuman(), best.Title)
		return a, nil
	}
	// A quote answers when the question asks who said something (the
	// quote with the words) or what someone said (that person's quote);
	// otherwise the sentence that matched does, even if a speaker's name
	// matched ("who questioned Sessions" is Franken).
	q := -1
	if in.quoteBy {
		q = bestQuote(best.Matches, index.FieldQuoteText)
	}
	if in.speaker != "" {
		if byThem := quoteBy(best.Event, in.speaker); byThem >= 0 {
			q = byThem
		}
	}
	if q >= 0 && q < len(best.Event.Quotes) {
		quote := best.Event.Quotes[q]
		best.Quote = &quote
		a.Text = fmt.Sprintf("%s: %s said, “%s”", best.Event.DatesHuman(), quote.By, quote.Text)
		return a, nil
	}
	a.Text = fmt.Sprintf("%s: %s", best.Event.DatesHuman(), best.Excerpt)
	return a, nil
}

// pickOrdinal puts first the earliest or latest event that matches every
// word, for "when did Sessions first meet Kislyak"; the ranked hits stand
// when no event matches them all.
func (e *Engine) pickOrdinal(ctx context.Context, words string, spans []dateexpr.Span, which Kind, hits []index.Hit) []index.Hit {
	all, err := e.finder.Search(ctx, index.Query{Words: words, Every: true, ByDate: true})
	if err != nil || len(all) == 0 {
		return hits
	}
	all = slices.DeleteFunc(all, func(h index.Hit) bool { return len(spans) > 0 && !inAnySpan(h.Event, spans) })
	if len(all) == 0 {
		return hits
	}
	pick := all[0]
	if which == Last {
		pick = all[len(all)-1]
	}
	rest := slices.DeleteFunc(slices.Clone(hits), func(h index.Hit) bool { return h.Pos == pick.Pos })
	return append([]index.Hit{pick}, rest...)
}

// mentions adds to an answer with nothing dated in the spans asked about
// the entries whose text names those dates: nothing is dated 1986 in a
// timeline of 2016, but an entry may recall what happened then.
func (e *Engine) mentions(ctx context.Context, a *Answer, dates []dateexpr.Match) error {
	if len(dates) == 0 {
		return nil
	}
	hits, err := e.finder.Search(ctx, index.Query{Words: datesText(dates), Every: true, Limit: DefaultLimit})
	if errors.Is(err, index.ErrNoWords) || len(hits) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	var parts []string
	for _, h := range hits {
		f := found(h)
		parts = append(parts, fmt.Sprintf("%s (%s): %s", f.Event.DatesHuman(), f.Title, bestSentence(f.Text, f.Matches)))
	}
	a.Text += " Mentioned in " + strings.Join(parts, "; ")
	return nil
}

// saidBy reports whether the event has the person saying something: a
// quote of theirs, or a sentence of its text that reports their words
// ("X later said in a statement that ...", "said X", "according to X").
func saidBy(ev *data.Event, name string) bool {
	if quoteBy(ev, name) >= 0 {
		return true
	}
	r := reporterOf(name)
	for _, sp := range sentenceSpans(ev.Text) {
		if r.reports(ev.Text[sp[0]:sp[1]]) {
			return true
		}
	}
	return false
}

// reporter finds the sentences that give one person's words.
type reporter []*regexp.Regexp

// sayingVerbs are the verbs that report someone's words.
const sayingVerbs = `(?:said|says|told|tells|tweeted|wrote|writes|stated|declared|announced|insisted|argued|claimed|added|warned|admitted|denied|promised|posted)`

// reporterOf is the reporter for a name: the name, then within a few
// words a verb of saying ("X himself later said"); the verb just before
// the name at the end of a clause ("…,” said X."); or "according to" the
// name. "Y said X was late" is Y's words, not X's.
func reporterOf(name string) reporter {
	var r reporter
	for _, w := range strings.Fields(name) {
		if len([]rune(w)) < 3 {
			continue
		}
		n := regexp.QuoteMeta(w)
		for _, pattern := range []string{
			`(?i)\b` + n + `(?:’s|'s)?\b(?:[^.;:!?]{0,40}?)\b` + sayingVerbs + `\b`,
			`(?i)\b` + sayingVerbs + `\s+(?:\p{L}+\s+){0,4}` + n + `\s*(?:[,.;!?]|$)`,
			`(?i)\baccording to (?:\p{L}+\s+){0,2}` + n + `\b`,
		} {
			r = append(r, regexp.MustCompile(pattern))
		}
	}
	return r
}

func (r reporter) reports(sentence string) bool {
	for _, re := range r {
		if re.MatchString(sentence) {
			return true
		}
	}
	return false
}

// quoteBy is the position of the first quote of ev whose speaker's name
// has a word within one slip of a word of name ("Spicr" is Sean Spicer),
// or -1.
func quoteBy(ev *data.Event, name string) int {
	asked := strings.Fields(strings.ToLower(name))
	for i, q := range ev.Quotes {
		for _, w := range strings.Fields(strings.ToLower(q.By)) {
			for _, a := range asked {
				if len([]rune(a)) >= 3 && index.WithinOneEdit(a, strings.Trim(w, ".,")) {
					return i
				}
			}
		}
	}
	return -1
}
