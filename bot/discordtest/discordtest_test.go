package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// redirect sends discord.com's requests to the fake.
type redirect struct{ base *url.URL }

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = r.base.Scheme, r.base.Host, r.base.Host
	return http.DefaultTransport.RoundTrip(out)
}

// session is a real discordgo session pointed at the fake, not yet open.
func session(t *testing.T, fake *Server, token string) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatal(err)
	}
	base, err := url.Parse(fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	s.Client = &http.Client{Timeout: 10 * time.Second, Transport: redirect{base}}
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	return s
}

// open connects the session and closes it when the test ends, before the
// fake stops.
func open(t *testing.T, s *discordgo.Session) {
	t.Helper()
	if err := s.Open(); err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	beating(t, s)
}

// beating waits for the first heartbeat of the session's connection.
// discordgo's heartbeat goroutine reconnects when its first beat finds
// the connection closed, so a session closed before then comes back and
// outlives the test.
func beating(t *testing.T, s *discordgo.Session) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.RLock()
		ok := s.DataReady // set once a beat is sent, cleared by Close
		s.RUnlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no heartbeat within 10s")
		}
		time.Sleep(time.Millisecond)
	}
}

// receive returns a channel that gets every event of one type the session
// handles.
func receive[E any](s *discordgo.Session) <-chan E {
	ch := make(chan E, 16)
	s.AddHandler(func(_ *discordgo.Session, e E) { ch <- e })
	return ch
}

func next[E any](t *testing.T, ch <-chan E) E {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(10 * time.Second):
		var zero E
		t.Fatalf("no %T within 10s", zero)
		return zero
	}
}

const askJSON = `{
 "id": "1180000000000000003",
 "application_id": "1170000000000000001",
 "type": 2,
 "data": {"id": "1171000000000000003", "name": "ask", "type": 1,
  "options": [{"name": "question", "type": 3, "value": "When did @everyone recuse himself?"}]},
 "guild_id": "1160000000000000001",
 "channel_id": "1165000000000000001",
 "member": {"user": {"id": "80351110224678912", "username": "nelly", "discriminator": "0"},
  "roles": [], "joined_at": "2023-04-01T12:00:00.000000+00:00", "permissions": "2248473465835073"},
 "token": "aW50ZXJhY3Rpb246dGVzdA",
 "version": 1
}`

var noPings = &discordgo.MessageAllowedMentions{}

