package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
	"github.com/timelinebot/timelinebot/synth"
)

// Options say what to measure.
type Options struct {
	Events int    // entries of the synthetic timeline
	Seed   uint64 // its seed
	// PerKind is how many questions of each kind are asked; Concurrent
	// how many askers ask at once in the loaded run.
	PerKind, Concurrent int
	// KeepDir, when set, is where the timeline and a kept index are
	// written, to time a restart: the kept index and timeline opened.
	KeepDir string
}

// Report is what a run measured.
type Report struct {
	Events      int           `json:"events"`
	Build       time.Duration `json:"build_ns"`
	BuildRate   float64       `json:"build_events_per_s"`
	HeapAfter   uint64        `json:"heap_after_build_bytes"`
	PeakRSS     uint64        `json:"peak_rss_bytes,omitempty"` // from /proc, where there is one
	Kinds       []Kind        `json:"kinds"`
	Interaction Latency       `json:"interaction"` // the bot's handler, in process, /ask
	// Restart is opening the kept index and the timeline kept beside it
	// (the file unchanged, not read), to the first answer; KeptBuild
	// building that index on disk and keeping the timeline.
	Restart   time.Duration `json:"restart_ns,omitempty"`
	KeptBuild time.Duration `json:"kept_build_ns,omitempty"`
	// RestartError is why the restart could not be timed.
	RestartError string   `json:"restart_error,omitempty"`
	Cores        int      `json:"cores"`
	Errors       int      `json:"errors"`
	FirstErrors  []string `json:"first_errors,omitempty"`
	errorsMu     sync.Mutex
}

// Kind is the latency of one kind of question, asked alone and by many at
// once.
type Kind struct {
	Kind   string  `json:"kind"`
	Alone  Latency `json:"alone"`
	Loaded Latency `json:"loaded"`
	// Kept is alone, asked of the kept index a restart opened.
	Kept Latency `json:"kept,omitzero"`
}

// Latency is a distribution of times.
type Latency struct {
	N   int           `json:"n"`
	P50 time.Duration `json:"p50_ns"`
	P99 time.Duration `json:"p99_ns"`
	Max time.Duration `json:"max_ns"`
}

func latencyOf(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	slices.Sort(ds)
	at := func(q float64) time.Duration { return ds[min(len(ds)-1, int(q*float64(len(ds))))] }
	return Latency{N: len(ds), P50: at(0.50), P99: at(0.99), Max: ds[len(ds)-1]}
}

// Run builds and asks, and reports.
func Run(ctx context.Context, o Options, progress io.Writer) (*Report, error) {
	if o.PerKind <= 0 {
		o.PerKind = 30
	}
	if o.Concurrent <= 0 {
		o.Concurrent = 200
	}
	r := &Report{Events: o.Events, Cores: runtime.GOMAXPROCS(0)}
	fmt.Fprintf(progress, "bench: generating %d entries (seed %d)\n", o.Events, o.Seed)
	tl := synth.Generate(synth.Options{Events: o.Events, Seed: o.Seed})
	fmt.Fprintf(progress, "bench: building the index\n")
	start := time.Now()
	ix, err := index.Build(ctx, tl)
	if err != nil {
		return nil, err
	}
	defer func() {
		if ix != nil {
			ix.Close()
		}
	}()
	r.Build = time.Since(start)
	r.BuildRate = float64(o.Events) / r.Build.Seconds()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.HeapAfter = ms.HeapAlloc
	engine := answer.New(ix)

	qs := synth.Questions(tl, o.PerKind*len(synth.Kinds()), o.Seed)
	byKind := map[string][]string{}
	for _, q := range qs {
		byKind[q.Kind] = append(byKind[q.Kind], q.Text)
	}
	for _, kind := range synth.Kinds() {
		fmt.Fprintf(progress, "bench: asking %s questions\n", kind)
		k := Kind{Kind: kind, Alone: r.ask(ctx, engine, byKind[kind], 1)}
		k.Loaded = r.ask(ctx, engine, byKind[kind], o.Concurrent)
		r.Kinds = append(r.Kinds, k)
	}
	r.Interaction = r.interactions(ctx, engine, qs)
	r.PeakRSS = peakRSS()
	ix.Close()
	ix = nil
	if o.KeepDir != "" {
		fmt.Fprintf(progress, "bench: building the kept index, then restarting from it\n")
		// What was measured so far stands when the restart fails.
		if err := r.restart(ctx, o, tl, byKind); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err() // stopped, not failed
			}
			r.RestartError = err.Error()
		}
	}
	return r, nil
}

