package index

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/data"
)

// synthetic is a timeline of n events made from the seed's, one a day
// from 1900 on, with a number in each title so no two are alike.
func synthetic(b *testing.B, n int) *data.Timeline {
	b.Helper()
	seed, err := data.Seed()
	if err != nil {
		b.Fatal(err)
	}
	tl := &data.Timeline{Title: "synthetic", Source: seed.Source}
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		e := seed.Events[i%len(seed.Events)]
		d := start.AddDate(0, 0, i)
		e.ID = fmt.Sprintf("e%d", i)
		e.Title = fmt.Sprintf("%s %d", e.Title, i)
		e.Dates = []data.Date{{Year: d.Year(), Month: d.Month(), Day: d.Day()}}
		tl.Events = append(tl.Events, e)
	}
	return tl
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{9, 10_000} {
		tl := synthetic(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ix, err := Build(context.Background(), tl)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{9, 10_000} {
		ix, err := Build(context.Background(), synthetic(b, n))
		if err != nil {
			b.Fatal(err)
		}
		queries := map[string]Query{
			"keywords":      {Words: "Sessions recuse himself", Limit: 5},
			"typo":          {Words: "Kislak Mayflwer", Limit: 5},
			"paraphrase":    {Words: "attorney general quit", Limit: 5},
			"month by date": {From: time.Date(1910, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(1910, 4, 1, 0, 0, 0, 0, time.UTC), ByDate: true},
		}
		for name, q := range queries {
			b.Run(fmt.Sprintf("%d/%s", n, name), func(b *testing.B) {
				for b.Loop() {
					if _, err := ix.Search(context.Background(), q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		ix.Close()
	}
}