func TestSession(t *testing.T) {
	fake := New(t)
	s := session(t, fake, fake.Token())
	ready := receive[*discordgo.Ready](s)
	interactions := receive[*discordgo.InteractionCreate](s)
	messages := receive[*discordgo.MessageCreate](s)
	open(t, s)

	r := next(t, ready)
	if r.User.ID != fake.BotUserID() || r.User.Username != BotUsername || !r.User.Bot {
		t.Errorf("READY user = %+v", r.User)
	}
	if r.Application == nil || r.Application.ID != fake.ApplicationID() {
		t.Errorf("READY application = %+v", r.Application)
	}
	id := fake.WaitIdentify(t)
	if id.Token != "Bot "+fake.Token() || id.Intents != s.Identify.Intents {
		t.Errorf("IDENTIFY token ok = %v, intents = %v", id.Token == "Bot "+fake.Token(), id.Intents)
	}
	if !fake.Connected() {
		t.Error("not connected after READY")
	}
	fake.WaitRequest(t, http.MethodGet, "/api/v9/gateway")

	t.Run("commands", func(t *testing.T) {
		have, err := s.ApplicationCommands(fake.ApplicationID(), "")
		if err != nil || len(have) != 0 {
			t.Fatalf("commands before = %v, %v", have, err)
		}
		want := []*discordgo.ApplicationCommand{
			{Name: "ask", Description: "Ask about the timeline", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true},
			}},
			{Name: "help", Description: "How to use the bot"},
		}
		got, err := s.ApplicationCommandBulkOverwrite(fake.ApplicationID(), "", want)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID == "" || got[0].ID == got[1].ID || got[0].ApplicationID != fake.ApplicationID() {
			t.Fatalf("overwrite answered %+v", got)
		}
		again, err := s.ApplicationCommandBulkOverwrite(fake.ApplicationID(), "", want)
		if err != nil || again[0].ID != got[0].ID {
			t.Errorf("a command kept by name changed ID: %v, %v", again, err)
		}
		have, err = s.ApplicationCommands(fake.ApplicationID(), "")
		if err != nil || len(have) != 2 || have[1].Name != "help" {
			t.Errorf("commands after = %v, %v", have, err)
		}
		if guild := fake.Commands("1160000000000000001"); len(guild) != 0 {
			t.Errorf("guild commands = %v", guild)
		}
		put := fake.WaitRequest(t, http.MethodPut, "/api/v9/applications/*/commands")
		var sent []*discordgo.ApplicationCommand
		if err := put.Decode(&sent); err != nil || len(sent) != 2 {
			t.Errorf("recorded overwrite = %v, %v", sent, err)
		}
	})

	t.Run("interaction", func(t *testing.T) {
		sent := fake.DispatchInteraction(t, askJSON)
		ic := next(t, interactions)
		if ic.ID != sent.ID || ic.ApplicationCommandData().Name != "ask" {
			t.Fatalf("handler got %+v", ic.Interaction)
		}
		if q := ic.ApplicationCommandData().Options[0].StringValue(); !strings.Contains(q, "recuse") {
			t.Errorf("question = %q", q)
		}
		err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content:         "Answer",
				Embeds:          []*discordgo.MessageEmbed{{Title: "1 March 2017", Description: "Sessions recused himself."}},
				AllowedMentions: noPings,
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "More", CustomID: "page:2"},
					discordgo.Button{Label: "Source", Style: discordgo.LinkButton, URL: "https://example.org/"},
				}}},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		resp := fake.WaitInteractionResponse(t, ic.ID)
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Embeds[0].Title != "1 March 2017" {
			t.Errorf("response = %+v", resp)
		}
		row, ok := resp.Data.Components[0].(*discordgo.ActionsRow)
		if !ok || row.Components[0].(*discordgo.Button).CustomID != "page:2" {
			t.Errorf("components = %#v", resp.Data.Components)
		}
		if resp.Data.AllowedMentions == nil {
			t.Error("allowed_mentions lost")
		}

		content := "Edited"
		if _, err := s.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings}); err != nil {
			t.Fatal(err)
		}
		if e := fake.WaitEdit(t, ic.Token); e.Content == nil || *e.Content != content {
			t.Errorf("edit = %+v", e)
		}
		m, err := s.InteractionResponse(ic.Interaction)
		if err != nil || m.Content != content || m.ChannelID != "1165000000000000001" || m.Embeds[0].Title != "1 March 2017" {
			t.Errorf("@original = %+v, %v", m, err)
		}
		f, err := s.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "More", AllowedMentions: noPings})
		if err != nil || f.ID == "" || f.Content != "More" {
			t.Errorf("followup = %+v, %v", f, err)
		}
	})

	t.Run("interaction struct", func(t *testing.T) {
		sent := fake.DispatchInteraction(t, &discordgo.Interaction{
			Type:      discordgo.InteractionApplicationCommandAutocomplete,
			ChannelID: "1165000000000000001",
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Com", Focused: true},
			}},
		})
		ic := next(t, interactions)
		if ic.ID != sent.ID || ic.Token == "" || ic.AppID != fake.ApplicationID() || ic.Type != discordgo.InteractionApplicationCommandAutocomplete {
			t.Fatalf("handler got %+v", ic.Interaction)
		}
		err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "Comey fired", Value: "comey"}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if resp := fake.WaitInteractionResponse(t, ic.ID); resp.Data.Choices[0].Value != "comey" {
			t.Errorf("choices = %+v", resp.Data.Choices)
		}
	})

	t.Run("messages", func(t *testing.T) {
		fake.DispatchMessage(t, &discordgo.Message{ChannelID: "42", Content: "<@1170000000000000001> when?", Author: &discordgo.User{ID: "7", Username: "nelly"}})
		mc := next(t, messages)
		if mc.ChannelID != "42" || mc.ID == "" || mc.Author.ID != "7" {
			t.Fatalf("handler got %+v", mc.Message)
		}
		ref := mc.Reference()
		m, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "Then.", Reference: ref, AllowedMentions: noPings})
		if err != nil || m.ID == "" || m.ChannelID != "42" || m.Content != "Then." || m.Author.ID != fake.BotUserID() {
			t.Fatalf("send = %+v, %v", m, err)
		}
		if got := fake.WaitMessage(t, "42"); got.Content != "Then." || got.Reference.MessageID != mc.ID {
			t.Errorf("recorded %+v", got)
		}
	})

	t.Run("rest", func(t *testing.T) {
		me, err := s.User("@me")
		if err != nil || me.ID != fake.BotUserID() {
			t.Errorf("@me = %+v, %v", me, err)
		}
		_, err = s.Request(http.MethodGet, discordgo.EndpointAPI+"nowhere", nil)
		var rest *discordgo.RESTError
		if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusNotFound || rest.Message == nil || rest.Message.Message != "404: Not Found" {
			t.Errorf("unknown route: %v", err)
		}
		fake.WaitRequest(t, http.MethodGet, "/api/v9/nowhere")

		fake.FailNext(http.MethodPost, "/api/v9/channels/*/messages", http.StatusInternalServerError)
		if _, err := s.ChannelMessageSendComplex("42", &discordgo.MessageSend{Content: "x", AllowedMentions: noPings}); err == nil {
			t.Error("FailNext did not fail the request")
		}
		if r := fake.WaitRequest(t, http.MethodPost, "/api/v9/channels/42/messages"); r.Status != http.StatusInternalServerError {
			t.Errorf("status = %d", r.Status)
		}
	})

	t.Run("wrong token", func(t *testing.T) {
		other := session(t, fake, "not-the-token")
		_, err := other.User("@me")
		var rest *discordgo.RESTError
		if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusUnauthorized {
			t.Errorf("wrong token: %v", err)
		}
		if strings.Contains(fmt.Sprint(fake.Requests()), fake.Token()) {
			t.Error("the token is in the recorded requests")
		}
	})
}

