package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
)

// answerTimeout is how long one answer may take. Discord gives an
// interaction three seconds; the rest is for the round trip.
const answerTimeout = 2 * time.Second

// Config is what the bot needs to connect.
type Config struct {
	Token   string // the bot token, without "Bot "; never logged
	GuildID string // register commands in this guild only; empty means globally
	// APIURL, when set, is where every REST call (and so the gateway
	// lookup) goes instead of https://discord.com.
	APIURL string
	// Limits bound the questions of a user, a channel and all; the zero
	// value means DefaultLimits.
	Limits Limits
	// Drain is how long a stop waits for the answers under way; zero
	// means 5 seconds.
	Drain time.Duration
	// DeferAfter is the longest an answer is waited for before it is
	// deferred; zero means 2 seconds.
	DeferAfter time.Duration
	// Observer is told how each interaction went; nil tells nobody.
	Observer Observer
	// Shard is the gateway shard this process is, of how many; the zero
	// value is the only one.
	Shard Shard
}

// Shard is one gateway shard: Discord sends shard ID of Count the events
// of the guilds with (guild_id >> 22) % Count == ID, and DMs to shard 0.
type Shard struct{ ID, Count int }

func (cfg Config) withDefaults() Config {
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits()
	}
	if cfg.Drain == 0 {
		cfg.Drain = 5 * time.Second
	}
	if cfg.DeferAfter == 0 {
		cfg.DeferAfter = defaultDeferAfter
	}
	if cfg.Observer == nil {
		cfg.Observer = nopObserver{}
	}
	if cfg.Shard.Count == 0 {
		cfg.Shard.Count = 1
	}
	return cfg
}

// restIdleConns is how many idle connections to Discord's API are kept
// for reuse: about as many as replies are sent at once.
const restIdleConns = 64

// NewSession is a discordgo session for REST calls, sent to cfg.APIURL
// when set. Its token may be empty: interaction webhooks need none.
func NewSession(cfg Config) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	if cfg.Token == "" {
		// discordgo sends any token it holds, "Bot " too, and Discord
		// refuses a bad one even where none is needed.
		s.Token = ""
	}
	// Every reply is a request to one host: Go's default of two idle
	// connections a host would open a new TCP (and TLS) connection for
	// most replies under load.
	pooled := http.DefaultTransport.(*http.Transport).Clone()
	pooled.MaxIdleConnsPerHost = restIdleConns
	var transport http.RoundTripper = pooled
	if cfg.APIURL != "" {
		base, err := url.Parse(cfg.APIURL)
		if err != nil || base.Scheme == "" || base.Host == "" {
			return nil, fmt.Errorf("bot: DISCORD_API_URL %q is not an absolute URL", cfg.APIURL)
		}
		transport = Redirect(base, transport)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: WithinDeadline(transport)}
	// discordgo's warnings quote whole gateway payloads ("Expected
	// READY/RESUMED, instead got ..."), interaction tokens and messages
	// included: only its errors are logged.
	s.LogLevel = discordgo.LogError
	return s, nil
}

// RecommendedShards is the number of shards Discord recommends for the
// bot now (GET /gateway/bot): about one per 1,000 guilds.
func RecommendedShards(ctx context.Context, cfg Config) (int, error) {
	s, err := NewSession(cfg)
	if err != nil {
		return 0, err
	}
	g, err := s.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		return 0, fmt.Errorf("ask Discord for the shard count: %w", Redact(err))
	}
	return max(g.Shards, 1), nil
}

// Bot is the gateway transport: it receives interactions and messages
// from the gateway, answers them through the handlers, and sends what
// they return over REST.
type Bot struct {
	cfg       Config
	session   *discordgo.Session
	responder *Responder
	handlers  *Handlers
	log       *slog.Logger
	guard     *guard // for messages; interactions are the responder's
	gateway   *gatewayWatcher
	// sessionReady is set at the first READY, stopped when a stop begins:
	// with the session's state, what /readyz reports.
	sessionReady, stopped atomic.Bool
	connected             atomic.Bool // a connection was made: the next is a reconnect

	// mu guards stopping: once set, no new work starts, and inflight
	// counts what is still being answered.
	mu       sync.RWMutex
	stopping bool
	inflight sync.WaitGroup
}

// New prepares a bot; Run connects it.
func New(cfg Config, h *Handlers, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("bot: no token")
	}
	cfg = cfg.withDefaults()
	if cfg.Shard.ID < 0 || cfg.Shard.ID >= cfg.Shard.Count {
		return nil, fmt.Errorf("bot: shard %d of %d does not exist: shard ids run from 0 to %d", cfg.Shard.ID, cfg.Shard.Count, cfg.Shard.Count-1)
	}
	s, err := NewSession(cfg)
	if err != nil {
		return nil, err
	}
	s.ShardID, s.ShardCount = cfg.Shard.ID, cfg.Shard.Count
	// Mentions and DMs carry their text without the privileged message
	// content intent.
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	gw := newGatewayWatcher()
	s.Dialer = gw.dialer()
	// Set on the goroutine that reads the close, before discordgo's
	// listen loop asks whether to reconnect: it then does not. (Once its
	// reconnect loop has begun, nothing ends it; the stopped dialer keeps
	// it from dialling.)
	gw.onFatal = func() {
		// During a reconnect, discordgo's Open holds the session's lock
		// while it reads: then the close is read inside it, and waiting
		// for the lock would wait for ever. The stopped dialer does then.
		if s.TryLock() {
			s.ShouldReconnectOnError = false
			s.Unlock()
		}
	}
	return &Bot{cfg: cfg, session: s, responder: NewResponder(cfg, h, s, log), handlers: h, log: log, guard: newGuard(cfg.Limits), gateway: gw}, nil
}

