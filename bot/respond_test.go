package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/bot/discordtest"
	"github.com/timelinebot/timelinebot/index"
)

// slowFinder is an index that takes delay over every search: a lookup
// slower than Discord waits for.
type slowFinder struct {
	answer.Finder
	delay time.Duration
	fail  bool // and then fails
}

func (f slowFinder) Search(ctx context.Context, q index.Query) ([]index.Hit, error) {
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if f.fail {
		return nil, errors.New("index on fire")
	}
	return f.Finder.Search(ctx, q)
}

// slowHandlers answer from the built-in timeline, each search taking delay.
func slowHandlers(t *testing.T, delay time.Duration) *Handlers {
	t.Helper()
	return slowFinderHandlers(t, slowFinder{delay: delay})
}

// slowFinderHandlers answer from the built-in timeline through f.
func slowFinderHandlers(t *testing.T, f slowFinder) *Handlers {
	t.Helper()
	seed := seedEngine(t)
	ix, err := index.Build(context.Background(), seed.Timeline())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	f.Finder = ix
	return NewHandlers(answer.New(f))
}

// An answer slower than the wait for it is deferred ("thinking..."), then
// completed by editing the original response over REST, through the
// gateway bot.
func TestSlowAnswerIsDeferredThenEdited(t *testing.T) {
	fake := discordtest.New(t)
	r := startWith(t, fake, slowHandlers(t, 400*time.Millisecond), func(c *Config) { c.DeferAfter = 50 * time.Millisecond })
	r.ready(t)
	i := fake.DispatchInteraction(t, loadInteraction(t, "ask_private.json"))
	first := fake.WaitInteractionResponse(t, i.ID)
	if first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response type %d, want a deferral (5)", first.Type)
	}
	if first.Data == nil || first.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("a private question's deferral is not private: %+v", first.Data)
	}
	edit := fake.WaitEdit(t, i.Token)
	if edit.Content == nil || !strings.Contains(*edit.Content, "5 entries") || edit.Embeds == nil || len(*edit.Embeds) == 0 {
		t.Errorf("the edit does not carry the answer: %+v", edit)
	}
}

// A deferred answer that fails is told privately, as it would have been
// at once: a paged message stays as it was, and a "thinking..." placeholder
// goes, with no apology left where everyone sees it.
func TestDeferredFailureIsPrivate(t *testing.T) {
	fake := discordtest.New(t)
	r := startWith(t, fake, slowFinderHandlers(t, slowFinder{delay: 300 * time.Millisecond, fail: true}), func(c *Config) { c.DeferAfter = 50 * time.Millisecond })
	r.ready(t)
	for _, file := range []string{"ask.json", "page_next.json"} {
		t.Run(file, func(t *testing.T) {
			i := loadInteraction(t, file)
			if file == "page_next.json" {
				// A page of a search, which reads the index.
				i.Data = discordgo.MessageComponentInteractionData{CustomID: "pg|1|0|search|||", ComponentType: discordgo.ButtonComponent}
			}
			i = fake.DispatchInteraction(t, i)
			first := fake.WaitInteractionResponse(t, i.ID)
			follow := fake.WaitRequest(t, "POST", "/api/v9/webhooks/*/"+i.Token)
			var msg discordgo.WebhookParams
			if err := follow.Decode(&msg); err != nil {
				t.Fatal(err)
			}
			if msg.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(msg.Content, "something went wrong") {
				t.Errorf("the failure was told as %+v", msg)
			}
			for _, req := range fake.Requests() {
				if req.Method == "PATCH" && strings.Contains(req.Path, i.Token) {
					t.Errorf("the failure edited the original response: %s", req.Body)
				}
			}
			deleted := false
			for _, req := range fake.Requests() {
				deleted = deleted || (req.Method == "DELETE" && strings.Contains(req.Path, i.Token+"/messages/@original"))
			}
			if want := first.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource; deleted != want {
				t.Errorf("deferral type %d: placeholder deleted %v, want %v", first.Type, deleted, want)
			}
		})
	}
}

// A fast answer is not deferred.
func TestFastAnswerIsNotDeferred(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	i := fake.DispatchInteraction(t, loadInteraction(t, "ask.json"))
	if resp := fake.WaitInteractionResponse(t, i.ID); resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("response type %d, want the answer inline (4)", resp.Type)
	}
}

