package interactions

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/bot/discordtest"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

// finder wraps the built-in timeline's index: each search waits delay,
// or panics.
type finder struct {
	answer.Finder
	delay time.Duration
	panic bool
}

func (f finder) Search(ctx context.Context, q index.Query) ([]index.Hit, error) {
	if f.panic {
		panic("index on fire")
	}
	time.Sleep(f.delay)
	return f.Finder.Search(ctx, q)
}

func handlers(t testing.TB, f finder) *bot.Handlers {
	t.Helper()
	tl, err := data.Seed()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	f.Finder = ix
	return bot.NewHandlers(answer.New(f))
}

// counter counts the interactions the responder answered: a rejected
// request must reach none.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) Answered(string, bot.Outcome, bool, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}
func (c *counter) Reconnected() {}
func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

type endpoint struct {
	url  string
	key  ed25519.PrivateKey
	fake *discordtest.Server
	seen *counter
	log  *bytes.Buffer
}

func serve(t testing.TB, f finder, cfg bot.Config) *endpoint {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fake := discordtest.New(t)
	seen := &counter{}
	cfg.APIURL, cfg.Observer = fake.URL(), seen
	// Room for every request of a test from one user; the limits have
	// their own tests in bot.
	cfg.Limits = bot.Limits{PerUser: 1000, UserEvery: time.Millisecond, PerChannel: 1000, ChannelEvery: time.Millisecond, Concurrent: 8}
	rest, err := bot.NewSession(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: &log}, nil))
	srv := httptest.NewServer(New(context.Background(), pub, bot.NewResponder(cfg, handlers(t, f), rest, logger), logger))
	t.Cleanup(srv.Close)
	return &endpoint{url: srv.URL, key: priv, fake: fake, seen: seen, log: &log}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func interaction(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "bot", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// post sends body as the test says: signed or not, at a time.
func (e *endpoint) post(t *testing.T, method string, body []byte, sign func(*http.Request)) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, e.url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if sign != nil {
		sign(req)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// Every request that is not Discord's, or not an interaction, is refused
// before any handler runs.
func TestRejections(t *testing.T) {
	e := serve(t, finder{}, bot.Config{})
	ask := interaction(t, "ask.json")
	now := time.Now()
	signed := func(body []byte, at time.Time) func(*http.Request) {
		return func(r *http.Request) { discordtest.Sign(r, e.key, body, at) }
	}
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	huge := append([]byte(`{"type": 2, "data": {"name": "ask"}, "x": "`), bytes.Repeat([]byte("a"), MaxBody)...)
	huge = append(huge, `"}`...)
	for _, c := range []struct {
		name   string
		method string
		body   []byte
		sign   func(*http.Request)
		status int
	}{
		{"GET", http.MethodGet, nil, nil, http.StatusMethodNotAllowed},
		{"PUT, signed", http.MethodPut, ask, signed(ask, now), http.StatusMethodNotAllowed},
		{"no signature", http.MethodPost, ask, nil, http.StatusUnauthorized},
		{"signed with another key", http.MethodPost, ask, func(r *http.Request) { discordtest.Sign(r, otherKey, ask, now) }, http.StatusUnauthorized},
		{"signature of another body", http.MethodPost, ask, signed([]byte(`{"type": 1}`), now), http.StatusUnauthorized},
		{"signature not hex", http.MethodPost, ask, func(r *http.Request) {
			discordtest.Sign(r, e.key, ask, now)
			r.Header.Set("X-Signature-Ed25519", "zz")
		}, http.StatusUnauthorized},
		{"no timestamp", http.MethodPost, ask, func(r *http.Request) {
			discordtest.Sign(r, e.key, ask, now)
			r.Header.Del("X-Signature-Timestamp")
		}, http.StatusUnauthorized},
		{"six minutes old", http.MethodPost, ask, signed(ask, now.Add(-6*time.Minute)), http.StatusUnauthorized},
		{"six minutes ahead", http.MethodPost, ask, signed(ask, now.Add(6*time.Minute)), http.StatusUnauthorized},
		{"over 64 KiB", http.MethodPost, huge, signed(huge, now), http.StatusRequestEntityTooLarge},
		{"signed, not JSON", http.MethodPost, []byte("hello"), signed([]byte("hello"), now), http.StatusBadRequest},
	} {
		t.Run(c.name, func(t *testing.T) {
			if res := e.post(t, c.method, c.body, c.sign); res.StatusCode != c.status {
				t.Errorf("status %d, want %d", res.StatusCode, c.status)
			}
		})
	}
	if n := e.seen.count(); n != 0 {
		t.Errorf("%d rejected requests reached a handler", n)
	}
	// Four minutes off is within the allowed skew.
	if res := e.post(t, http.MethodPost, ask, signed(ask, now.Add(-4*time.Minute))); res.StatusCode != http.StatusOK {
		t.Errorf("a request signed 4 minutes ago: status %d, want 200", res.StatusCode)
	}
}

func TestPing(t *testing.T) {
	e := serve(t, finder{}, bot.Config{})
	status, resp := e.fake.PostInteraction(t, e.url, e.key, `{"id": "1180000000000000400", "application_id": "1170000000000000001", "type": 1, "token": "t", "version": 1}`)
	if status != http.StatusOK || resp == nil || resp.Type != discordgo.InteractionResponsePong {
		t.Errorf("PING: status %d, response %+v; want 200 and type 1", status, resp)
	}
}

// Each kind of interaction is answered inline with exactly what the
// gateway bot answers: the same router, the same handlers.
func TestInlineAnswersAreTheGatewayBots(t *testing.T) {
	e := serve(t, finder{}, bot.Config{})
	router := bot.NewRouter(slog.New(slog.DiscardHandler))
	handlers(t, finder{}).Routes(router)
	for _, c := range []struct {
		file string
		typ  discordgo.InteractionResponseType
	}{
		{"ask.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"ask_private.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"search.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"date.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"date_invalid.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"between.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"timeline.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"event.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"help.json", discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete_event.json", discordgo.InteractionApplicationCommandAutocompleteResult},
		{"page_next.json", discordgo.InteractionResponseUpdateMessage},
		{"follow_next.json", discordgo.InteractionResponseChannelMessageWithSource},
	} {
		t.Run(c.file, func(t *testing.T) {
			raw := interaction(t, c.file)
			status, got := e.fake.PostInteraction(t, e.url, e.key, raw)
			if status != http.StatusOK || got == nil {
				t.Fatalf("status %d", status)
			}
			if got.Type != c.typ {
				t.Errorf("type %d, want %d", got.Type, c.typ)
			}
			var i discordgo.Interaction
			if err := json.Unmarshal(raw, &i); err != nil {
				t.Fatal(err)
			}
			want := router.Handle(context.Background(), &i)
			gotJSON, _ := json.Marshal(got)
			wantJSON, _ := json.Marshal(want)
			if !bytes.Equal(gotJSON, wantJSON) {
				t.Errorf("over HTTP:\n%s\nover the gateway:\n%s", gotJSON, wantJSON)
			}
		})
	}
}

// An answer slower than the wait for it is deferred in the HTTP reply,
// then sent as an edit of the original response over REST.
func TestSlowAnswerIsDeferred(t *testing.T) {
	e := serve(t, finder{delay: time.Second}, bot.Config{DeferAfter: 50 * time.Millisecond})
	var i discordgo.Interaction
	if err := json.Unmarshal(interaction(t, "ask.json"), &i); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	status, resp := e.fake.PostInteraction(t, e.url, e.key, &i)
	if status != http.StatusOK || resp == nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("status %d, response %+v; want a deferral (type 5)", status, resp)
	}
	if took := time.Since(start); took > 800*time.Millisecond {
		t.Errorf("the deferral took %v: it waited for the answer", took)
	}
	edit := e.fake.WaitEdit(t, i.Token)
	if edit.Content == nil || !strings.Contains(*edit.Content, "March 2, 2017") {
		t.Errorf("the edit does not carry the answer: %+v", edit)
	}
}

// A panic in a handler is answered, apologetically, and logged; the
// server goes on serving.
func TestPanicIsAnswered(t *testing.T) {
	e := serve(t, finder{panic: true}, bot.Config{})
	for range 2 {
		status, resp := e.fake.PostInteraction(t, e.url, e.key, interaction(t, "search.json"))
		if status != http.StatusOK || resp == nil || !strings.Contains(resp.Data.Content, "something went wrong") {
			t.Fatalf("status %d, response %+v", status, resp)
		}
	}
	if !strings.Contains(e.log.String(), "index on fire") {
		t.Errorf("the panic is not in the log:\n%s", e.log.String())
	}
	if status, _ := e.fake.PostInteraction(t, e.url, e.key, interaction(t, "help.json")); status != http.StatusOK {
		t.Errorf("after a panic: status %d", status)
	}
}

func TestParseKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	hexKey := strings.ToUpper(hex.EncodeToString(pub))
	if k, err := ParseKey(hexKey); err != nil || !bytes.Equal(k, pub) {
		t.Errorf("ParseKey: %v", err)
	}
	for _, bad := range []string{"", "abc", hex.EncodeToString(pub)[:62], "zz" + hex.EncodeToString(pub)[2:]} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) took it", bad)
		}
	}
}