func TestDisconnectResumes(t *testing.T) {
	fake := New(t)
	s := session(t, fake, fake.Token())
	resumed := receive[*discordgo.Resumed](s)
	messages := receive[*discordgo.MessageCreate](s)
	open(t, s)
	fake.DispatchMessage(t, &discordgo.Message{ChannelID: "1", Content: "before"})
	next(t, messages)

	fake.Disconnect()
	next(t, resumed)
	fake.DispatchMessage(t, &discordgo.Message{ChannelID: "1", Content: "after"})
	if m := next(t, messages); m.Content != "after" {
		t.Errorf("after resuming got %q", m.Content)
	}
}

// Guilds whose events go to shard 0 and shard 1 of 2.
const (
	guildOnShard0 = "1160000000004194304"
	guildOnShard1 = "1160000000000000001"
)

func TestShardOf(t *testing.T) {
	tests := []struct {
		guild string
		count int
		want  int
	}{
		{"", 2, 0},  // a DM
		{"", 16, 0}, // a DM
		{guildOnShard0, 2, 0},
		{guildOnShard1, 2, 1},
		{guildOnShard1, 1, 0},
		{guildOnShard1, 0, 0},
		{"81384788765712384", 3, 1}, // Discord API's guild: (81384788765712384 >> 22) is 19403662
		{"41771983423143937", 16, 6},
		{"not-a-snowflake", 2, 0},
	}
	for _, tt := range tests {
		if got := ShardOf(tt.guild, tt.count); got != tt.want {
			t.Errorf("ShardOf(%q, %d) = %d, want %d", tt.guild, tt.count, got, tt.want)
		}
	}
}

// shardSession is a session that identifies as the shard of count.
func shardSession(t *testing.T, fake *Server, id, count int) *discordgo.Session {
	t.Helper()
	s := session(t, fake, fake.Token())
	s.ShardID, s.ShardCount = id, count
	return s
}

// none fails the test if the channel gets anything within a short wait.
func none[E any](t *testing.T, ch <-chan E, what string) {
	t.Helper()
	select {
	case e := <-ch:
		t.Errorf("%s got %+v", what, e)
	case <-time.After(100 * time.Millisecond):
	}
}

// ask is an interaction in the guild, or a DM for guild "".
func ask(guild string) *discordgo.Interaction {
	i := &discordgo.Interaction{
		Type:      discordgo.InteractionApplicationCommand,
		GuildID:   guild,
		ChannelID: "1165000000000000001",
		Data:      discordgo.ApplicationCommandInteractionData{ID: "1171000000000000003", Name: "ask"},
	}
	user := &discordgo.User{ID: "80351110224678912", Username: "nelly"}
	if guild == "" {
		i.User = user
	} else {
		i.Member = &discordgo.Member{User: user}
	}
	return i
}

