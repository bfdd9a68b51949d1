package answer

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

// window places the events a question asks about relative to an anchor,
// an event named in words or a date: "the day after the hearing", "less
// than a week after the endorsement", "two months before X", "the same
// month as X".
type window struct {
	anchor string
	// rel is Before or After; "" is the same day, week, month or year as
	// the anchor.
	rel Kind
	// n is how many units away; 0 is the unit right next to the anchor
	// ("the day after", "the week before").
	n    int
	unit string // "day", "week", "month" or "year"
	// within takes every event up to n units away ("less than a week
	// after", "within two days of"); exclusive says whether n itself is
	// out ("less than") or in ("within").
	within, exclusive bool
}

var (
	// "What happened the day after X?", "anything less than a week after
	// X", "events within two months before X", "two weeks after X".
	windowRel = regexp.MustCompile(`(?i)^(.*?)\b(?:(less than|fewer than|under|within|no more than|not more than|at most|up to|in) )?(?:(the|a|an|one|\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of) )?(days?|weeks?|months?|years?) (after|later than|following|before|prior to|earlier than|ahead of|preceding|of) (.+)$`)
	// "in the same month as X", "the same year as X".
	windowSame = regexp.MustCompile(`(?i)^(.*?)\b(?:in |on |during )?the same (day|week|month|year) as (.+)$`)
	// "between the Mayflower speech and the nomination": the events
	// strictly between two events or dates.
	betweenRefs = regexp.MustCompile(`(?i)^(.*?)\bbetween (.+?) and (.+)$`)
	// "after the nomination and before the travel ban tweets", "before Y
	// but after X".
	afterBefore = regexp.MustCompile(`(?i)^(.*?)\b(?:after|since|following) (.+?),? (?:and|but) (?:also )?(?:before|prior to|until|preceding) (.+)$`)
	beforeAfter = regexp.MustCompile(`(?i)^(.*?)\b(?:before|prior to|until|preceding) (.+?),? (?:and|but) (?:also )?(?:after|since|following) (.+)$`)
)

// linking are verbs that place an event without saying what it is: the
// prefix "which entry falls" of "which entry falls between X and Y" names
// nothing to search for.
var linking = wordSet(`falls fall fell lies lie lay sits sit sat comes appear appears appeared is are was were`)

// asksNothing reports whether the words before a placement ("what
// happened", "which entry falls", "how many events came") name nothing of
// their own: they only ask.
func asksNothing(prefix string) bool {
	for _, w := range strings.Fields(contentWords(prefix, nil)) {
		if !linking[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "a couple of": 2,
}

// readWindow reads a placement relative to an anchor from q, or nil.
func readWindow(q string) *window {
	if m := windowSame.FindStringSubmatch(q); m != nil && asksNothing(m[1]) {
		return &window{anchor: m[3], unit: strings.ToLower(m[2])}
	}
	m := windowRel.FindStringSubmatch(q)
	if m == nil || !asksNothing(m[1]) {
		return nil
	}
	qualifier, amount, rel := strings.ToLower(m[2]), strings.ToLower(m[3]), strings.ToLower(m[5])
	w := &window{anchor: m[6], unit: strings.TrimSuffix(strings.ToLower(m[4]), "s"), rel: After}
	switch rel {
	case "before", "prior to", "earlier than", "ahead of", "preceding":
		w.rel = Before
	case "of":
		// "within a week of X" is either side; "a week of X" is no
		// placement at all.
		if qualifier == "" || qualifier == "in" {
			return nil
		}
		w.rel = ""
	}
	switch {
	case amount == "the" || amount == "" && qualifier == "in":
		// "the day after", "in the week before": the next unit.
	case amount == "":
		return nil // "days after X" says no amount
	default:
		if n, err := strconv.Atoi(amount); err == nil {
			w.n = n
		} else {
			w.n = numberWords[amount]
		}
	}
	switch qualifier {
	case "less than", "fewer than", "under":
		w.within, w.exclusive = true, true
	case "within", "no more than", "not more than", "at most", "up to":
		w.within = true
	}
	if w.rel == "" && !w.within {
		return nil
	}
	if w.n == 0 && w.within {
		w.n = 1 // "within the week after"
	}
	return w
}

// readBetween reads "between X and Y" and "after X but before Y", where
// X and Y are not both dates (those are a date range, read by dateexpr).
func readBetween(q string, dates []dateexpr.Match) (from, to string, ok bool) {
	for _, d := range dates {
		if d.Span.IsRange() || d.Err != nil {
			return "", "", false // "between March and June 2017"
		}
	}
	if m := afterBefore.FindStringSubmatch(q); m != nil && asksNothing(m[1]) {
		return m[2], m[3], true
	}
	if m := beforeAfter.FindStringSubmatch(q); m != nil && asksNothing(m[1]) {
		return m[3], m[2], true
	}
	if m := betweenRefs.FindStringSubmatch(q); m != nil && asksNothing(m[1]) {
		return m[2], m[3], true
	}
	return "", "", false
}

// step moves t by n of the window's units. A month or year from a day
// its target month lacks is that month's last day: a month before March
// 31 is the end of February, not March 2.
func (w window) step(t time.Time, n int) time.Time {
	switch w.unit {
	case "week":
		return t.AddDate(0, 0, 7*n)
	case "month":
		return addMonths(t, n)
	case "year":
		return addMonths(t, 12*n)
	}
	return t.AddDate(0, 0, n)
}

func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC)
}

