package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/watch"
)

func writeTimeline(t *testing.T, path, title string) {
	t.Helper()
	raw := fmt.Sprintf(`{"title": %q, "source": {"name": "Made up"}, "events": [{"dates": ["2001-02-03"], "title": "%s begins", "text": "It began."}]}`, title, title)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil { // as editors save
		t.Fatal(err)
	}
}

// With TIMELINE_WATCH, a changed file is rebuilt and swapped in while
// questions are answered: each answer comes from the old timeline or the
// new, none fails; a file that does not load leaves the last good one.
func TestTimelineReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "timeline.json")
	writeTimeline(t, path, "Alpha")
	cfg := config{TimelineFile: path, MaxBytes: data.DefaultMaxBytes, Watch: true}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	engine, closeIndex, err := openEngine(ctx, cfg.engineSource(path, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	var logMu sync.Mutex
	log := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) { logMu.Lock(); defer logMu.Unlock(); return logs.Write(p) }), nil))
	h := bot.NewHandlers(engine)
	name := h.Catalog().Visible(catalog.Shared)[0].Name
	r := &reloader{src: source{name: name, file: path}, catalog: h.Catalog(), log: log, cfg: cfg, closeCurrent: closeIndex}
	defer r.close()
	if err := watch.File(ctx, path, func() { r.reload(ctx) }); err != nil {
		t.Fatal(err)
	}
	router := bot.NewRouter(log)
	h.Routes(router)
	ask := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "ask",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "what is this timeline about?"}}}}
	var failed atomic.Int32
	var latest atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			content := router.Handle(ctx, ask).Data.Content
			if !strings.HasPrefix(content, "Alpha") && !strings.HasPrefix(content, "Beta") {
				failed.Add(1)
				latest.Store("failed: " + content)
				continue
			}
			latest.Store(content)
		}
	}()
	waitAnswer := func(prefix string) {
		t.Helper()
		for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			if s, _ := latest.Load().(string); strings.HasPrefix(s, prefix) {
				return
			}
		}
		t.Fatalf("answers never came from %s: %v", prefix, latest.Load())
	}
	waitAnswer("Alpha")
	writeTimeline(t, path, "Beta")
	waitAnswer("Beta")
	os.WriteFile(path, []byte(`{"title": "Gamma", "events": [`), 0o600) // broken
	time.Sleep(time.Second)
	waitAnswer("Beta")
	close(stop)
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Errorf("%d answers failed during the reloads", n)
	}
	logMu.Lock()
	defer logMu.Unlock()
	if !strings.Contains(logs.String(), "timeline reloaded") || !strings.Contains(logs.String(), "does not load; still answering from the last good one") {
		t.Errorf("the reloads were not logged:\n%s", logs.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
