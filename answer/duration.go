package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

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
		if from.desc == to.desc {
			a.Text = fmt.Sprintf("No time at all: both are %s.", from.desc)
		} else {
			a.Text = fmt.Sprintf("No time at all: %s and %s are the same day.", from.desc, to.desc)
		}
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
