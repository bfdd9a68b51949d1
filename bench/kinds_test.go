package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/index"
	"github.com/timelinebot/timelinebot/synth"
)

// BenchmarkKinds asks each kind of question of a 10,000-entry synthetic
// timeline: go test -run XXX -bench Kinds -benchmem ./bench
func BenchmarkKinds(b *testing.B) {
	tl := synth.Generate(synth.Options{Events: 10_000, Seed: 1})
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	e := answer.New(ix)
	byKind := map[string][]string{}
	for _, q := range synth.Questions(tl, 20*len(synth.Kinds()), 1) {
		byKind[q.Kind] = append(byKind[q.Kind], q.Text)
	}
	for _, kind := range synth.Kinds() {
		qs := byKind[kind]
		b.Run(kind, func(b *testing.B) {
			n := 0
			for b.Loop() {
				if _, err := e.Ask(context.Background(), qs[n%len(qs)]); failure(err) {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

// BenchmarkBuild indexes a synthetic timeline:
// go test -run XXX -bench Build -benchmem ./bench
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10_000, 50_000} {
		tl := synth.Generate(synth.Options{Events: n, Seed: 1})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ix, err := index.Build(context.Background(), tl)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}
