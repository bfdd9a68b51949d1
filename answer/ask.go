package answer

import (
	"context"
	"errors"
	"slices"
	"strings"

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
		return Answer{}, userErrorf(CodeNoQuestion, "Ask me something about the timeline, for example: %s", e.Examples().Question)
	}
	if word, why := e.dates.Unread(unquoted(question)); why != "" && !e.present(word) {
		return Answer{}, userErrorf(CodeBadDate, "%s", sentence(capitalize(why)))
	}
	in := understand(question, e.dates)
	for _, d := range in.dates {
		if d.Err != nil {
			return Answer{}, userErrorf(CodeBadDate, "I couldn't read that date: %v", d.Err)
		}
	}
	spans := e.resolve(in.dates)
	if len(in.dates) > 0 && len(spans) == 0 {
		return Answer{}, userErrorf(CodeBadDate, "The timeline has no %s in any of its years.", in.dates[0].Text)
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
			if err == nil && len(a.Events) == 0 {
				err = e.mentions(ctx, &a, in.dates)
			}
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

// present reports whether the timeline has the word as typed or in a
// form of it.
func (e *Engine) present(word string) bool {
	ws := e.finder.Words(word)
	return len(ws) > 0 && ws[0].Presence == index.Present
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
