package bot

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
)

// syncBuffer is a log both the bot and the test touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a bot connected to a fake Discord through its real wiring:
// discordgo's session, DISCORD_API_URL, the gateway, REST.
type running struct {
	bot  *Bot
	fake *discordtest.Server
	log  *syncBuffer
	stop func() error // disconnects and returns what Run returned
	// exited is closed when Run returns, by itself or stopped; err is
	// then what it returned.
	exited chan struct{}
	err    error
}

// roomy are limits no test of answers runs into; the tests of limits set
// their own.
var roomy = Limits{PerUser: 1000, UserEvery: time.Millisecond, PerChannel: 1000, ChannelEvery: time.Millisecond, Concurrent: 8}

func start(t testing.TB, fake *discordtest.Server, configure ...func(*Config)) *running {
	t.Helper()
	return startWith(t, fake, NewHandlers(seedEngine(t)), configure...)
}

// startWith is start with handlers of the test's.
func startWith(t testing.TB, fake *discordtest.Server, h *Handlers, configure ...func(*Config)) *running {
	t.Helper()
	log := &syncBuffer{}
	cfg := Config{Token: fake.Token(), APIURL: fake.URL(), Limits: roomy}
	for _, c := range configure {
		c(&cfg)
	}
	b, err := New(cfg, h, slog.New(slog.NewJSONHandler(log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{bot: b, fake: fake, log: log, exited: make(chan struct{})}
	go func() {
		r.err = b.Run(ctx)
		close(r.exited)
	}()
	var once sync.Once
	var runErr error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case <-r.exited:
				runErr = r.err
			case <-time.After(10 * time.Second):
				t.Error("the bot did not stop within 10s of being told to")
			}
		})
		return runErr
	}
	// Cleanups run last first: the bot disconnects before the fake stops.
	t.Cleanup(func() {
		if err := r.stop(); err != nil && !errors.As(err, new(*FatalError)) {
			t.Errorf("Run: %v", err)
		}
		// Whatever the test put the bot through, the token never
		// reaches the log, plain or as the header it travels in.
		token := fake.Token()
		for _, leak := range []string{token, base64.StdEncoding.EncodeToString([]byte("Bot " + token))} {
			if strings.Contains(log.String(), leak) {
				t.Errorf("the token is in the log:\n%s", log.String())
			}
		}
		if r.err != nil && strings.Contains(r.err.Error(), token) {
			t.Errorf("the token is in Run's error: %v", r.err)
		}
	})
	return r
}

// ready waits until the bot has connected and made its commands current.
func (r *running) ready(t testing.TB) {
	t.Helper()
	r.fake.WaitIdentify(t)
	r.fake.WaitRequest(t, "GET", "/api/v9/applications/*/commands")
}

func TestConnectAndRegister(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	id := fake.WaitIdentify(t)
	if id.Token != "Bot "+fake.Token() && id.Token != fake.Token() {
		t.Error("IDENTIFY did not carry the configured token")
	}
	if want := discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages; id.Intents != want {
		t.Errorf("intents %d, want %d (guild messages and DMs, nothing privileged)", id.Intents, want)
	}
	put := fake.WaitRequest(t, "PUT", "/api/v9/applications/"+fake.ApplicationID()+"/commands")
	var cmds []*discordgo.ApplicationCommand
	if err := put.Decode(&cmds); err != nil {
		t.Fatal(err)
	}
	var names []string
	options := map[string][]string{}
	for _, c := range cmds {
		names = append(names, c.Name)
		for _, o := range c.Options {
			options[c.Name] = append(options[c.Name], o.Name)
		}
	}
	slices.Sort(names)
	if got := strings.Join(names, " "); got != "ask between date event help search timeline timelines" {
		t.Errorf("registered %s", got)
	}
	for cmd, want := range map[string][]string{
		"ask": {"question", "timeline", "private"}, "search": {"query", "timeline", "private"}, "date": {"when", "timeline", "private"},
		"between": {"from", "to", "timeline", "private"}, "timeline": {"timeline", "private"}, "event": {"title", "timeline", "private"},
		"help": {"timeline", "private"}, "timelines": {"private"},
	} {
		if !slices.Equal(options[cmd], want) {
			t.Errorf("/%s options %v, want %v", cmd, options[cmd], want)
		}
	}
	if err := r.stop(); err != nil {
		t.Errorf("Run after a clean stop: %v", err)
	}
	if fake.Connected() {
		t.Error("the gateway connection is still open after the bot stopped")
	}
}

