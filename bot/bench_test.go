package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
)

// BenchmarkHandle is one interaction in process on the built-in timeline,
// from the JSON Discord sends to the JSON of the response: decode, route,
// answer, encode. p99-ns is the 99th percentile of single calls.
//
//	go test -run XXX -bench Handle -benchmem ./bot
func BenchmarkHandle(b *testing.B) {
	r := NewRouter(slog.New(slog.DiscardHandler))
	NewHandlers(seedEngine(b)).Routes(r)
	for _, name := range []string{"ask.json", "search.json", "date.json", "between.json", "event.json", "help.json", "page_next.json"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(name, ".json"), func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				var i discordgo.Interaction
				if err := json.Unmarshal(raw, &i); err != nil {
					b.Fatal(err)
				}
				resp := r.Handle(context.Background(), &i)
				if _, err := json.Marshal(resp); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			b.ReportMetric(float64(percentile(took, 0.99)), "p99-ns")
		})
	}
}

// BenchmarkGateway is answers through the fake Discord: interactions sent
// down the gateway, answered by the bot's REST calls to the fake, in
// batches of 256 in flight. It reports answers a second and the time from
// an interaction's dispatch to its answer's arrival.
//
//	go test -run XXX -bench Gateway ./bot
func BenchmarkGateway(b *testing.B) {
	fake := discordtest.New(b)
	r := start(b, fake, func(c *Config) {
		c.Limits = Limits{PerUser: 1 << 20, UserEvery: time.Millisecond, PerChannel: 1 << 20, ChannelEvery: time.Millisecond}
	})
	r.ready(b)
	const inFlight = 256
	base := loadInteraction(b, "ask.json")
	sent := map[string]time.Time{}
	n := 0
	start := time.Now()
	for b.Loop() {
		var ids []string
		for range inFlight {
			i := *base
			i.ID = strconv.Itoa(1190000000000000000 + n)
			i.Token = "benchmark-" + i.ID
			n++
			sent[i.ID] = time.Now()
			ids = append(ids, fake.DispatchInteraction(b, &i).ID)
		}
		for _, id := range ids {
			fake.WaitInteractionResponse(b, id)
		}
	}
	elapsed := time.Since(start)
	var took []time.Duration
	for _, req := range fake.Requests() {
		// POST /api/v9/interactions/{id}/{token}/callback
		parts := strings.Split(req.Path, "/")
		if req.Method == "POST" && len(parts) == 7 && parts[3] == "interactions" {
			if at, ok := sent[parts[4]]; ok {
				took = append(took, req.Time.Sub(at))
			}
		}
	}
	if len(took) != n {
		b.Fatalf("%d answers of %d interactions", len(took), n)
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "answers/s")
	b.ReportMetric(float64(percentile(took, 0.50))/1e6, "p50-ms")
	b.ReportMetric(float64(percentile(took, 0.99))/1e6, "p99-ms")
	b.ReportMetric(float64(slices.Max(took))/1e6, "max-ms")
}

func percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}