func TestShardedSessions(t *testing.T) {
	fake := New(t)
	s0, s1 := shardSession(t, fake, 0, 2), shardSession(t, fake, 1, 2)
	in0, in1 := receive[*discordgo.InteractionCreate](s0), receive[*discordgo.InteractionCreate](s1)
	resumed1 := receive[*discordgo.Resumed](s1)
	open(t, s0)
	if got := fake.ConnectedShards(); !slices.Equal(got, []int{0}) {
		t.Fatalf("connected shards = %v", got)
	}

	// An event for shard 1 waits for shard 1, though shard 0 is there.
	opened := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(50 * time.Millisecond)
		opened <- s1.Open()
	}()
	t.Cleanup(func() {
		<-done
		if err := s1.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	sent := fake.DispatchInteraction(t, ask(guildOnShard1))
	if err := <-opened; err != nil {
		t.Fatalf("open shard 1: %v", err)
	}
	beating(t, s1)
	if got := next(t, in1); got.ID != sent.ID {
		t.Errorf("shard 1 got %s, want %s", got.ID, sent.ID)
	}
	none(t, in0, "shard 0")

	if got := fake.ConnectedShards(); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("connected shards = %v", got)
	}
	ids := fake.Identifies()
	if len(ids) != 2 || ids[0].Shard == nil || *ids[0].Shard != [2]int{0, 2} || ids[1].Shard == nil || *ids[1].Shard != [2]int{1, 2} {
		t.Errorf("identifies = %+v", ids)
	}
	if last := fake.WaitIdentify(t); last.Shard == nil || *last.Shard != [2]int{1, 2} {
		t.Errorf("last identify = %+v", last)
	}

	for _, c := range []struct {
		name     string
		guild    string
		got, not <-chan *discordgo.InteractionCreate
	}{
		{"guild on shard 0", guildOnShard0, in0, in1},
		{"guild on shard 1", guildOnShard1, in1, in0},
		{"DM", "", in0, in1},
	} {
		sent := fake.DispatchInteraction(t, ask(c.guild))
		if got := next(t, c.got); got.ID != sent.ID {
			t.Errorf("%s: got %s, want %s", c.name, got.ID, sent.ID)
		}
		none(t, c.not, c.name+": the other shard")
	}

	// Shard 1 resumes as shard 1, and its events wait for it meanwhile.
	fake.DisconnectShard(1)
	sent = fake.DispatchInteraction(t, ask(guildOnShard1))
	next(t, resumed1)
	beating(t, s1)
	if got := next(t, in1); got.ID != sent.ID {
		t.Errorf("after resuming shard 1 got %s, want %s", got.ID, sent.ID)
	}
	none(t, in0, "shard 0, while shard 1 resumed")
	if len(fake.Identifies()) != 2 {
		t.Errorf("identified again: %+v", fake.Identifies())
	}
}

// closeCode is the gateway close code an Open failed with, or 0.
func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}

func TestInvalidShard(t *testing.T) {
	fake := New(t)
	open(t, shardSession(t, fake, 0, 2))
	for _, shard := range [][2]int{{2, 2}, {0, 0}, {-1, 2}, {1, 3}} {
		s := session(t, fake, fake.Token())
		// Set directly, as discordgo refuses to send an invalid one.
		s.Identify.Shard = &shard
		err := s.Open()
		if code := closeCode(err); code != 4010 {
			_ = s.Close()
			t.Errorf("shard %v: open = %v, want close 4010", shard, err)
		}
	}
	if got := fake.ConnectedShards(); !slices.Equal(got, []int{0}) {
		t.Errorf("connected shards = %v", got)
	}
}

func TestShardingRequired(t *testing.T) {
	fake := New(t, WithRequiredShards(2))
	s := session(t, fake, fake.Token())
	if err := s.Open(); closeCode(err) != 4011 {
		_ = s.Close()
		t.Fatalf("unsharded open = %v, want close 4011", err)
	}
	if ids := fake.Identifies(); len(ids) != 1 || ids[0].Shard != nil {
		t.Errorf("identifies = %+v", ids)
	}
	if fake.Connected() {
		t.Error("connected without shards")
	}
	open(t, shardSession(t, fake, 0, 2))
	if !fake.Connected() {
		t.Error("shard 0 of 2 not connected")
	}
}

func TestGatewayBotShards(t *testing.T) {
	for _, c := range []struct {
		opts []Option
		want int
	}{{nil, 1}, {[]Option{WithRecommendedShards(3)}, 3}} {
		fake := New(t, c.opts...)
		g, err := session(t, fake, fake.Token()).GatewayBot()
		if err != nil || g.Shards != c.want || g.URL == "" {
			t.Errorf("/gateway/bot = %+v, %v; want %d shards", g, err, c.want)
		}
	}
}

// spy is a testing.TB that keeps the failures reported to it.
type spy struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (s *spy) Errorf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs = append(s.errs, fmt.Sprintf(format, args...))
}

func (s *spy) Fatalf(format string, args ...any) {
	s.Errorf(format, args...)
	runtime.Goexit()
}

func (s *spy) failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.errs)
}

