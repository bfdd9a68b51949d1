package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/dateexpr"
)

// BenchmarkAsk is the cost of one question, end to end on the built-in
// timeline: reading it, its dates, the lookups and the answer sentence.
//
// The question texts name the built-in timeline because they measure it;
// the code they run knows nothing of it.
func BenchmarkAsk(b *testing.B) {
	e := seedEngine(b)
	for _, q := range []string{
		"When did Sessions recuse himself?",
		"What happened between April 2016 and January 2017?",
		"How long after the recusal did Sessions offer to resign?",
		"Who said 'This is a movement'?",
		"Kislak",
		// the kinds that read anchors, abstain, describe or say yes or no
		"What happened the day after the travel ban tweets?",
		"How many days after the second Kislyak meeting did the confirmation hearing take place?",
		"Which entry falls between the Mayflower speech and the nomination?",
		"When did Sessions meet Putin?",
		"Who is Sergey Kislyak?",
		"Did Sessions ever meet the Russian ambassador in his office?",
		"What happened in the fall of 2016?",
	} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := e.Ask(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnderstand is reading a question alone, no lookups, at two
// lengths: the reader's cost grows with the question, linearly.
func BenchmarkUnderstand(b *testing.B) {
	for _, n := range []int{1, 8} {
		q := strings.Repeat("how many days after the second meeting did the hearing take place ", n)
		b.Run(fmt.Sprintf("%dchars", len(q)), func(b *testing.B) {
			for b.Loop() {
				understand(q, dateexpr.Reader{})
			}
		})
	}
}
