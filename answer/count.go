package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/timelinebot/timelinebot/dateexpr"
	"github.com/timelinebot/timelinebot/index"
)

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
