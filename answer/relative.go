package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

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
