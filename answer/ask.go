package answer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

// Ask answers a question asked in plain words.
func (e *Engine) Ask(ctx context.Context, question string) (Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	question = clean(question)
	if strings.Trim(question, "?!. ") == "" {
		return Answer{}, userErrorf("Ask me something about the timeline, for example: %s", e.Examples().Question)
	}
	if why := e.dates.Unread(unquoted(question)); why != "" {
		return Answer{}, userErrorf("%s", sentence(capitalize(why)))
	}
	in := understand(question, e.dates)
	for _, d := range in.dates {
		if d.Err != nil {
			return Answer{}, userErrorf("I couldn't read that date: %v", d.Err)
		}
	}
	spans := e.resolve(in.dates)
	if len(in.dates) > 0 && len(spans) == 0 {
		return Answer{}, userErrorf("The timeline has no %s in any of its years.", in.dates[0].Text)
	}

	var (
		a   Answer
		err error
	)
	switch in.kind {
	case Duration:
		a, err = e.duration(ctx, in)
	case Count:
		a, err = e.count(ctx, in, spans)
	case Before, After:
		a, err = e.relative(ctx, in)
	case First, Last:
		if in.compare {
			a, err = e.compare(ctx, in)
		} else {
			a, err = e.ordinal(ctx, in.kind, spans)
		}
	case Range, OnDate:
		switch {
		case in.window != nil:
			a, err = e.inWindow(ctx, *in.window)
		case in.relative == Range:
			a, err = e.between(ctx, in)
		default:
			a, err = e.during(ctx, question, spans)
		}
		if err == nil && len(a.Events) == 0 {
			err = e.mentions(ctx, &a, in.dates)
		}
	case Summary:
		a, err = e.summary(ctx)
	case When, WhoWhat:
		a, err = e.about(ctx, in, spans)
	default:
		return e.Search(ctx, question, DefaultLimit)
	}
	var u *unsaid
	if errors.As(err, &u) {
		a, err = Answer{Kind: in.kind, Text: u.text(), Events: []Found{}}, nil
		if u.nearest != nil {
			a.Nearest = []Found{*u.nearest}
		}
	}
	if err != nil {
		return Answer{}, err
	}
	a.Query = question
	return a, nil
}

// resolve turns date matches into spans. A month or day named without a
// year stands for that month or day in every year of the timeline.
func (e *Engine) resolve(matches []dateexpr.Match) []dateexpr.Span {
	var spans []dateexpr.Span
	for _, m := range matches {
		if !m.NoYear {
			spans = append(spans, m.Span)
			continue
		}
		for _, year := range e.years() {
			if s, ok := m.In(year); ok { // Feb. 29 exists only in leap years
				spans = append(spans, s)
			}
		}
	}
	return spans
}

// years are the years the timeline's dates fall in, in order.
func (e *Engine) years() []int {
	var ys []int
	for _, ev := range e.timeline.Events {
		for _, d := range ev.Dates {
			if !slices.Contains(ys, d.Year) {
				ys = append(ys, d.Year)
			}
		}
	}
	slices.Sort(ys)
	return ys
}

