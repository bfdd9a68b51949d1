package answer

import (
	"fmt"
	"strings"

	"github.com/timelinebot/timelinebot/data"
)

// Examples are questions and lookups that work on the loaded timeline,
// for help texts and hints: drawn from its own entries, so that no
// timeline is shown another's examples.
type Examples struct {
	Question string // "what happened in March 2016?"
	Count    string // "how many entries in 2016?"
	Keyword  string // a distinctive word of an entry's title
	Day      string // a date an entry has: "Feb. 28, 2016"
	Month    string // "March 2016"
	Year     string // "2016"
}

// Examples are the examples for the engine's timeline.
func (e *Engine) Examples() Examples { return ExamplesOf(e.timeline) }

// ExamplesOf are the examples for a timeline, without an index: for help
// that should not wait for one to be built.
func ExamplesOf(tl *data.Timeline) Examples {
	evs := tl.Events
	if len(evs) == 0 {
		return Examples{}
	}
	first := evs[0].First()
	x := Examples{Day: first.Human(), Year: fmt.Sprint(first.Year)}
	x.Month = x.Year
	if first.Month != 0 {
		x.Month = data.Date{Year: first.Year, Month: first.Month}.Human()
	}
	x.Question = fmt.Sprintf("what happened in %s?", x.Month)
	x.Count = fmt.Sprintf("how many entries in %s?", x.Year)
	// The author's own examples come first.
	if len(tl.Examples) > 0 {
		x.Question = tl.Examples[0]
	}
	if len(tl.Examples) > 1 {
		x.Count = tl.Examples[1]
	}
	x.Keyword = keywordOf(evs)
	return x
}

// keywordOf is a word worth searching for: the longest capitalized word
// inside an entry's title (a name, most often), from the middle of the
// timeline; failing that, the longest word of the first title.
func keywordOf(evs []data.Event) string {
	order := append([]int{len(evs) / 2}, make([]int, 0, len(evs))...)
	for i := range evs {
		order = append(order, i)
	}
	for _, i := range order {
		best := ""
		for j, w := range strings.Fields(evs[i].Title) {
			w = strings.Trim(w, ",.:;!?’'\"“”()")
			if j > 0 && len(w) > len(best) && len(w) >= 4 && startsUpper(w) {
				best = w
			}
		}
		if best != "" {
			return best
		}
	}
	best := ""
	for _, w := range strings.Fields(evs[0].Title) {
		if w = strings.Trim(w, ",.:;!?’'\"“”()"); len(w) > len(best) {
			best = w
		}
	}
	return best
}
