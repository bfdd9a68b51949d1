// Package answer turns what people ask about a timeline into answers: a
// sentence to read and the events behind it. The CLI and the Discord bot
// both answer through it, so they say the same thing.
package answer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

// Kind is the kind of question an answer answers.
type Kind string

// Kinds of answers. Ask returns the question kinds; the direct lookups
// return search, on_date, range and timeline.
const (
	When     Kind = "when"
	OnDate   Kind = "on_date"
	Range    Kind = "range"
	Before   Kind = "before"
	After    Kind = "after"
	First    Kind = "first"
	Last     Kind = "last"
	Count    Kind = "count"
	Duration Kind = "duration"
	WhoWhat  Kind = "who_what"
	Search   Kind = "search"
	Timeline Kind = "timeline"
	Summary  Kind = "summary"
	Event    Kind = "event"
)

// Answer is the reply to one question or lookup. Its JSON form is the
// contract of `timelinebot --json`.
type Answer struct {
	Query  string  `json:"query"`
	Kind   Kind    `json:"kind"`
	Text   string  `json:"answer"`
	Events []Found `json:"events"`
	// Nearest are the entries either side of a date that has none.
	Nearest []Found `json:"nearest,omitempty"`
	Count   *int    `json:"count,omitempty"`
	Days    *int    `json:"days,omitempty"`
	// Total is how many events the answer has in all, and Next, when
	// not 0, the offset of the page after the events given (see Page).
	Total int `json:"total"`
	Next  int `json:"next,omitempty"`
	// Offset is where the events given start among them all (see
	// Later).
	Offset int `json:"offset,omitempty"`
	// Spans are the dates a date lookup covered, as read: During redoes
	// the lookup from them without reading the text again.
	Spans []dateexpr.Span `json:"-"`
}

// PageSize is the most events one answer carries: no one reads more, and
// a count over a big timeline is then a page of JSON, not megabytes.
const PageSize = 100

// Page is the answer with its events from offset on, at most n of them;
// Total is how many there are in all, and Next where the next page
// starts, 0 when there is none.
func (a Answer) Page(offset, n int) Answer {
	a.Total = len(a.Events)
	offset = min(max(offset, 0), len(a.Events))
	end := min(offset+n, len(a.Events))
	a.Events = a.Events[offset:end]
	a.Offset = offset
	a.Next = 0
	if end < a.Total {
		a.Next = end
	}
	return a
}

// Shown are the events a reader is shown: for a question with one answer
// (when, who, what), the event that answers; otherwise all of them. The
// other matches of a one-answer question stay in Events for scripts, and
// a later page of them (Page) shows them all.
func (a Answer) Shown() []Found {
	if (a.Kind == When || a.Kind == WhoWhat) && len(a.Events) > 1 && !a.Later() {
		return a.Events[:1]
	}
	return a.Events
}

// Later reports whether the answer is a later page of a one-answer
// question (when, who, what): its sentence is about the event of the
// first page, and the page lists the other matches.
func (a Answer) Later() bool { return (a.Kind == When || a.Kind == WhoWhat) && a.Offset > 0 }

// Found is an event in an answer: for keyword kinds best first, for date
// kinds in chronological order.
type Found struct {
	ID    string      `json:"id"`
	Dates []data.Date `json:"dates"`
	Title string      `json:"title"`
	Text  string      `json:"text"`
	Score float64     `json:"score"`
	// Excerpt is the part of the text that answers the question.
	Excerpt string `json:"excerpt,omitempty"`
	// Quote is the quote that answers the question, if one does.
	Quote *data.Quote `json:"quote,omitempty"`

	Event   *data.Event   `json:"-"`
	Pos     int           `json:"-"` // chronological position in the timeline
	Matches []index.Match `json:"-"` // where the question's words matched
}

func found(h index.Hit) Found {
	return Found{
		ID: h.Event.ID, Dates: h.Event.Dates, Title: h.Event.Title, Text: h.Event.Text,
		Score: h.Score, Event: h.Event, Pos: h.Pos, Matches: h.Matches,
	}
}

// Finder is what answering needs of an index.
type Finder interface {
	Search(ctx context.Context, q index.Query) ([]index.Hit, error)
	// Words says how the timeline has each word of a query.
	Words(words string) []index.Word
	Timeline() *data.Timeline
}

var _ Finder = (*index.Index)(nil)

// Engine answers questions about one indexed timeline.
type Engine struct {
	finder   Finder
	timeline *data.Timeline
	// now is today, for "how long has it been since ...".
	now func() time.Time
	// dates reads the dates in questions, two-digit years put in the
	// century of the timeline's own years.
	dates dateexpr.Reader
}

// New returns an Engine over the index.
func New(f Finder) *Engine {
	e := &Engine{finder: f, timeline: f.Timeline(), now: time.Now}
	if ys := e.years(); len(ys) > 0 {
		e.dates = dateexpr.Reader{From: ys[0], To: ys[len(ys)-1]}
	}
	return e
}

// askTimeout bounds the work of one question, all its lookups together.
const askTimeout = 3 * time.Second

// Timeline is the timeline the engine answers about.
func (e *Engine) Timeline() *data.Timeline { return e.timeline }