// about answers when, who, what, where and why: the event the words point
// to, and the part of it that answers.
func (e *Engine) about(ctx context.Context, in intent, spans []dateexpr.Span) (Answer, error) {
	a := Answer{Kind: in.kind}
	if in.words == "" {
		return Answer{}, userErrorf("What would you like to know about? Name an event, a person or a date.")
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
		return e.yesNo(ctx, words, hits)
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

func inAnySpan(ev *data.Event, spans []dateexpr.Span) bool {
	for _, s := range spans {
		for _, d := range ev.Dates {
			if d.Overlaps(s.Start, s.End) {
				return true
			}
		}
	}
	return false
}

// search ranks the events matching words, within the spans if any.
func (e *Engine) search(ctx context.Context, words string, spans []dateexpr.Span) ([]index.Hit, error) {
	var hits []index.Hit
	var err error
	if len(spans) == 0 {
		hits, err = e.finder.Search(ctx, index.Query{Words: words, Limit: DefaultLimit, MostWordsFirst: true})
	} else {
		hits, err = e.inSpans(ctx, words, spans)
		hits = hits[:min(len(hits), DefaultLimit)]
	}
	if errors.Is(err, index.ErrNoWords) {
		return nil, nil
	}
	return hits, err
}

// reference is what a relative or duration question measures from: an
// event the words point to, or a date.
type reference struct {
	event *Found
	// date, when set, is the one date of a several-date event the words
	// picked: "the second meeting".
	date *data.Date
	span dateexpr.Span
	desc string // how the answer names it
}

// approximate reports whether the reference starts on a month or a year
// rather than a day, so days counted from it are approximate.
func (r reference) approximate() bool {
	switch {
	case r.date != nil:
		return r.date.Day == 0
	case r.event != nil:
		return r.event.Event.First().Day == 0
	}
	return r.span.Precision != dateexpr.Day
}

// errNoYear is a reference to a day or month named without a year.
var errNoYear = errors.New("no year")

func (r reference) start() time.Time {
	switch {
	case r.date != nil:
		return r.date.Start()
	case r.event != nil:
		return r.event.Event.First().Start()
	}
	return r.span.Start
}

// end is the first instant after the reference: after its last date.
func (r reference) end() time.Time {
	switch {
	case r.date != nil:
		return r.date.End()
	case r.event != nil:
		return r.event.Event.Dates[len(r.event.Event.Dates)-1].End()
	}
	return r.span.End
}

// reference finds what text points to: a date, or the event its words
// name (within the dates it also gives: "the endorsement in 2016"). A day
// or month without a year takes year, or the timeline's only year; with
// neither, the error is errNoYear.
func (e *Engine) reference(ctx context.Context, text string, year int) (reference, error) {
	if ref, ok, err := e.anchorReference(ctx, strings.TrimSpace(text)); ok {
		return ref, err
	}
	dates := e.dates.Find(unquoted(text))
	if m, ok := e.dates.Whole(text); ok {
		dates = []dateexpr.Match{m} // "before March": the month, not a verb
	}
	for _, d := range dates {
		if d.Err != nil {
			return reference{}, userErrorf("I couldn't read that date: %v", d.Err)
		}
	}
	if ref, ok := e.timelineEnd(text); ok {
		return ref, nil
	}
	words := contentWords(text, dates)
	if len(dates) == 1 && words == "" {
		d := dates[0]
		if !d.NoYear {
			return reference{span: d.Span, desc: d.Span.String()}, nil
		}
		if ys := e.years(); year == 0 && len(ys) == 1 {
			year = ys[0]
		}
		if year == 0 {
			return reference{}, fmt.Errorf("%s: %w", d.Text, errNoYear)
		}
		span, ok := d.In(year)
		if !ok {
			return reference{}, userErrorf("%d has no %s.", year, d.Text)
		}
		return reference{span: span, desc: span.String()}, nil
	}
	if words == "" {
		return reference{}, userErrorf("I couldn't tell which event %q means.", text)
	}
	// An event named by who did what ("after Sessions met Putin") is
	// not in the timeline if the name is not. Its verb is not held to
	// the timeline's words: read as a clause after "did", the held-out
	// question sets lost more right answers than they gained abstentions.
	kept, missing := e.weigh("", words)
	if len(missing) > 0 {
		return reference{}, e.unsaidFor(ctx, kept, missing)
	}
	if kept != "" {
		words = kept
	}
	hits, err := e.search(ctx, words, e.resolve(dates))
	if err != nil {
		return reference{}, err
	}
	if len(hits) == 0 {
		return reference{}, userErrorf("I couldn't find %q in the timeline.", text)
	}
	nth := nthOf(text)
	f := found(hits[0])
	if nth != 0 {
		// "The second vote" presumes a vote told with two dates: among
		// the close matches, the entry that has that many is meant.
		for _, h := range hits[:min(len(hits), 3)] {
			if _, ok := pickDate(h.Event, nth); ok {
				f = found(h)
				break
			}
		}
	}
	ref := reference{event: &f, desc: fmt.Sprintf("%s (%s)", f.Event.DatesHuman(), f.Title)}
	if d, ok := pickDate(f.Event, nth); ok {
		// "the second Kislyak meeting": one date of an entry that tells
		// of two.
		ref.date = &d
		ref.desc = fmt.Sprintf("%s (%s)", d.Human(), f.Title)
	}
	return ref, nil
}

// timelineEnd is a reference to the timeline's own first or last entry:
// "the end of the timeline", "the first entry".
func (e *Engine) timelineEnd(text string) (reference, bool) {
	text = strings.TrimSpace(text)
	evs := e.timeline.Events
	var pos int
	switch {
	case timelineEnd.MatchString(text):
		pos = len(evs) - 1
	case timelineStart.MatchString(text):
		pos = 0
	default:
		return reference{}, false
	}
	f := found(index.Hit{Event: &evs[pos], Pos: pos})
	ref := reference{event: &f, desc: fmt.Sprintf("%s (%s)", f.Event.DatesHuman(), f.Title)}
	if pos > 0 {
		// The end of the timeline is its last date.
		d := f.Event.Dates[len(f.Event.Dates)-1]
		ref.date = &d
	}
	return ref, true
}

// references finds two references, each lending its year to the other
// where one names a day or month without one ("between April 11 and April
// 17, 1970").
func (e *Engine) references(ctx context.Context, a, b string) (reference, reference, error) {
	ra, errA := e.reference(ctx, a, 0)
	rb, errB := e.reference(ctx, b, 0)
	switch {
	case errors.Is(errA, errNoYear) && errB == nil:
		ra, errA = e.reference(ctx, a, rb.start().Year())
	case errors.Is(errB, errNoYear) && errA == nil:
		rb, errB = e.reference(ctx, b, ra.start().Year())
	}
	if err := cmp.Or(errA, errB); err != nil {
		return reference{}, reference{}, e.askYear(err)
	}
	return ra, rb, nil
}

// askYear turns errNoYear into a question for the user, with one of the
// timeline's years as the example.
func (e *Engine) askYear(err error) error {
	if errors.Is(err, errNoYear) {
		ys := e.years()
		return userErrorf("Which year? The timeline has more than one; say, for example, %q.", strings.TrimSuffix(err.Error(), ": "+errNoYear.Error())+fmt.Sprintf(" %d", ys[len(ys)-1]))
	}
	return err
}

// around finds the events before or after a reference, in order: before
// it, the events whose first date ends by its start; after it, those whose
// first date starts after its end, or from its start with since and a
// date ("since 2017" counts 2017). With next, only the nearest one.
func (e *Engine) around(ctx context.Context, which Kind, text string, next, since bool) (reference, []index.Hit, error) {
	ref, err := e.reference(ctx, text, 0)
	if err != nil {
		return reference{}, nil, e.askYear(err)
	}
	q := index.Query{ByDate: true}
	from := ref.end()
	if since && ref.event == nil {
		from = ref.start()
	}
	if which == After {
		q.From = from
	} else {
		q.To = ref.start()
	}
	hits, err := e.finder.Search(ctx, q)
	if err != nil {
		return reference{}, nil, err
	}
	// The index finds events with any date in the window; an event is
	// before or after by its first date.
	hits = slices.DeleteFunc(hits, func(h index.Hit) bool {
		first := h.Event.First()
		if which == After {
			return first.Start().Before(from)
		}
		return first.End().After(ref.start())
	})
	if next && len(hits) > 1 {
		if which == After {
			hits = hits[:1]
		} else {
			hits = hits[len(hits)-1:]
		}
	}
	return ref, hits, nil
}

// relative answers what happened before or after an event or a date.
func (e *Engine) relative(ctx context.Context, in intent) (Answer, error) {
	ref, hits, err := e.around(ctx, in.kind, in.ref, in.next, in.since)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Kind: in.kind, Events: foundAll(hits)}
	if in.ordinal != "" {
		a.Kind = in.ordinal // "the last thing before X" asks for one event
	}
	word := map[Kind]string{Before: "Before", After: "After"}[in.kind]
	if in.since && ref.event == nil {
		word = "Since"
	}
	switch {
	case len(hits) == 0:
		a.Text = fmt.Sprintf("Nothing in the timeline comes %s %s.", strings.ToLower(word), ref.desc)
	case in.next && in.kind == After:
		a.Text = fmt.Sprintf("Next after %s: %s.", ref.desc, listTitles(a.Events))
	case in.next:
		a.Text = fmt.Sprintf("Just before %s: %s.", ref.desc, listTitles(a.Events))
	default:
		a.Text = fmt.Sprintf("%s %s, %s: %s.", word, ref.desc, plural(len(hits), "entry", "entries"), listTitles(a.Events))
	}
	return a, nil
}

// ordinal answers with the first or last event, of the timeline or of the
// spans asked about.
func (e *Engine) ordinal(ctx context.Context, which Kind, spans []dateexpr.Span) (Answer, error) {
	var hits []index.Hit
	var err error
	if len(spans) > 0 {
		hits, err = e.inSpans(ctx, "", spans)
	} else {
		hits, err = e.finder.Search(ctx, index.Query{ByDate: true})
	}
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Kind: which, Events: []Found{}}
	if len(hits) == 0 {
		a.Text = "Nothing in the timeline then."
		return a, nil
	}
	pick, word := hits[0], "first"
	if which == Last {
		pick, word = hits[len(hits)-1], "last"
	}
	a.Events = []Found{found(pick)}
	a.Text = fmt.Sprintf("The %s entry: %s, %s.", word, pick.Event.DatesHuman(), pick.Event.Title)
	return a, nil
}

