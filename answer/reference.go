package answer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

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

// errNoYear is a reference to a day or month named without a year.
var errNoYear = errors.New("no year")

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
			return reference{}, userErrorf(CodeBadDate, "I couldn't read that date: %v", d.Err)
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
			return reference{}, userErrorf(CodeBadDate, "%d has no %s.", year, d.Text)
		}
		return reference{span: span, desc: span.String()}, nil
	}
	if words == "" {
		return reference{}, userErrorf(CodeUnknownEvent, "I couldn't tell which event %q means.", text)
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
		return reference{}, userErrorf(CodeUnknownEvent, "I couldn't find %q in the timeline.", text)
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
	ref := eventReference(f)
	if d, ok := pickDate(f.Event, nth); ok {
		// "the second Kislyak meeting": one date of an entry that tells
		// of two.
		ref.date = &d
		ref.desc = fmt.Sprintf("%s (%s)", d.Human(), f.Title)
	}
	return ref, nil
}

// eventReference measures from an event, named as answers name one: its
// dates and its title.
func eventReference(f Found) reference {
	return reference{event: &f, desc: fmt.Sprintf("%s (%s)", f.Event.DatesHuman(), f.Title)}
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
	ref := eventReference(found(index.Hit{Event: &evs[pos], Pos: pos}))
	if pos > 0 {
		// The end of the timeline is its last date.
		d := ref.event.Event.Dates[len(ref.event.Event.Dates)-1]
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
		return userErrorf(CodeAmbiguous, "Which year? The timeline has more than one; say, for example, %q.", strings.TrimSuffix(err.Error(), ": "+errNoYear.Error())+fmt.Sprintf(" %d", ys[len(ys)-1]))
	}
	return err
}