// restart writes the timeline to dir and builds its kept index there,
// then times what a restart with the file unchanged does: stamp the
// file, open the kept index and timeline, answer.
func (r *Report) restart(ctx context.Context, o Options, tl *data.Timeline, byKind map[string][]string) error {
	dir := o.KeepDir
	file := filepath.Join(dir, "timeline.json")
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = synth.Write(w, synth.Options{Events: o.Events, Seed: o.Seed})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write the timeline: %w", err)
	}
	// The run's own scratch: a kept index of an earlier run would make
	// the build an open, and a million entries are gigabytes.
	keptDir := filepath.Join(dir, "index")
	defer os.RemoveAll(keptDir)
	defer os.Remove(file)
	if err := os.RemoveAll(keptDir); err != nil {
		return err
	}
	stamp, err := index.StampOf(file, "bench")
	if err != nil {
		return err
	}
	start := time.Now()
	ix, _, err := index.Open(ctx, keptDir, tl, nil)
	if err == nil {
		err = ix.KeepTimeline(stamp)
		ix.Close()
	}
	if err != nil {
		return err
	}
	r.KeptBuild = time.Since(start)

	// A restart as the program makes one with the file unchanged: the
	// kept index and the timeline kept beside it, the file not read.
	start = time.Now()
	stamp, err = index.StampOf(file, "bench")
	if err != nil {
		return err
	}
	ix, err = index.Reopen(keptDir, stamp)
	if err != nil {
		return fmt.Errorf("the restart did not reopen its kept index: %w", err)
	}
	defer ix.Close()
	e := answer.New(ix)
	if _, err := e.Ask(ctx, byKind[synth.Kinds()[0]][0]); failure(err) {
		return err
	}
	r.Restart = time.Since(start)
	// The kept index is scorch's on disk, its segments merged as it was
	// built; the one in memory keeps one a batch.
	for i, kind := range synth.Kinds() {
		r.Kinds[i].Kept = r.ask(ctx, e, byKind[kind], 1)
	}
	return nil
}

// ask asks the questions, askers at a time: alone (one asker) each once;
// loaded, as many at once as there are askers, each asker one question
// of its own (the list round again if it is shorter).
func (r *Report) ask(ctx context.Context, e *answer.Engine, questions []string, askers int) Latency {
	var mu sync.Mutex
	var times []time.Duration
	var wg sync.WaitGroup
	each := len(questions)
	if askers > 1 {
		each = 1
	}
	for a := range askers {
		wg.Go(func() {
			for n := range each {
				q := questions[(n+a)%len(questions)]
				t0 := time.Now()
				_, err := e.Ask(ctx, q)
				took := time.Since(t0)
				if err != nil {
					r.failed(q, err)
				}
				mu.Lock()
				times = append(times, took)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return latencyOf(times)
}

// failure reports whether err is the machinery failing: a question the
// timeline cannot answer is an answer, one not answered in time is not.
func failure(err error) bool {
	c := answer.CodeOf(err)
	return err != nil && (c == answer.CodeInternal || c == answer.CodeTooSlow)
}

func (r *Report) failed(q string, err error) {
	// A question the timeline cannot answer is an answer; only failures
	// of the machinery count.
	if !failure(err) {
		return
	}
	r.errorsMu.Lock()
	defer r.errorsMu.Unlock()
	r.Errors++
	if len(r.FirstErrors) < 5 {
		r.FirstErrors = append(r.FirstErrors, fmt.Sprintf("%q: %v", q, err))
	}
}

// interactions times the bot's handler on /ask interactions, decoded
// to a response, in process.
func (r *Report) interactions(ctx context.Context, e *answer.Engine, qs []synth.Question) Latency {
	router := bot.NewRouter(slog.New(slog.DiscardHandler))
	bot.NewHandlers(e).Routes(router)
	var times []time.Duration
	for n, q := range qs {
		i := &discordgo.Interaction{ID: strconv.Itoa(1180000000000000000 + n), Type: discordgo.InteractionApplicationCommand,
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q.Text}}}}
		t0 := time.Now()
		router.Handle(ctx, i)
		times = append(times, time.Since(t0))
	}
	return latencyOf(times)
}

// peakRSS is the process's peak resident set (VmHWM), where Linux says.
func peakRSS() uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// WriteTable writes the report for a person.
func (r *Report) WriteTable(w io.Writer) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
	fmt.Fprintf(w, "%d entries, %d cores\n", r.Events, r.Cores)
	fmt.Fprintf(w, "build            %v (%.0f entries/s), heap after %d MB", r.Build.Round(time.Millisecond), r.BuildRate, r.HeapAfter>>20)
	if r.PeakRSS > 0 {
		fmt.Fprintf(w, ", peak RSS %d MB", r.PeakRSS>>20)
	}
	fmt.Fprintln(w)
	kept := r.Restart > 0
	fmt.Fprintf(w, "%-10s %12s %12s %14s %14s", "kind", "p50 alone", "p99 alone", "p50 loaded", "p99 loaded")
	if kept {
		fmt.Fprintf(w, " %12s %12s", "p50 kept", "p99 kept")
	}
	fmt.Fprintln(w)
	for _, k := range r.Kinds {
		fmt.Fprintf(w, "%-10s %12s %12s %14s %14s", k.Kind, ms(k.Alone.P50), ms(k.Alone.P99), ms(k.Loaded.P50), ms(k.Loaded.P99))
		if kept {
			fmt.Fprintf(w, " %12s %12s", ms(k.Kept.P50), ms(k.Kept.P99))
		}
		fmt.Fprintln(w)
	}
	if r.RestartError != "" {
		fmt.Fprintf(w, "restart          failed: %s\n", r.RestartError)
	}
	if r.Restart > 0 {
		fmt.Fprintf(w, "restart          %v to the first answer (kept index and timeline opened; building them took %v)\n", r.Restart.Round(time.Millisecond), r.KeptBuild.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "interaction, in process: p50 %s, p99 %s (%d)\n", ms(r.Interaction.P50), ms(r.Interaction.P99), r.Interaction.N)
	if r.Errors > 0 {
		fmt.Fprintf(w, "%d failures, first: %s\n", r.Errors, strings.Join(r.FirstErrors, "; "))
	}
}