// count answers how many events there are: in the spans asked about, and
// mentioning every word asked about.
func (e *Engine) count(ctx context.Context, in intent, spans []dateexpr.Span) (Answer, error) {
	var hits []index.Hit
	var err error
	var scope []string
	switch {
	case in.window != nil:
		var ref reference
		_, ref, hits, err = e.placed(ctx, *in.window)
		if err == nil {
			scope = append(scope, in.window.describe(ref.desc))
		}
		spans = nil // the dates, if any, were the anchor's
	case in.relative == Range:
		// "how many events between the endorsement and the recusal"
		var from, to reference
		from, to, hits, err = e.strictlyBetween(ctx, in.ref, in.other)
		if err == nil {
			scope = append(scope, fmt.Sprintf("between %s and %s", from.desc, to.desc))
		}
		spans = nil // the dates, if any, were the references'
	case in.relative != "":
		var ref reference
		ref, hits, err = e.around(ctx, in.relative, in.ref, false, in.since)
		scope = append(scope, fmt.Sprintf("%s %s", strings.ToLower(string(in.relative)), ref.desc))
		spans = nil // the dates, if any, were the reference's
	case in.words == "" && len(spans) > 0:
		hits, err = e.inSpans(ctx, "", spans)
	case in.words == "":
		hits, err = e.finder.Search(ctx, index.Query{ByDate: true})
	default:
		hits, err = e.finder.Search(ctx, index.Query{Words: in.words, Every: true, ByDate: true})
		hits = slices.DeleteFunc(hits, func(h index.Hit) bool { return len(spans) > 0 && !inAnySpan(h.Event, spans) })
		if errors.Is(err, index.ErrNoWords) {
			hits, err = nil, nil
		}
	}
	if err != nil {
		return Answer{}, err
	}
	n := len(hits)
	a := Answer{Kind: Count, Events: foundAll(hits), Count: &n}
	if in.words != "" {
		scope = append(scope, fmt.Sprintf("about %q", in.words))
	}
	if len(spans) > 0 {
		scope = append(scope, strings.ToLower(inOrOn(spans))+" "+describeSpans(spans))
	}
	what := plural(n, "entry", "entries")
	if len(scope) > 0 {
		what += " " + strings.Join(scope, " ")
	}
	a.Text = fmt.Sprintf("The timeline has %s.", what)
	if n > 0 && n <= 10 {
		a.Text += " " + listTitles(a.Events) + "."
	}
	return a, nil
}

