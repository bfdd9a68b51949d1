package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// Question is one question for a benchmark of the answer path, and the
// kind of answer it asks for.
type Question struct {
	Kind string // one of Kinds
	Text string
}

// The kinds of question, in the order Questions deals them.
const (
	Keyword  = "keyword"  // 1 to 3 distinctive words of a title: "Lopez reformation"
	When     = "when"     // "when did Maria Lopez approve the budget?", from a title
	OnDate   = "date"     // "what happened on Feb. 28, 2016?", a day an entry has
	InMonth  = "month"    // "what happened in March 2016?", a month an entry falls in
	Between  = "range"    // "what happened between <date> and <later date>?"
	Count    = "count"    // "how many entries in 2016?"
	Duration = "duration" // "how long between <title> and <title>?"
)

// Kinds are the kinds of question, in the order Questions deals them.
func Kinds() []string {
	return []string{Keyword, When, OnDate, InMonth, Between, Count, Duration}
}

// Questions draws n questions from tl, the same for the same timeline, n
// and seed. The kinds come in turn, so n of 7 or more has every kind and
// any n has them in a fixed mix; what each asks about is drawn from the
// entries, so every date and title a question names is in tl. Any
// timeline will do; a synthetic one's headlines make the "when" questions
// read best.
func Questions(tl *data.Timeline, n int, seed uint64) []Question {
	if n <= 0 || tl == nil || len(tl.Events) == 0 {
		return nil
	}
	q := &questioner{tl: tl, l: vocabulary(), r: rand.New(rand.NewPCG(seed, 0x7175657374))}
	kinds := Kinds()
	out := make([]Question, 0, n)
	for i := range n {
		kind := kinds[i%len(kinds)]
		out = append(out, Question{Kind: kind, Text: q.ask(kind)})
	}
	return out
}

type questioner struct {
	tl *data.Timeline
	l  *lists
	r  *rand.Rand
}

func (q *questioner) event() *data.Event { return &q.tl.Events[q.r.IntN(len(q.tl.Events))] }

func (q *questioner) ask(kind string) string {
	switch kind {
	case Keyword:
		return strings.Join(q.keywords(q.event().Title, 1+q.r.IntN(3)), " ")
	case When:
		return whenQuestion(q.event().Title, q.l)
	case OnDate:
		return "what happened on " + q.day().Human() + "?"
	case InMonth:
		d := q.month()
		return fmt.Sprintf("what happened in %s %d?", d.Month, d.Year)
	case Between:
		a, b := q.twoDates()
		return "what happened between " + a.Human() + " and " + b.Human() + "?"
	case Count:
		return "how many entries in " + strconv.Itoa(q.event().Dates[0].Year) + "?"
	case Duration:
		a, b := q.twoTitles()
		return "how long between " + a + " and " + b + "?"
	}
	panic("synth: no question of kind " + kind)
}

// keywords are the k rarest words of a title, in the title's order: the
// words a reader searching for the entry would type. Function words and
// the headline verb are never keywords; names and places, not in the
// vocabulary, count as nameRank.
func (q *questioner) keywords(title string, k int) []string {
	type cand struct{ pos, rank int }
	var cands []cand
	words := strings.Fields(title)
	for i, w := range words {
		w = strings.Trim(w, `.,;:!?"'()`)
		words[i] = w
		lower := strings.ToLower(w)
		if w == "" || q.l.stop[lower] || q.l.verb3[lower] != "" {
			continue
		}
		rank, known := q.l.rank[lower]
		if !known {
			rank = nameRank
		}
		cands = append(cands, cand{i, rank})
	}
	if len(cands) == 0 {
		return strings.Fields(title)[:min(k, len(words))]
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return b.rank - a.rank })
	cands = cands[:min(k, len(cands))]
	slices.SortFunc(cands, func(a, b cand) int { return a.pos - b.pos })
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = words[c.pos]
	}
	return out
}

// nameRank is how rare a word of a title outside the vocabulary counts
// as: a person or a place recurs in about as many entries as a word of
// that rank, rarer than common news words and commoner than coined ones.
const nameRank = 1000

// whenQuestion asks when a headline happened, turning its verb back into
// the form a question takes: "Maria Lopez approves budget plan" is "when
// did Maria Lopez approve budget plan?". A title with no headline verb is
// asked about as it is.
func whenQuestion(title string, l *lists) string {
	words := strings.Fields(title)
	for i, w := range words {
		if base, ok := l.verb3[w]; ok && i > 0 {
			words[i] = base
			return "when did " + strings.Join(words, " ") + "?"
		}
	}
	return "when was " + title + "?"
}

// day is a day some entry has: a date "what happened on" can name.
// A timeline with none gives a month or year.
func (q *questioner) day() data.Date {
	for range 64 {
		for _, d := range q.event().Dates {
			if d.Day != 0 && !d.IsSpan() {
				return d
			}
		}
	}
	return q.event().Dates[0]
}

// month is a date some entry has with a month, a day or a month; a
// timeline of years alone gives January of one.
func (q *questioner) month() data.Date {
	for range 64 {
		if d := q.event().Dates[0]; d.Month != 0 {
			return d
		}
	}
	d := q.event().Dates[0]
	d.Month = time.January
	return d
}

// twoDates are the first dates of two entries, the second after the
// first, near enough that the answer lists a page of entries rather than
// the whole timeline.
func (q *questioner) twoDates() (data.Date, data.Date) {
	events := q.tl.Events
	i := q.r.IntN(len(events))
	a := events[i].Dates[0]
	reach := max(1, min(len(events)/20, 5000))
	for j := i + 1 + q.r.IntN(reach); j < len(events); j++ {
		if b := events[j].Dates[0]; b.Start().After(a.End()) || b.Start().Equal(a.End()) {
			return a, b
		}
	}
	// Near the end: look back for an earlier one.
	for j := i - 1; j >= 0; j-- {
		if b := events[j].Dates[0]; b.End().Before(a.Start()) || b.End().Equal(a.Start()) {
			return b, a
		}
	}
	return a, a // every entry on the one date
}

// twoTitles are the titles of two different entries, the earlier first.
func (q *questioner) twoTitles() (string, string) {
	events := q.tl.Events
	i, j := q.r.IntN(len(events)), q.r.IntN(len(events))
	for tries := 0; events[i].Title == events[j].Title && tries < 16; tries++ {
		j = q.r.IntN(len(events))
	}
	if j < i {
		i, j = j, i
	}
	return events[i].Title, events[j].Title
}
