package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

// during answers what happened in one or more date spans, in
// chronological order. A span with nothing in it names the nearest entries.
func (e *Engine) during(ctx context.Context, query string, spans []dateexpr.Span) (Answer, error) {
	a := Answer{Query: query, Kind: Range}
	if len(spans) == 1 && spans[0].Precision == dateexpr.Day && spans[0].End.Sub(spans[0].Start) == 24*time.Hour {
		a.Kind = OnDate
	}
	hits, err := e.inSpans(ctx, "", spans)
	if err != nil {
		return Answer{}, err
	}
	a.Events = foundAll(hits)
	when := describeSpans(spans)
	if len(hits) > 0 {
		a.Text = fmt.Sprintf("%s %s: %s.", inOrOn(spans), when, listTitles(a.Events))
		if len(hits) > 1 {
			a.Text = fmt.Sprintf("%s %s, %s: %s.", inOrOn(spans), when, plural(len(hits), "entry", "entries"), listTitles(a.Events))
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
// words if any, in chronological order.
func (e *Engine) inSpans(ctx context.Context, words string, spans []dateexpr.Span) ([]index.Hit, error) {
	var all []index.Hit
	for _, s := range spans {
		hits, err := e.finder.Search(ctx, index.Query{Words: words, From: s.Start, To: s.End, ByDate: words == "", MostWordsFirst: true})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if !slices.ContainsFunc(all, func(o index.Hit) bool { return o.Pos == h.Pos }) {
				all = append(all, h)
			}
		}
	}
	if words == "" || len(spans) > 1 {
		slices.SortFunc(all, func(a, b index.Hit) int { return a.Pos - b.Pos })
	}
	return all, nil
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
	if len(spans) == 1 && spans[0].Precision == dateexpr.Day && spans[0].End.Sub(spans[0].Start) == 24*time.Hour {
		return "On"
	}
	if len(spans) == 1 && isRange(spans[0]) {
		return "From"
	}
	return "In"
}

// isRange reports whether a span is more than one day, month or year.
func isRange(s dateexpr.Span) bool {
	switch s.Precision {
	case dateexpr.Day:
		return s.End.Sub(s.Start) > 24*time.Hour
	case dateexpr.Month:
		return s.Start.AddDate(0, 1, 0).Before(s.End)
	default:
		return s.Start.AddDate(1, 0, 0).Before(s.End)
	}
}

func describeSpans(spans []dateexpr.Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = s.String()
		if len(spans) == 1 && isRange(s) {
			// "From March 2016 to November 2016", after inOrOn's "From".
			parts[i] = strings.Replace(parts[i], " – ", " to ", 1)
		}
	}
	return strings.Join(parts, " or ")
}

func listTitles(fs []Found) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = fmt.Sprintf("%s, %s", f.Event.DatesHuman(), f.Title)
	}
	return strings.Join(parts, "; ")
}