// Commands already registered as they are are not registered again: every
// overwrite counts against Discord's daily limit.
func TestRegisterOnlyWhenChanged(t *testing.T) {
	fake := discordtest.New(t)
	fake.SetCommands("", NewHandlers(seedEngine(t)).Commands())
	r := start(t, fake)
	r.ready(t)
	// The answer to an interaction comes after registration; by then a PUT
	// would have been recorded.
	i := fake.DispatchInteraction(t, loadInteraction(t, "help.json"))
	fake.WaitInteractionResponse(t, i.ID)
	for _, req := range fake.Requests() {
		if req.Method == "PUT" {
			t.Errorf("commands were overwritten although unchanged: %s %s", req.Method, req.Path)
		}
	}
}

func TestInteractionsEndToEnd(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	tests := []struct {
		file string
		typ  discordgo.InteractionResponseType
		has  string // in the content, an embed title, or a choice name
	}{
		{"ask.json", discordgo.InteractionResponseChannelMessageWithSource, "March 2, 2017"},
		{"ask_private.json", discordgo.InteractionResponseChannelMessageWithSource, "5 entries"},
		{"search.json", discordgo.InteractionResponseChannelMessageWithSource, "Mayflower"},
		{"date.json", discordgo.InteractionResponseChannelMessageWithSource, "June 5, 2017"},
		{"date_invalid.json", discordgo.InteractionResponseChannelMessageWithSource, "couldn't read that date"},
		{"between.json", discordgo.InteractionResponseChannelMessageWithSource, "4 entries"},
		{"timeline.json", discordgo.InteractionResponseChannelMessageWithSource, "9 entries"},
		{"event.json", discordgo.InteractionResponseChannelMessageWithSource, "Sessions meets with Kislyak"},
		{"help.json", discordgo.InteractionResponseChannelMessageWithSource, "/ask"},
		{"autocomplete_event.json", discordgo.InteractionApplicationCommandAutocompleteResult, "Kislyak"},
		{"autocomplete_date.json", discordgo.InteractionApplicationCommandAutocompleteResult, "2017"},
		{"page_next.json", discordgo.InteractionResponseUpdateMessage, "Sessions meets with Kislyak"},
		{"ask_everyone.json", discordgo.InteractionResponseChannelMessageWithSource, "Kislyak"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			i := fake.DispatchInteraction(t, loadInteraction(t, tt.file))
			resp := fake.WaitInteractionResponse(t, i.ID)
			if resp.Type != tt.typ {
				t.Fatalf("response type %d, want %d", resp.Type, tt.typ)
			}
			if !strings.Contains(visible(resp.Data), tt.has) {
				t.Errorf("the reply does not show %q:\n%s", tt.has, visible(resp.Data))
			}
			if tt.typ != discordgo.InteractionApplicationCommandAutocompleteResult && (resp.Data.AllowedMentions == nil || len(resp.Data.AllowedMentions.Parse) != 0) {
				t.Errorf("allowed_mentions %+v: a reply must ping nobody", resp.Data.AllowedMentions)
			}
		})
	}
}

// visible is what a person sees of a response: content, embeds, choices.
func visible(d *discordgo.InteractionResponseData) string {
	if d == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(d.Content)
	for _, e := range d.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
	}
	for _, c := range d.Choices {
		b.WriteString("\n" + c.Name)
	}
	return b.String()
}