// Run connects to Discord, registers the commands and answers until ctx
// ends, then disconnects.
func (b *Bot) Run(ctx context.Context) error {
	// The answers under way outlive a stop by up to cfg.Drain: their
	// context is not the one that stops the bot.
	work := context.WithoutCancel(ctx)
	b.session.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.interaction(work, ic.Interaction)
	})
	b.session.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
		b.message(work, mc.Message)
	})
	b.session.AddHandler(func(*discordgo.Session, *discordgo.Connect) {
		if b.connected.Swap(true) {
			b.cfg.Observer.Reconnected()
		}
	})
	// A session has been READY once; whether it is up now is the
	// session's own state (see Ready).
	b.session.AddHandler(func(*discordgo.Session, *discordgo.Ready) { b.sessionReady.Store(true) })
	// Open waits on Discord with no deadline of its own; a signal must
	// still stop the bot while it waits.
	opened := make(chan error, 1)
	go func() { opened <- b.session.Open() }()
	select {
	case err := <-opened:
		if err != nil {
			select {
			case f := <-b.gateway.fatal:
				return f
			case <-time.After(100 * time.Millisecond):
			}
			if f, ok := refused(err); ok {
				return f
			}
			return fmt.Errorf("connect to Discord: %w", Redact(err))
		}
	case f := <-b.gateway.fatal:
		go func() {
			if <-opened == nil {
				b.session.Close()
			}
		}()
		return f
	case <-ctx.Done():
		go func() {
			if <-opened == nil {
				b.session.Close()
			}
		}()
		return nil
	}
	defer b.close()
	defer b.drain()
	self := b.session.State.User
	app := b.session.State.Application
	if self == nil {
		return errors.New("connect to Discord: no user in READY")
	}
	appID := self.ID
	if app != nil && app.ID != "" {
		appID = app.ID
	}
	b.log.Info("connected to Discord", "user", self.Username, "application", appID, "shard", b.cfg.Shard.ID, "shards", b.cfg.Shard.Count)
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	go watchHeartbeats(watchCtx, b.session, b.gateway, b.log.Warn)
	// Commands are the application's, not a shard's: one process
	// registers them.
	if b.cfg.Shard.ID == 0 {
		if err := Register(ctx, b.session, appID, b.cfg.GuildID, b.handlers.Commands(), b.log); err != nil {
			if ctx.Err() != nil {
				return nil // stopped while registering
			}
			return err
		}
	}
	select {
	case <-ctx.Done():
		return nil
	case f := <-b.gateway.fatal:
		return f
	}
}

// Ready reports whether the bot has a session with Discord and is not
// stopping: for a readiness check. discordgo's DataReady is set while its
// heartbeats go out and cleared when the connection closes, in the
// session's own order; handlers of connect and disconnect events run on
// goroutines of their own, whose order would not be the events'.
func (b *Bot) Ready() bool {
	if b.stopped.Load() || !b.sessionReady.Load() {
		return false
	}
	// Busy connecting or closing: not ready, and /readyz does not wait.
	if !b.session.TryRLock() {
		return false
	}
	defer b.session.RUnlock()
	return b.session.DataReady
}

// begin starts a piece of work, unless the bot is stopping; the caller
// ends it with b.inflight.Done.
func (b *Bot) begin() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.stopping {
		return false
	}
	b.inflight.Add(1)
	return true
}

// drain stops new work and waits, up to cfg.Drain, for the answers under
// way, so that nobody who asked before the stop is left without a reply.
func (b *Bot) drain() {
	b.mu.Lock()
	b.stopping = true
	b.stopped.Store(true)
	b.mu.Unlock()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); b.responder.pending.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.cfg.Drain):
		b.log.Warn("stopping with answers still under way", "waited", b.cfg.Drain)
	}
}

// close disconnects from the gateway. discordgo's Close pauses a second
// for the close frame to go out; a stuck connection gets five.
func (b *Bot) close() {
	done := make(chan error, 1)
	go func() { done <- b.session.Close() }()
	select {
	case err := <-done:
		if err != nil {
			b.log.Warn("closing the Discord connection", "err", err)
		}
	case <-time.After(5 * time.Second):
		b.log.Warn("closing the Discord connection timed out")
	}
}