// duration answers how long passed between two events or dates.
func (e *Engine) duration(ctx context.Context, in intent) (Answer, error) {
	if in.other == "" {
		return e.sinceThen(ctx, in)
	}
	from, to, err := e.references(ctx, in.ref, in.other)
	if err != nil {
		return Answer{}, err
	}
	// "How long after X did Y" presumes Y came after X; say so if not.
	var premise string
	switch {
	case in.direction == After && to.start().Before(from.start()):
		premise = fmt.Sprintf(" Note that %s came before %s, not after.", to.desc, from.desc)
	case in.direction == Before && to.start().After(from.start()):
		premise = fmt.Sprintf(" Note that %s came after %s, not before.", to.desc, from.desc)
	}
	if to.start().Before(from.start()) {
		from, to = to, from
	}
	days := daysBetween(from.start(), to.start())
	a := Answer{Kind: Duration, Days: &days, Events: []Found{}}
	for _, r := range []reference{from, to} {
		if r.event != nil && !slices.ContainsFunc(a.Events, func(f Found) bool { return f.Pos == r.event.Pos }) {
			a.Events = append(a.Events, *r.event)
		}
	}
	if days == 0 {
		a.Text = fmt.Sprintf("No time at all: both are %s.", from.desc)
		return a, nil
	}
	told := describeDays(days, in.unit)
	if (from.approximate() || to.approximate()) && !strings.HasPrefix(told, "about") {
		told = "about " + told
	}
	a.Text = fmt.Sprintf("%s passed between %s and %s.%s", capitalize(told), from.desc, to.desc, premise)
	return a, nil
}