// call sends a request to the fake as the bot would, with its token.
func call(fake *Server, method, path, body string) (int, []byte, error) {
	req, err := http.NewRequest(method, fake.URL()+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bot "+fake.Token())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}

func do(t *testing.T, fake *Server, method, path, body string) (int, []byte) {
	t.Helper()
	status, out, err := call(fake, method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	return status, out
}

func post(t *testing.T, fake *Server, path, body string) (int, []byte) {
	t.Helper()
	return do(t, fake, http.MethodPost, path, body)
}

func TestViolationFailsTheTest(t *testing.T) {
	tb := &spy{TB: t}
	fake := New(tb)
	long := strings.Repeat("a", 5000)
	status, body := post(t, fake, "/api/v9/interactions/1/tok/callback",
		`{"type":4,"data":{"embeds":[{"description":"`+long+`"}],"allowed_mentions":{"parse":[]}}}`)
	if status != http.StatusBadRequest {
		t.Fatalf("status = %d", status)
	}
	var e struct {
		Code   int `json:"code"`
		Errors struct {
			Data struct {
				Embeds map[string]struct {
					Description struct {
						Errors []struct{ Code, Message string } `json:"_errors"`
					} `json:"description"`
				} `json:"embeds"`
			} `json:"data"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	if errs := e.Errors.Data.Embeds["0"].Description.Errors; e.Code != 50035 || len(errs) != 1 || errs[0].Code != "BASE_TYPE_MAX_LENGTH" {
		t.Errorf("error body = %s", body)
	}
	if f := tb.failures(); len(f) != 1 || !strings.Contains(f[0], "data.embeds.0.description: 5000 characters, more than 4096") {
		t.Errorf("failures = %q", f)
	}

	// A fine answer to the same interaction is one too many.
	status, _ = post(t, fake, "/api/v9/interactions/1/tok/callback", `{"type":5}`)
	if status != http.StatusNoContent {
		t.Errorf("deferral: %d", status)
	}
	status, _ = post(t, fake, "/api/v9/interactions/1/tok/callback", `{"type":5}`)
	if f := tb.failures(); status != http.StatusBadRequest || len(f) != 2 || !strings.Contains(f[1], "answered twice") {
		t.Errorf("second answer: %d, %q", status, f)
	}
}

func TestReplyOrder(t *testing.T) {
	tb := &spy{TB: t}
	fake := New(tb)
	const original = "/api/v9/webhooks/" + DefaultApplicationID + "/tok/messages/@original"
	edit := `{"content":"done","allowed_mentions":{"parse":[]}}`
	if status, _ := do(t, fake, http.MethodPatch, original, edit); status != http.StatusNotFound {
		t.Errorf("edit before any answer: %d", status)
	}
	if status, _ := post(t, fake, "/api/v9/webhooks/"+DefaultApplicationID+"/tok?wait=true", edit); status != http.StatusNotFound {
		t.Errorf("followup before any answer: %d", status)
	}
	post(t, fake, "/api/v9/interactions/9/tok/callback", `{"type":5,"data":{"flags":64}}`)
	status, body := do(t, fake, http.MethodPatch, original, edit)
	var m discordgo.Message
	if err := json.Unmarshal(body, &m); err != nil || status != http.StatusOK || m.Content != "done" || m.ID == "" {
		t.Errorf("edit after deferral: %d %s", status, body)
	}
	if status, _ := do(t, fake, http.MethodPatch, "/api/v9/webhooks/1/tok/messages/@original", edit); status != http.StatusNotFound {
		t.Errorf("edit under another application: %d", status)
	}
	if f := tb.failures(); len(f) != 0 {
		t.Errorf("failures = %q", f)
	}
}

func TestWaitRequest(t *testing.T) {
	tb := &spy{TB: t}
	fake := New(tb, WithTimeout(200*time.Millisecond))
	for _, c := range []string{"one", "two"} {
		if status, _ := post(t, fake, "/api/v9/channels/5/messages", `{"content":"`+c+`","allowed_mentions":{}}`); status != http.StatusOK {
			t.Fatalf("post: %d", status)
		}
	}
	post(t, fake, "/api/v9/channels/6/messages", `{"content":"other","allowed_mentions":{}}`)
	if m := fake.WaitMessage(tb, "5"); m.Content != "one" {
		t.Errorf("first wait got %q", m.Content)
	}
	if m := fake.WaitMessage(tb, "5"); m.Content != "two" {
		t.Errorf("second wait got %q", m.Content)
	}
	if len(tb.failures()) != 0 {
		t.Fatalf("failures = %q", tb.failures())
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fake.WaitMessage(tb, "5")
	}()
	<-done
	if f := tb.failures(); len(f) != 1 || !strings.Contains(f[0], "no POST /api/v9/channels/5/messages within") {
		t.Errorf("failures = %q", f)
	}
	if len(fake.Requests()) != 3 {
		t.Errorf("requests = %d", len(fake.Requests()))
	}

	// A request that arrives while a wait is on wakes it.
	go func() {
		time.Sleep(20 * time.Millisecond)
		if _, _, err := call(fake, http.MethodPost, "/api/v9/channels/7/messages", `{"content":"late","allowed_mentions":{}}`); err != nil {
			t.Error(err)
		}
	}()
	if m := fake.WaitMessage(t, "7"); m.Content != "late" {
		t.Errorf("late wait got %q", m.Content)
	}
}

func TestDispatchWithoutClientFails(t *testing.T) {
	tb := &spy{TB: t}
	fake := New(tb, WithTimeout(50*time.Millisecond))
	done := make(chan struct{})
	go func() {
		defer close(done)
		fake.Dispatch(tb, "MESSAGE_CREATE", map[string]string{})
	}()
	<-done
	if f := tb.failures(); len(f) != 1 || !strings.Contains(f[0], "no client connected") {
		t.Errorf("failures = %q", f)
	}
}

// embed returns an embed whose description has n characters of s.
func embed(s string, n int) *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{Description: strings.Repeat(s, n)}
}

func row(items ...discordgo.MessageComponent) discordgo.MessageComponent {
	return discordgo.ActionsRow{Components: items}
}

func button(id string) discordgo.MessageComponent { return discordgo.Button{Label: "b", CustomID: id} }

func TestCheckResponse(t *testing.T) {
	reply := func(d discordgo.InteractionResponseData) *discordgo.InteractionResponse {
		if d.AllowedMentions == nil {
			d.AllowedMentions = noPings
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &d}
	}
	choices := func(n int, name, value string) *discordgo.InteractionResponse {
		r := &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{}}
		for range n {
			r.Data.Choices = append(r.Data.Choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: value})
		}
		return r
	}
	many := func(n int, f func(int) discordgo.MessageComponent) []discordgo.MessageComponent {
		var out []discordgo.MessageComponent
		for i := range n {
			out = append(out, f(i))
		}
		return out
	}
	fields := func(n int) []*discordgo.MessageEmbedField {
		var out []*discordgo.MessageEmbedField
		for range n {
			out = append(out, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
		}
		return out
	}
	tests := []struct {
		name string
		r    *discordgo.InteractionResponse
		want string // a violation that must be among those found; "" for none
	}{
		{"fine", reply(discordgo.InteractionResponseData{Content: "hi", Embeds: []*discordgo.MessageEmbed{embed("a", 4096)}}), ""},
		{"content in runes", reply(discordgo.InteractionResponseData{Content: strings.Repeat("é", 2000)}), ""},
		{"content", reply(discordgo.InteractionResponseData{Content: strings.Repeat("é", 2001)}), "data.content: 2001 characters, more than 2000"},
		{"description", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed("a", 5000)}}), "data.embeds.0.description: 5000 characters, more than 4096"},
		{"description in runes", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed("日", 4096)}}), ""},
		{"total of 6000", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed("a", 3000), embed("ü", 3000)}}), ""},
		{"total over 6000", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed("a", 3000), embed("ü", 2990), {Title: "0123456789", Footer: &discordgo.MessageEmbedFooter{Text: "f"}}}}),
			"data.embeds: 6001 characters over all embeds, more than 6000"},
		{"total counts fields and author", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{
			{Description: strings.Repeat("a", 4000), Author: &discordgo.MessageEmbedAuthor{Name: strings.Repeat("b", 256)}},
			{Fields: []*discordgo.MessageEmbedField{{Name: strings.Repeat("c", 256), Value: strings.Repeat("d", 1024)}, {Name: strings.Repeat("c", 256), Value: strings.Repeat("d", 209)}}},
		}}), "data.embeds: 6001 characters over all embeds, more than 6000"},
		{"embeds", reply(discordgo.InteractionResponseData{Embeds: slices.Repeat([]*discordgo.MessageEmbed{{Title: "t"}}, 11)}), "data.embeds: 11 embeds, more than 10"},
		{"title", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Title: strings.Repeat("t", 257)}}}), "data.embeds.0.title: 257 characters, more than 256"},
		{"fields", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Fields: fields(26)}}}), "data.embeds.0.fields: 26 fields, more than 25"},
		{"field value", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1025)}}}}}), "data.embeds.0.fields.0.value: 1025 characters, needs 1 to 1024"},
		{"field name", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: strings.Repeat("n", 257), Value: "v"}}}}}), "data.embeds.0.fields.0.name: 257 characters, needs 1 to 256"},
		{"empty field name", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Value: "v"}}}}}), "data.embeds.0.fields.0.name: empty"},
		{"footer", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 2049)}}}}), "data.embeds.0.footer.text: 2049 characters, more than 2048"},
		{"author", reply(discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{Author: &discordgo.MessageEmbedAuthor{Name: strings.Repeat("a", 257)}}}}), "data.embeds.0.author.name: 257 characters, more than 256"},
		{"no allowed_mentions", &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "@everyone"}}, "data.allowed_mentions: content or embeds without allowed_mentions"},
		{"empty", reply(discordgo.InteractionResponseData{}), "data: cannot send an empty message"},
		{"no data", &discordgo.InteractionResponse{Type: 4}, "data: a message reply needs data"},
		{"deferred", &discordgo.InteractionResponse{Type: 5}, ""},
		{"type", &discordgo.InteractionResponse{Type: 3}, "type: 3 is not an interaction callback type"},
		{"buttons", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{
			row(button("a"), button("b"), discordgo.Button{Label: "c", Style: discordgo.LinkButton, URL: "https://example.org"}),
			row(discordgo.SelectMenu{CustomID: "s", Options: []discordgo.SelectMenuOption{{Label: "l", Value: "v"}}}),
		}}), ""},
		{"rows", reply(discordgo.InteractionResponseData{Content: "x", Components: many(6, func(i int) discordgo.MessageComponent { return row(button(fmt.Sprint(i))) })}), "data.components: 6 action rows, more than 5"},
		{"buttons in a row", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{row(many(6, func(i int) discordgo.MessageComponent { return button(fmt.Sprint(i)) })...)}}),
			"data.components.0.components: 6 components in a row, needs 1 to 5"},
		{"label", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{row(discordgo.Button{Label: strings.Repeat("l", 81), CustomID: "a"})}}),
			"data.components.0.components.0.label: 81 characters, more than 80"},
		{"custom_id", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{row(button(strings.Repeat("i", 101)))}}),
			"data.components.0.components.0.custom_id: 101 characters, needs 1 to 100"},
		{"no custom_id", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{row(discordgo.Button{Label: "b"})}}),
			"data.components.0.components.0.custom_id: empty"},
		{"same custom_id", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{row(button("a")), row(button("a"))}}),
			`data.components.1.components.0.custom_id: custom_id "a" is also used at data.components.0.components.0.custom_id`},
		{"link with custom_id", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{row(discordgo.Button{Label: "b", Style: discordgo.LinkButton, URL: "https://example.org", CustomID: "a"})}}),
			"data.components.0.components.0.custom_id: a link button has no custom_id"},
		{"button outside a row", reply(discordgo.InteractionResponseData{Content: "x", Components: []discordgo.MessageComponent{button("a")}}),
			"data.components.0: discordgo.Button at the top level"},
		{"choices", choices(25, "n", strings.Repeat("v", 100)), ""},
		{"too many choices", choices(26, "n", "v"), "data.choices: 26 choices, more than 25"},
		{"choice name", choices(1, strings.Repeat("n", 101), "v"), "data.choices.0.name: 101 characters, needs 1 to 100"},
		{"empty choice name", choices(1, "", "v"), "data.choices.0.name: empty"},
		{"choice value", choices(1, "n", strings.Repeat("ß", 101)), "data.choices.0.value: 101 characters, more than 100"},
		{"modal title", &discordgo.InteractionResponse{Type: 9, Data: &discordgo.InteractionResponseData{CustomID: "m", Title: strings.Repeat("t", 46), Components: []discordgo.MessageComponent{row()}}},
			"data.title: 46 characters, needs 1 to 45"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckResponse(tt.r)
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("violations: %q", got)
				}
				return
			}
			if !slices.ContainsFunc(got, func(v string) bool { return strings.HasPrefix(v, tt.want) }) {
				t.Errorf("want %q among %q", tt.want, got)
			}
		})
	}
}

func TestCheckMessage(t *testing.T) {
	tests := []struct {
		name string
		m    *discordgo.MessageSend
		want string
	}{
		{"fine", &discordgo.MessageSend{Content: "hi", AllowedMentions: noPings}, ""},
		{"content", &discordgo.MessageSend{Content: strings.Repeat("x", 2001), AllowedMentions: noPings}, "content: 2001 characters, more than 2000"},
		{"no allowed_mentions", &discordgo.MessageSend{Content: "hi"}, "allowed_mentions: content or embeds without allowed_mentions"},
		{"embeds only, no allowed_mentions", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: "t"}}}, "allowed_mentions"},
		{"empty", &discordgo.MessageSend{AllowedMentions: noPings}, "cannot send an empty message"},
		{"old single embed", &discordgo.MessageSend{Embed: embed("a", 4097), AllowedMentions: noPings}, "embeds.0.description: 4097 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckMessage(tt.m)
			if tt.want == "" && len(got) != 0 || tt.want != "" && !slices.ContainsFunc(got, func(v string) bool { return strings.HasPrefix(v, tt.want) }) {
				t.Errorf("want %q, got %q", tt.want, got)
			}
		})
	}

	content := strings.Repeat("x", 2001)
	if got := CheckEdit(&discordgo.WebhookEdit{Content: &content}); len(got) != 2 {
		t.Errorf("edit: %q", got)
	}
	if got := CheckFollowup(&discordgo.WebhookParams{Content: "x", AllowedMentions: noPings}); len(got) != 0 {
		t.Errorf("followup: %q", got)
	}
}

func TestCheckCommands(t *testing.T) {
	opt := func(name string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: "d", Required: required}
	}
	cmd := func(name string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: name, Description: "d", Options: opts}
	}
	manyCmds := func(n int) []*discordgo.ApplicationCommand {
		var out []*discordgo.ApplicationCommand
		for i := range n {
			out = append(out, cmd(fmt.Sprintf("c%d", i)))
		}
		return out
	}
	manyOpts := func(n int) []*discordgo.ApplicationCommandOption {
		var out []*discordgo.ApplicationCommandOption
		for i := range n {
			out = append(out, opt(fmt.Sprintf("o%d", i), false))
		}
		return out
	}
	length := func(minLen, maxLen int) *discordgo.ApplicationCommandOption {
		o := opt("q", false)
		o.MinLength, o.MaxLength = &minLen, maxLen
		return o
	}
	withChoices := func(o *discordgo.ApplicationCommandOption, autocomplete bool, names ...string) *discordgo.ApplicationCommandOption {
		o.Autocomplete = autocomplete
		for _, n := range names {
			o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
		}
		return o
	}
	tests := []struct {
		name string
		cmds []*discordgo.ApplicationCommand
		want string
	}{
		{"fine", []*discordgo.ApplicationCommand{cmd("ask", opt("question", true), length(0, 6000)), cmd("événement"), cmd("on-this_day")}, ""},
		{"100 slash commands", manyCmds(100), ""},
		{"101 slash commands", manyCmds(101), "101 slash commands, more than 100"},
		{"131 commands", manyCmds(131), "131 commands, more than 130"},
		{"uppercase", []*discordgo.ApplicationCommand{cmd("Ask")}, `0.name: "Ask" is not lowercase`},
		{"space", []*discordgo.ApplicationCommand{cmd("ask me")}, `0.name: "ask me" has characters`},
		{"long name", []*discordgo.ApplicationCommand{cmd(strings.Repeat("a", 33))}, "0.name: 33 characters, needs 1 to 32"},
		{"no description", []*discordgo.ApplicationCommand{{Name: "ask"}}, "0.description: empty"},
		{"long description", []*discordgo.ApplicationCommand{{Name: "ask", Description: strings.Repeat("d", 101)}}, "0.description: 101 characters, needs 1 to 100"},
		{"duplicate", []*discordgo.ApplicationCommand{cmd("ask"), cmd("ask")}, `1.name: "ask" is also the name of command 0`},
		{"options", []*discordgo.ApplicationCommand{cmd("ask", manyOpts(26)...)}, "0.options: 26 options, more than 25"},
		{"option description", []*discordgo.ApplicationCommand{cmd("ask", &discordgo.ApplicationCommandOption{Type: 3, Name: "q"})}, "0.options.0.description: empty"},
		{"option name", []*discordgo.ApplicationCommand{cmd("ask", opt("Question", false))}, `0.options.0.name: "Question" is not lowercase`},
		{"min_length", []*discordgo.ApplicationCommand{cmd("ask", length(-1, 10))}, "0.options.0.min_length: -1, needs 0 to 6000"},
		{"max_length", []*discordgo.ApplicationCommand{cmd("ask", length(0, 6001))}, "0.options.0.max_length: 6001, needs 1 to 6000"},
		{"required after optional", []*discordgo.ApplicationCommand{cmd("ask", opt("a", false), opt("b", true))}, "0.options.1.required: a required option after an optional one"},
		{"autocomplete and choices", []*discordgo.ApplicationCommand{cmd("ask", withChoices(opt("q", false), true, "x"))}, "0.options.0.autocomplete"},
		{"choice name", []*discordgo.ApplicationCommand{cmd("ask", withChoices(opt("q", false), false, strings.Repeat("n", 101)))}, "0.options.0.choices.0.name: 101 characters"},
		{"user command", []*discordgo.ApplicationCommand{{Type: discordgo.UserApplicationCommand, Name: "Timeline Of"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckCommands(tt.cmds)
			if tt.want == "" && len(got) != 0 || tt.want != "" && !slices.ContainsFunc(got, func(v string) bool { return strings.HasPrefix(v, tt.want) }) {
				t.Errorf("want %q, got %q", tt.want, got)
			}
		})
	}
}