// Register makes the application's commands want, with one bulk
// overwrite, and only when they differ: every overwrite counts against
// Discord's daily command-creation limit. guildID "" means globally.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string, want []*discordgo.ApplicationCommand, log *slog.Logger) error {
	have, err := s.ApplicationCommands(appID, guildID, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("list commands: %w", Redact(err))
	}
	if sameCommands(have, want) {
		log.Info("commands up to date", "count", len(want))
		return nil
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, want, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", Redact(err))
	}
	log.Info("commands registered", "count", len(want), "guild", guildID)
	return nil
}

// sameCommands compares commands by what a user sees of them: names,
// descriptions and options, not the ids and versions Discord adds.
func sameCommands(have, want []*discordgo.ApplicationCommand) bool {
	return reflect.DeepEqual(commandShapes(have), commandShapes(want))
}

type optionShape struct {
	Type         discordgo.ApplicationCommandOptionType
	Name         string
	Description  string
	Required     bool
	Autocomplete bool
	MinLength    int
	MaxLength    int
}

func commandShapes(cmds []*discordgo.ApplicationCommand) map[string]string {
	out := map[string]string{}
	for _, c := range cmds {
		var opts []optionShape
		for _, o := range c.Options {
			s := optionShape{Type: o.Type, Name: o.Name, Description: o.Description, Required: o.Required, Autocomplete: o.Autocomplete, MaxLength: o.MaxLength}
			if o.MinLength != nil {
				s.MinLength = *o.MinLength
			}
			opts = append(opts, s)
		}
		var perms int64 = -1
		if c.DefaultMemberPermissions != nil {
			perms = *c.DefaultMemberPermissions
		}
		// Contexts are left out: Discord fills in its default for a
		// command registered without, which would read as a change at
		// every start. The admin commands differ by their permissions.
		shape, _ := json.Marshal(struct {
			Description string
			Options     []optionShape
			Permissions int64
		}{c.Description, opts, perms})
		out[c.Name] = string(shape)
	}
	return out
}

// interactionTTL is how long Discord waits for an interaction's answer.
const interactionTTL = 3 * time.Second

// deadlineOf is when an interaction's answer must have reached Discord:
// three seconds after Discord made it (its id says when), or after it
// arrived if the clocks disagree.
func deadlineOf(i *discordgo.Interaction, arrived time.Time) time.Time {
	made, err := discordgo.SnowflakeTimestamp(i.ID)
	if err != nil || made.After(arrived) || arrived.Sub(made) > time.Minute {
		made = arrived
	}
	return made.Add(interactionTTL)
}

// interaction answers one interaction over REST, within its deadline
// and the asker's limits.
func (b *Bot) interaction(work context.Context, i *discordgo.Interaction) {
	if !b.begin() {
		return // stopping: Discord tells the asker it failed
	}
	defer b.inflight.Done()
	// The router recovers the handlers' panics; this one guards the
	// sending, so nothing takes the process down.
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("sending an interaction response panicked", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	b.responder.Respond(work, i, time.Now(), func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		return b.session.InteractionRespond(i, resp, discordgo.WithContext(ctx))
	})
}

// userOf is who sent an interaction: a member in a guild, a user in a DM.
func userOf(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// slowDown is the reply to someone over their limit.
func slowDown(wait time.Duration) error {
	secs := max(1, int(wait.Round(time.Second)/time.Second))
	return userError(answer.CodeInternal, fmt.Sprintf("You're asking faster than I answer; please try again in %d s.", secs))
}

// message answers a message that asks the bot something.
func (b *Bot) message(ctx context.Context, m *discordgo.Message) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("message handler panicked", "message", m.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	if !b.begin() {
		return
	}
	defer b.inflight.Done()
	self := b.session.State.User
	if m.Author == nil || m.Author.Bot || self == nil || m.Author.ID == self.ID {
		return // not a question; not counted against anyone
	}
	if ok, wait, warn := b.guard.admit(m.Author.ID, m.ChannelID, time.Now()); !ok {
		// Told once, then silence until the bucket lets one by.
		if warn {
			b.send(m, MessageFailure(m, slowDown(wait)))
		}
		return
	}
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	if !b.guard.acquire(ctx) {
		b.log.Warn("too busy to answer a message in time", "message", m.ID)
		return
	}
	defer b.guard.release()
	send, err := b.handlers.Message(ctx, m, self)
	if err != nil {
		b.log.Log(ctx, levelOf(err), "answering a message", "message", m.ID, "channel", m.ChannelID, "err", err)
		send = MessageFailure(m, err)
	}
	if send != nil {
		b.send(m, send)
	}
}

// send sends a reply to a message.
func (b *Bot) send(m *discordgo.Message, send *discordgo.MessageSend) {
	if _, err := b.session.ChannelMessageSendComplex(m.ChannelID, send); err != nil {
		b.log.Error("sending a reply", "message", m.ID, "channel", m.ChannelID, "err", Redact(err))
	}
}

// Redact drops the URL from a failed request's error: an interaction's
// URL carries its token, which lets anyone answer in the bot's name for
// fifteen minutes. What failed and why stay.
func Redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s request: %w", ue.Op, ue.Err)
	}
	return err
}
