package answer

import (
	"context"
	"testing"
)

// BenchmarkAsk is the cost of one question, end to end on the built-in
// timeline: reading it, its dates, the lookups and the answer sentence.
func BenchmarkAsk(b *testing.B) {
	e := seedEngine(b)
	for _, q := range []string{
		"When did Sessions recuse himself?",
		"What happened between April 2016 and January 2017?",
		"How long after the recusal did Sessions offer to resign?",
		"Who said 'This is a movement'?",
		"Kislak",
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