// spans are the time the window covers around a reference. After a
// reference, it starts the day after its last date; before, it ends at
// its first date's start; "within N days of" an entry with several dates
// is a window around each.
func (w window) spans(ref reference) []dateexpr.Span {
	if w.rel == "" && w.within && ref.date == nil && ref.event != nil && len(ref.event.Event.Dates) > 1 {
		var out []dateexpr.Span
		for _, d := range ref.event.Event.Dates {
			one := ref
			one.date = &d
			out = append(out, w.spans(one)...)
		}
		return out
	}
	day := func(t time.Time) []dateexpr.Span {
		return []dateexpr.Span{{Start: t, End: t.AddDate(0, 0, 1), Precision: dateexpr.Day}}
	}
	// days is [from, to), nothing at all when to is not after from
	// ("less than a day before").
	days := func(from, to time.Time) []dateexpr.Span {
		if !to.After(from) {
			return nil
		}
		return []dateexpr.Span{{Start: from, End: to, Precision: dateexpr.Day}}
	}
	lastDay := ref.end().AddDate(0, 0, -1) // the reference's last day
	first := ref.start()
	switch {
	case w.rel == "":
		if !w.within {
			return []dateexpr.Span{sameUnit(first, w.unit)}
		}
		start, end := w.step(first, -w.n), w.step(lastDay, w.n).AddDate(0, 0, 1)
		if w.exclusive {
			start, end = start.AddDate(0, 0, 1), end.AddDate(0, 0, -1)
		}
		return days(start, end)
	case w.rel == After && w.within:
		end := w.step(lastDay, w.n)
		if !w.exclusive {
			end = end.AddDate(0, 0, 1)
		}
		return days(ref.end(), end)
	case w.rel == After && w.n == 0:
		return days(ref.end(), w.step(ref.end(), 1))
	case w.rel == After:
		return day(w.step(lastDay, w.n))
	case w.within:
		start := w.step(first, -w.n)
		if w.exclusive {
			start = start.AddDate(0, 0, 1)
		}
		return days(start, first)
	case w.n == 0:
		return days(w.step(first, -1), first)
	default:
		return day(w.step(first, -w.n))
	}
}

// sameUnit is the day, week (Monday to Sunday), month or year t is in.
func sameUnit(t time.Time, unit string) dateexpr.Span {
	switch unit {
	case "week":
		monday := t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
		return dateexpr.Span{Start: monday, End: monday.AddDate(0, 0, 7), Precision: dateexpr.Day}
	case "month":
		start := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return dateexpr.Span{Start: start, End: start.AddDate(0, 1, 0), Precision: dateexpr.Month}
	case "year":
		start := time.Date(t.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
		return dateexpr.Span{Start: start, End: start.AddDate(1, 0, 0), Precision: dateexpr.Year}
	}
	return dateexpr.Span{Start: t, End: t.AddDate(0, 0, 1), Precision: dateexpr.Day}
}

// describe says what the window is, around the reference described.
func (w window) describe(desc string) string {
	if w.rel == "" && !w.within {
		return fmt.Sprintf("the same %s as %s", w.unit, desc)
	}
	rel := strings.ToLower(string(w.rel))
	if w.rel == "" {
		rel = "of"
	}
	amount := plural(w.n, w.unit, w.unit+"s")
	switch {
	case w.within && w.exclusive:
		return fmt.Sprintf("less than %s %s %s", amount, rel, desc)
	case w.within:
		return fmt.Sprintf("within %s %s %s", amount, rel, desc)
	case w.n == 0:
		return fmt.Sprintf("the %s %s %s", w.unit, rel, desc)
	}
	return fmt.Sprintf("%s %s %s", amount, rel, desc)
}

// placed finds the events in a window around an anchor, in order. The
// anchor event itself is left out of a window before or after it, and kept
// in the same day, month or year as itself.
func (e *Engine) placed(ctx context.Context, w window) ([]dateexpr.Span, reference, []index.Hit, error) {
	ref, err := e.reference(ctx, w.anchor, 0)
	if err != nil {
		return nil, reference{}, nil, e.askYear(err)
	}
	spans := w.spans(ref)
	hits, err := e.inSpans(ctx, "", spans)
	if err != nil {
		return nil, reference{}, nil, err
	}
	if ref.event != nil && (w.rel != "" || w.within) {
		hits = slices.DeleteFunc(hits, func(h index.Hit) bool { return h.Pos == ref.event.Pos })
	}
	return spans, ref, hits, nil
}

// inWindow answers what happened in a window around an anchor.
func (e *Engine) inWindow(ctx context.Context, w window) (Answer, error) {
	spans, ref, hits, err := e.placed(ctx, w)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Kind: Range, Events: foundAll(hits)}
	if oneDay(spans) {
		a.Kind = OnDate
	}
	where := w.describe(ref.desc)
	if len(spans) > 0 {
		where += " (" + describeSpans(spans) + ")"
	}
	if len(hits) == 0 {
		a.Events = []Found{}
		a.Text = fmt.Sprintf("Nothing in the timeline %s.", where)
		return a, nil
	}
	a.Text = fmt.Sprintf("%s, %s: %s.", capitalize(where), plural(len(hits), "entry", "entries"), listTitles(a.Events))
	return a, nil
}