// MaxQuestionLength bounds the text one question may carry; longer text is
// cut. With askTimeout and the index's caps on words and tiers, it bounds
// the work one question can cause.
const MaxQuestionLength = 500

// DefaultLimit is how many events a keyword answer lists.
const DefaultLimit = 5

// Search answers a keyword lookup: the best-matching events first.
func (e *Engine) Search(ctx context.Context, words string, limit int) (Answer, error) {
	words = clean(words)
	if words == "" {
		return Answer{}, userErrorf(CodeNoQuestion, "Please give some words to search for.")
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	a := Answer{Query: words, Kind: Search}
	hits, err := e.finder.Search(ctx, index.Query{Words: words, Limit: limit, MostWordsFirst: true})
	if errors.Is(err, index.ErrNoWords) {
		return Answer{}, userErrorf(CodeCommonWords, "%q has only very common words; try a name or a more specific word.", words)
	}
	if err != nil {
		return Answer{}, err
	}
	a.Events = foundAll(hits)
	if len(a.Events) == 0 {
		a.Text = fmt.Sprintf("Nothing in the timeline matches %q.", words)
		return a, nil
	}
	best := &a.Events[0]
	best.Excerpt = bestSentence(best.Text, best.Matches)
	a.Text = fmt.Sprintf("%s: %s", best.Event.DatesHuman(), best.Title)
	if len(a.Events) > 1 {
		a.Text += fmt.Sprintf(" (and %s)", plural(len(a.Events)-1, "more match", "more matches"))
	}
	return a, nil
}

// On answers what happened on a date, in a month or year, or in a range
// written as one expression ("June 5-6, 2017").
func (e *Engine) On(ctx context.Context, when string) (Answer, error) {
	when = clean(when)
	span, err := e.dates.Parse(when)
	if errors.Is(err, dateexpr.ErrNoYear) {
		// "June 5": that day in every year of the timeline.
		if m, ok := e.dates.Whole(when); ok {
			if spans := e.resolve([]dateexpr.Match{m}); len(spans) > 0 {
				return e.during(ctx, when, spans)
			}
		}
		return Answer{}, userErrorf(CodeBadDate, "The timeline has no %s in any of its years.", when)
	}
	if err != nil {
		return Answer{}, userErrorf(CodeBadDate, "I couldn't read that date: %v", err)
	}
	return e.during(ctx, when, []dateexpr.Span{span})
}

// Between answers what happened from one date to another, both included.
func (e *Engine) Between(ctx context.Context, from, to string) (Answer, error) {
	from, to = clean(from), clean(to)
	start, err := e.dates.Parse(from)
	if err != nil {
		return Answer{}, userErrorf(CodeBadDate, "I couldn't read the first date: %v", err)
	}
	end, err := e.dates.Parse(to)
	if err != nil {
		return Answer{}, userErrorf(CodeBadDate, "I couldn't read the second date: %v", err)
	}
	swapped := end.End.Before(start.End)
	if swapped {
		// "between 2017 and 2016": the person meant the years, not an
		// empty span; answer from the earlier and say so.
		start, end, from, to = end, start, to, from
	}
	a, err := e.during(ctx, from+" to "+to, []dateexpr.Span{dateexpr.Through(start, end)})
	if err == nil && swapped {
		a.Text = fmt.Sprintf("(The later date came first; this is from %s to %s.) %s", start, end, a.Text)
	}
	return a, err
}

// During answers what happened in spans already read, as On answers for
// the spans it reads: what a paging button redoes from the spans an
// answer kept.
func (e *Engine) During(ctx context.Context, spans []dateexpr.Span) (Answer, error) {
	if len(spans) == 0 {
		return Answer{}, userErrorf(CodeBadDate, "There is no date to look up.")
	}
	return e.during(ctx, describeSpans(spans), spans)
}

// All is the whole timeline in order.
func (e *Engine) All(ctx context.Context) (Answer, error) {
	hits, err := e.finder.Search(ctx, index.Query{ByDate: true})
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Query: "timeline", Kind: Timeline, Events: foundAll(hits)}
	a.Text = fmt.Sprintf("%s: %s, %s to %s.", e.timeline.Title, plural(len(hits), "entry", "entries"),
		hits[0].Event.First().Human(), hits[len(hits)-1].Event.Dates[len(hits[len(hits)-1].Event.Dates)-1].Human())
	return a, nil
}

// EventByID answers with one event, for links and buttons that name it.
func (e *Engine) EventByID(id string) (Answer, error) {
	for pos := range e.timeline.Events {
		ev := &e.timeline.Events[pos]
		if ev.ID == id {
			f := found(index.Hit{Event: ev, Pos: pos})
			return Answer{Query: id, Kind: Event, Text: fmt.Sprintf("%s: %s", ev.DatesHuman(), ev.Title), Events: []Found{f}}, nil
		}
	}
	return Answer{}, userErrorf(CodeUnknownEvent, "There is no event %q in this timeline.", id)
}

func foundAll(hits []index.Hit) []Found {
	out := make([]Found, len(hits))
	for i, h := range hits {
		out[i] = found(h)
	}
	return out
}

// clean trims the text, folds runs of white space and cuts it to
// MaxQuestionLength runes.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	n := 0
	for i := range s {
		if n == MaxQuestionLength {
			return s[:i]
		}
		n++
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
