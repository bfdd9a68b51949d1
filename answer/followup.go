package answer

import (
	"context"
	"regexp"
)

// A follow-up question refers to an answer given before: "and what
// happened after that?", "how many days later did he resign?". The
// transport that saw the earlier answer knows which event it was about
// and passes it in the context; the engine keeps no memory of its own.
type anchorKey struct{}

// WithAnchor returns a context in which a question's "that", "it" or
// "then" stands for the event with id: the event of the answer the
// question follows up.
func WithAnchor(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, anchorKey{}, id)
}

func anchorOf(ctx context.Context) string {
	id, _ := ctx.Value(anchorKey{}).(string)
	return id
}

// pronoun is what a follow-up says for the event it follows up.
var pronoun = regexp.MustCompile(`(?i)^(?:that|this|it|then|there|them|that one|this one|(?:that|this|the) (?:event|entry|one|day|date))$`)

// anchorReference is the event a pronoun stands for, if the context has
// one.
func (e *Engine) anchorReference(ctx context.Context, text string) (reference, bool, error) {
	id := anchorOf(ctx)
	if !pronoun.MatchString(text) {
		return reference{}, false, nil
	}
	if id == "" {
		return reference{}, true, userErrorf(CodeAmbiguous, "I'm not sure what %q means here; reply to one of my answers, or name the event.", text)
	}
	a, err := e.EventByID(id)
	if err != nil {
		// A button from before the timeline changed.
		return reference{}, true, userErrorf(CodeUnknownEvent, "The entry that answer was about is no longer in the timeline; please ask again, naming the event.")
	}
	return eventReference(a.Events[0]), true, nil
}

var (
	// "what happened next?", "and then?", "anything before that?" without
	// the "that": the event followed up.
	followNext = regexp.MustCompile(`(?i)^(?:and )?(?:(?:what|anything)(?: else)?(?: happened| came| comes| happens| was)? )?(next|then|afterwards|after|later|before|earlier|previously|before that|after that)$`)
	// "how many days later did he resign?": from the event followed up.
	durationLater = regexp.MustCompile(`(?i)^how (long|many days|many weeks|many months|many years|much time) (later|earlier|afterwards|after|before) (?:did|was|were|had|does|is|would|could) (.+)$`)
)

// EventIDs are the ids of an answer's events as a reader is shown them,
// for a transport to carry so that a follow-up can refer to them.
func (a Answer) EventIDs() []string {
	var ids []string
	for _, f := range a.Shown() {
		ids = append(ids, f.ID)
	}
	return ids
}