// sinceThen answers how long it has been since an event or a date.
func (e *Engine) sinceThen(ctx context.Context, in intent) (Answer, error) {
	ref, err := e.reference(ctx, in.ref, 0)
	if err != nil {
		return Answer{}, e.askYear(err)
	}
	days := daysBetween(ref.start(), e.now())
	a := Answer{Kind: Duration, Days: &days, Events: []Found{}}
	if ref.event != nil {
		a.Events = append(a.Events, *ref.event)
	}
	if days < 0 {
		a.Text = fmt.Sprintf("%s is %s from now.", capitalize(ref.desc), describeDays(-days, in.unit))
		return a, nil
	}
	a.Text = fmt.Sprintf("It has been %s since %s.", describeDays(days, in.unit), ref.desc)
	return a, nil
}

// daysBetween counts calendar days from a to b. It counts from the dates
// themselves rather than a time.Duration, which ends at 292 years.
func daysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC).Unix()
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC).Unix()
	return int((db - da) / 86400)
}

// sentence ends s with a full stop unless it ends with other punctuation.
func sentence(s string) string {
	if strings.HasSuffix(s, "?") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func datesText(dates []dateexpr.Match) string {
	var written []string
	for _, d := range dates {
		written = append(written, d.Text)
	}
	return strings.Join(written, " ")
}

// mentions adds to an answer with nothing dated in the spans asked about
// the entries whose text names those dates: nothing is dated 1986 in a
// timeline of 2016, but an entry may recall what happened then.
func (e *Engine) mentions(ctx context.Context, a *Answer, dates []dateexpr.Match) error {
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

// compare answers which of two events came first, or last.
func (e *Engine) compare(ctx context.Context, in intent) (Answer, error) {
	one, other, err := e.references(ctx, in.ref, in.other)
	if err != nil {
		return Answer{}, err
	}
	early, late := one, other
	if other.start().Before(one.start()) {
		early, late = other, one
	}
	a := Answer{Kind: in.kind, Events: []Found{}}
	pick, word, rest := early, "first, before", late
	if in.kind == Last {
		pick, word, rest = late, "later, after", early
	}
	if pick.event != nil {
		a.Events = append(a.Events, *pick.event)
	}
	if early.start().Equal(late.start()) {
		a.Text = fmt.Sprintf("Neither: %s and %s are the same day.", early.desc, late.desc)
		return a, nil
	}
	a.Text = fmt.Sprintf("%s came %s %s.", capitalize(pick.desc), word, rest.desc)
	return a, nil
}

// saidBy reports whether the event has the person saying something: a
// quote of theirs, or a sentence of its text that reports their words
// ("Trump himself later said in a statement that ...", "said Vrell",
// "according to Vrell").
func saidBy(ev *data.Event, name string) bool {
	if quoteBy(ev, name) >= 0 {
		return true
	}
	for _, sp := range sentenceSpans(ev.Text) {
		if reports(ev.Text[sp[0]:sp[1]], name) {
			return true
		}
	}
	return false
}

// reports reports whether a sentence gives the words of the named
// person: the name, then within a few words a verb of saying ("Trump
// himself later said"); the verb just before the name at the end of a
// clause ("…,” said Vrell."); or "according to" the name. "Sorensen said
// Brant was late" is Sorensen's words, not Brant's.
func reports(sentence, name string) bool {
	for _, w := range strings.Fields(name) {
		if len([]rune(w)) < 3 {
			continue
		}
		n := regexp.QuoteMeta(w)
		verbs := `(?:said|says|told|tells|tweeted|wrote|writes|stated|declared|announced|insisted|argued|claimed|added|warned|admitted|denied|promised|posted)`
		for _, pattern := range []string{
			`(?i)\b` + n + `(?:’s|'s)?\b(?:[^.;:!?]{0,40}?)\b` + verbs + `\b`,
			`(?i)\b` + verbs + `\s+(?:\p{L}+\s+){0,4}` + n + `\s*(?:[,.;!?]|$)`,
			`(?i)\baccording to (?:\p{L}+\s+){0,2}` + n + `\b`,
		} {
			if regexp.MustCompile(pattern).MatchString(sentence) {
				return true
			}
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
