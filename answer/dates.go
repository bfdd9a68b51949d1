package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

// during answers what happened in one or more date spans, in
// chronological order. A span with nothing in it names the nearest entries.
func (e *Engine) during(ctx context.Context, query string, spans []dateexpr.Span) (Answer, error) {
	a := Answer{Query: query, Kind: Range, Spans: spans}
	if oneDay(spans) {
		a.Kind = OnDate
	}
	hits, err := e.inSpans(ctx, "", spans)
	if err != nil {
		return Answer{}, err
	}
	a.Events = foundAll(hits)
	when := describeSpans(spans)
	if len(hits) > 0 {
		// An entry dated just as asked ("On March 2, 2017") is named by
		// its title alone: the date is said once.
		titles := listTitlesIn(a.Events, when)
		a.Text = fmt.Sprintf("%s %s: %s.", inOrOn(spans), when, titles)
		if len(hits) > 1 {
			a.Text = fmt.Sprintf("%s %s, %s: %s.", inOrOn(spans), when, plural(len(hits), "entry", "entries"), titles)
		}
		return a, nil
	}
	a.Text = fmt.Sprintf("Nothing in the timeline %s %s.", strings.ToLower(inOrOn(spans)), when)
	before, after, err := e.nearest(ctx, spans[0].Start, spans[len(spans)-1].End)
	if err != nil {
		return Answer{}, err
	}
	var near []string
	if before != nil {
		a.Nearest = append(a.Nearest, *before)
		near = append(near, fmt.Sprintf("before it, %s (%s)", before.Event.DatesHuman(), before.Title))
	}
	if after != nil {
		a.Nearest = append(a.Nearest, *after)
		near = append(near, fmt.Sprintf("after it, %s (%s)", after.Event.DatesHuman(), after.Title))
	}
	if len(near) > 0 {
		a.Text += " The nearest entries: " + strings.Join(near, "; ") + "."
	}
	return a, nil
}

// inSpans returns the events with a date in any of the spans, matching the
// words if any: in chronological order without words, best first with
// them. One search covers all the spans ("in June" is a June of every
// year), so many spans cost no more than one.
func (e *Engine) inSpans(ctx context.Context, words string, spans []dateexpr.Span) ([]index.Hit, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	from, to := spans[0].Start, spans[0].End
	for _, s := range spans[1:] {
		from, to = minTime(from, s.Start), maxTime(to, s.End)
	}
	hits, err := e.finder.Search(ctx, index.Query{Words: words, From: from, To: to, ByDate: words == "", MostWordsFirst: true})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(hits, func(h index.Hit) bool { return !inAnySpan(h.Event, spans) }), nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// oneDay reports whether the spans are a single day.
func oneDay(spans []dateexpr.Span) bool {
	return len(spans) == 1 && !spans[0].IsRange() && spans[0].Precision == dateexpr.Day
}

// nearest finds the last entry before from and the first at or after to.
func (e *Engine) nearest(ctx context.Context, from, to time.Time) (before, after *Found, err error) {
	earlier, err := e.finder.Search(ctx, index.Query{To: from, ByDate: true})
	if err != nil {
		return nil, nil, err
	}
	if len(earlier) > 0 {
		f := found(earlier[len(earlier)-1])
		before = &f
	}
	later, err := e.finder.Search(ctx, index.Query{From: to, ByDate: true, Limit: 1})
	if err != nil {
		return nil, nil, err
	}
	if len(later) > 0 {
		f := found(later[0])
		after = &f
	}
	return before, after, nil
}

func inOrOn(spans []dateexpr.Span) string {
	if oneDay(spans) {
		return "On"
	}
	if _, ok := yearless(spans); ok && spans[0].Precision == dateexpr.Day {
		return "On" // "On June 5 (2016 or 2017)"
	}
	if len(spans) == 1 && spans[0].IsRange() {
		return "From"
	}
	return "In"
}

func describeSpans(spans []dateexpr.Span) string {
	if s, ok := yearless(spans); ok {
		return s
	}
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = s.String()
		if len(spans) == 1 && s.IsRange() {
			// "From March 2016 to November 2016", after inOrOn's "From".
			parts[i] = strings.Replace(parts[i], " – ", " to ", 1)
		}
	}
	return strings.Join(parts, " or ")
}

// yearless writes spans that are one day or month in several years, as a
// date given without a year reads: "June 5 (2016 or 2017)", "March (2016,
// 2017 or 2018)".
func yearless(spans []dateexpr.Span) (string, bool) {
	if len(spans) < 2 {
		return "", false
	}
	first := spans[0]
	years := make([]string, len(spans))
	for i, s := range spans {
		if s.Precision != first.Precision || s.IsRange() || s.Precision == dateexpr.Year ||
			s.Start.Month() != first.Start.Month() || s.Start.Day() != first.Start.Day() {
			return "", false
		}
		years[i] = fmt.Sprint(s.Start.Year())
	}
	d := data.Date{Year: first.Start.Year(), Month: first.Start.Month()}
	if first.Precision == dateexpr.Day {
		d.Day = first.Start.Day()
	}
	label := strings.TrimSuffix(strings.TrimSuffix(d.Human(), fmt.Sprint(d.Year)), " ")
	label = strings.TrimSuffix(label, ",")
	return fmt.Sprintf("%s (%s)", label, orList(years)), true
}

// listTitlesIn lists events by their dates and titles, leaving out a date
// that is the one asked about, when; listTitles leaves out none.
func listTitlesIn(fs []Found, when string) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		if f.Event.DatesHuman() == when {
			parts[i] = f.Title
		} else {
			parts[i] = fmt.Sprintf("%s, %s", f.Event.DatesHuman(), f.Title)
		}
	}
	return strings.Join(parts, "; ")
}

func listTitles(fs []Found) string { return listTitlesIn(fs, "") }