// The deferral says what the answer will be: a new message, private if
// asked so, or an update of the page a button is on.
func TestDeferralKinds(t *testing.T) {
	for _, c := range []struct {
		file    string
		typ     discordgo.InteractionResponseType
		private bool
	}{
		{"ask.json", discordgo.InteractionResponseDeferredChannelMessageWithSource, false},
		{"ask_private.json", discordgo.InteractionResponseDeferredChannelMessageWithSource, true},
		{"page_next.json", discordgo.InteractionResponseDeferredMessageUpdate, false},
		{"follow_next.json", discordgo.InteractionResponseDeferredChannelMessageWithSource, false},
	} {
		d := deferral(loadInteraction(t, c.file))
		if d.Type != c.typ {
			t.Errorf("%s: deferral type %d, want %d", c.file, d.Type, c.typ)
		}
		if got := d.Data != nil && d.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != c.private {
			t.Errorf("%s: private %v, want %v", c.file, got, c.private)
		}
	}
}

// countingObserver counts the interactions a bot answered.
type countingObserver struct {
	mu       sync.Mutex
	answered []string
}

func (o *countingObserver) Answered(command string, _ Outcome, _ bool, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.answered = append(o.answered, command)
}
func (o *countingObserver) Reconnected() {}

func (o *countingObserver) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.answered)
}

// guildOnShard is a guild id Discord sends to shard of count.
func guildOnShard(t *testing.T, shard, count int) string {
	for n := int64(1160000000000000001); n < 1160000000000000001+1<<26; n += 1 << 22 {
		if id := strconv.FormatInt(n, 10); discordtest.ShardOf(id, count) == shard {
			return id
		}
	}
	t.Fatalf("no guild on shard %d of %d", shard, count)
	return ""
}

// Two shard processes share the bot's guilds: each answers only what
// Discord sends it, and only shard 0 registers the commands.
func TestTwoShards(t *testing.T) {
	fake := discordtest.New(t)
	var seen [2]*countingObserver
	for id := range 2 {
		seen[id] = &countingObserver{}
		start(t, fake, func(c *Config) { c.Shard = Shard{ID: id, Count: 2}; c.Observer = seen[id] })
	}
	if !waitFor(func() bool { return len(fake.ConnectedShards()) == 2 }) {
		t.Fatalf("shards connected: %v", fake.ConnectedShards())
	}
	fake.WaitRequest(t, "PUT", "/api/v9/applications/*/commands")
	for round, shard := range []int{1, 0, 1} {
		i := loadInteraction(t, "ask.json")
		i.ID = strconv.Itoa(1180000000000000300 + round)
		i.GuildID = guildOnShard(t, shard, 2)
		fake.DispatchInteraction(t, i)
		fake.WaitInteractionResponse(t, i.ID)
	}
	if !waitFor(func() bool { return seen[0].count() == 1 && seen[1].count() == 2 }) {
		t.Errorf("shard 0 answered %d, shard 1 %d; want 1 and 2", seen[0].count(), seen[1].count())
	}
	puts := 0
	for _, r := range fake.Requests() {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/commands") {
			puts++
		}
	}
	if puts != 1 {
		t.Errorf("commands registered %d times, want once (by shard 0)", puts)
	}
}

func waitFor(cond func() bool) bool {
	for range 200 {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}

// Ready is true once the session is up, and false from the first moment
// of a stop, while the answers under way still finish.
func TestReadyFlipsAtTheStartOfAStop(t *testing.T) {
	fake := discordtest.New(t)
	r := startWith(t, fake, slowHandlers(t, 300*time.Millisecond), func(c *Config) { c.DeferAfter = 5 * time.Second })
	r.ready(t)
	if !waitFor(r.bot.Ready) {
		t.Fatal("not ready with a session up")
	}
	i := fake.DispatchInteraction(t, loadInteraction(t, "ask.json"))
	time.Sleep(100 * time.Millisecond) // the answer is under way
	stopped := make(chan error, 1)
	go func() { stopped <- r.stop() }()
	if !waitFor(func() bool { return !r.bot.Ready() }) {
		t.Fatal("still ready after the stop began")
	}
	select {
	case <-stopped:
		t.Fatal("the stop did not wait for the answer under way")
	default:
	}
	if resp := fake.WaitInteractionResponse(t, i.ID); resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("the answer under way was not sent: type %d", resp.Type)
	}
	<-stopped
}

// Replies reuse connections to Discord: rounds of eight answers at once
// open about eight connections in all, not six more a round (Go's
// default keeps two idle).
func TestRepliesReuseConnections(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	before := fake.RESTConnections()
	for round := range 5 {
		var ids []string
		for n := range 8 {
			i := loadInteraction(t, "help.json")
			i.ID = strconv.Itoa(1180000000000000900 + 10*round + n)
			ids = append(ids, fake.DispatchInteraction(t, i).ID)
		}
		for _, id := range ids {
			fake.WaitInteractionResponse(t, id)
		}
		time.Sleep(20 * time.Millisecond) // the connections go back idle
	}
	if opened := fake.RESTConnections() - before; opened > 16 {
		t.Errorf("5 rounds of 8 replies opened %d connections", opened)
	}
}