func TestMessagesEndToEnd(t *testing.T) {
	fake := discordtest.New(t)
	r := start(t, fake)
	r.ready(t)
	self := &discordgo.User{ID: fake.BotUserID(), Username: discordtest.BotUsername, Bot: true}
	person := &discordgo.User{ID: "80351110224678912", Username: "nelly"}
	otherBot := &discordgo.User{ID: "80351110224678999", Username: "another-bot", Bot: true}
	mention := "<@" + self.ID + ">"

	t.Run("mention in a channel", func(t *testing.T) {
		fake.DispatchMessage(t, &discordgo.Message{ID: "2001", ChannelID: "3001", GuildID: "1160000000000000001", Author: person,
			Content: mention + " when did Sessions recuse himself?", Mentions: []*discordgo.User{self}})
		got := fake.WaitMessage(t, "3001")
		if got.Reference == nil || got.Reference.MessageID != "2001" {
			t.Errorf("reply reference %+v, want a reply to message 2001", got.Reference)
		}
		if !strings.Contains(got.Content, "March 2, 2017") {
			t.Errorf("reply %q does not give the date of the recusal", got.Content)
		}
		if got.AllowedMentions == nil || len(got.AllowedMentions.Parse) != 0 {
			t.Errorf("allowed_mentions %+v", got.AllowedMentions)
		}
	})
	t.Run("direct message", func(t *testing.T) {
		fake.DispatchMessage(t, &discordgo.Message{ID: "2002", ChannelID: "3002", Author: person, Content: "what happened in June 2017"})
		got := fake.WaitMessage(t, "3002")
		if got.Reference == nil || got.Reference.MessageID != "2002" || !strings.Contains(got.Content, "June 2017") {
			t.Errorf("DM reply %q (reference %+v)", got.Content, got.Reference)
		}
	})
	t.Run("@everyone is echoed without a ping", func(t *testing.T) {
		fake.DispatchMessage(t, &discordgo.Message{ID: "2003", ChannelID: "3003", GuildID: "1160000000000000001", Author: person,
			Content: mention + " @everyone <@&555> what is @here", MentionEveryone: true, Mentions: []*discordgo.User{self}})
		got := fake.WaitMessage(t, "3003")
		if got.AllowedMentions == nil || len(got.AllowedMentions.Parse) != 0 || len(got.AllowedMentions.Roles) != 0 || len(got.AllowedMentions.Users) != 0 {
			t.Errorf("allowed_mentions %+v: the echo must ping nobody", got.AllowedMentions)
		}
	})
	t.Run("bots and unmentioned messages are ignored", func(t *testing.T) {
		fake.DispatchMessage(t, &discordgo.Message{ID: "2004", ChannelID: "3004", GuildID: "1160000000000000001", Author: otherBot,
			Content: mention + " when did Sessions recuse himself?", Mentions: []*discordgo.User{self}})
		fake.DispatchMessage(t, &discordgo.Message{ID: "2005", ChannelID: "3004", GuildID: "1160000000000000001", Author: self,
			Content: mention + " when did Sessions recuse himself?", Mentions: []*discordgo.User{self}})
		fake.DispatchMessage(t, &discordgo.Message{ID: "2006", ChannelID: "3004", GuildID: "1160000000000000001", Author: person,
			Content: "when did Sessions recuse himself?"})
		// Handlers run concurrently, so this can only show that the ignored
		// messages got no reply by the time an answered one did; the rules
		// themselves are tested one by one in TestMessageWhoIsAnswered.
		fake.DispatchMessage(t, &discordgo.Message{ID: "2007", ChannelID: "3004", GuildID: "1160000000000000001", Author: person,
			Content: mention + " 2016", Mentions: []*discordgo.User{self}})
		got := fake.WaitMessage(t, "3004")
		if got.Reference == nil || got.Reference.MessageID != "2007" {
			t.Fatalf("the first reply in the channel answers %+v, want message 2007", got.Reference)
		}
		for _, req := range fake.Requests() {
			if req.Method == "POST" && strings.HasSuffix(req.Path, "/channels/3004/messages") {
				var m discordgo.MessageSend
				if err := req.Decode(&m); err == nil && m.Reference != nil && m.Reference.MessageID != "2007" {
					t.Errorf("the bot answered message %s", m.Reference.MessageID)
				}
			}
		}
	})
}

// A signal stops the bot even while Discord has not answered the connect.
func TestStopWhileConnecting(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{}, 1)
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		select { // Discord, unreachable: the gateway lookup never returns
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(stuck.Close)
	t.Cleanup(func() { close(release) })
	b, err := New(Config{Token: "test-token", APIURL: stuck.URL}, NewHandlers(seedEngine(t)), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	<-arrived
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the bot did not stop while connecting")
	}
}

func TestRedactKeepsInteractionTokensOutOfErrors(t *testing.T) {
	err := &url.Error{Op: "Post", URL: "https://discord.com/api/v9/interactions/1180/aW50ZXJhY3Rpb24SECRET/callback", Err: context.DeadlineExceeded}
	got := Redact(err).Error()
	if strings.Contains(got, "SECRET") || !strings.Contains(got, "Post") || !errors.Is(Redact(err), context.DeadlineExceeded) {
		t.Errorf("redact = %q", got)
	}
}