// strictlyBetween finds the events whose first date falls after one
// reference and before the other, in order, whichever way round they were
// given.
func (e *Engine) strictlyBetween(ctx context.Context, a, b string) (from, to reference, hits []index.Hit, err error) {
	from, to, err = e.references(ctx, a, b)
	if err != nil {
		return reference{}, reference{}, nil, err
	}
	if to.start().Before(from.start()) {
		from, to = to, from
	}
	if !from.end().Before(to.start()) {
		return from, to, nil, nil
	}
	hits, err = e.finder.Search(ctx, index.Query{From: from.end(), To: to.start(), ByDate: true})
	if err != nil {
		return reference{}, reference{}, nil, err
	}
	hits = slices.DeleteFunc(hits, func(h index.Hit) bool {
		first := h.Event.First()
		return first.Start().Before(from.end()) || first.End().After(to.start()) ||
			from.event != nil && h.Pos == from.event.Pos || to.event != nil && h.Pos == to.event.Pos
	})
	return from, to, hits, nil
}

// between answers which events fall between two events or dates.
func (e *Engine) between(ctx context.Context, in intent) (Answer, error) {
	from, to, hits, err := e.strictlyBetween(ctx, in.ref, in.other)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Kind: Range, Events: foundAll(hits)}
	if len(hits) == 0 {
		a.Events = []Found{}
		a.Text = fmt.Sprintf("Nothing in the timeline falls between %s and %s.", from.desc, to.desc)
		return a, nil
	}
	a.Text = fmt.Sprintf("Between %s and %s, %s: %s.", from.desc, to.desc, plural(len(hits), "entry", "entries"), listTitles(a.Events))
	return a, nil
}

// ordinals are the words that pick one of several dates or occasions:
// "the second meeting", "for the last time".
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1, "final": -1, "latest": -1,
}

// ordinalWord finds any of the ordinals, as whole words.
var ordinalWord = regexp.MustCompile(`(?i)\b(` + strings.Join(slices.Sorted(maps.Keys(ordinals)), "|") + `)\b`)

// nthOf is the ordinal a text gives ("the second Kislyak meeting": 2, "the
// last time": -1), or 0.
func nthOf(text string) int {
	if m := ordinalWord.FindString(text); m != "" {
		return ordinals[strings.ToLower(m)]
	}
	return 0
}

// pickDate is the nth date of an event (counting from 1; -1 is the last),
// and whether it has one: the second of two meetings told as one entry.
func pickDate(ev *data.Event, nth int) (data.Date, bool) {
	if len(ev.Dates) < 2 || nth == 0 || nth > len(ev.Dates) {
		return data.Date{}, false
	}
	if nth < 0 {
		return ev.Dates[len(ev.Dates)-1], true
	}
	return ev.Dates[nth-1], true
}

// timelineEnd and timelineStart are references to the timeline itself:
// its last or first entry.
var (
	timelineEnd   = regexp.MustCompile(`(?i)^(?:the )?(?:end|close|finish|conclusion) of the (?:timeline|story|chronology)$|^(?:the )?(?:last|final|latest|most recent) (?:entry|event|item)(?: in the timeline)?$`)
	timelineStart = regexp.MustCompile(`(?i)^(?:the )?(?:start|beginning|opening) of the (?:timeline|story|chronology)$|^(?:the )?(?:first|earliest|opening) (?:entry|event|item)(?: in the timeline)?$`)
)
