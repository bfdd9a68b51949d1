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
	"time"

	"github.com/bwmarrin/discordgo"
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
}

// Bot is the adapter between Discord and the handlers: it receives
// interactions and messages from the gateway, asks the handlers, and sends
// what they return.
type Bot struct {
	cfg      Config
	session  *discordgo.Session
	router   *Router
	handlers *Handlers
	log      *slog.Logger
}

// New prepares a bot; Run connects it.
func New(cfg Config, h *Handlers, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("bot: no token")
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	if cfg.APIURL != "" {
		base, err := url.Parse(cfg.APIURL)
		if err != nil || base.Scheme == "" || base.Host == "" {
			return nil, fmt.Errorf("bot: DISCORD_API_URL %q is not an absolute URL", cfg.APIURL)
		}
		s.Client = &http.Client{Timeout: 20 * time.Second, Transport: Redirect(base, http.DefaultTransport)}
	}
	// Mentions and DMs carry their text without the privileged message
	// content intent.
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.LogLevel = discordgo.LogWarning
	r := NewRouter(log)
	h.Routes(r)
	return &Bot{cfg: cfg, session: s, router: r, handlers: h, log: log}, nil
}

// Run connects to Discord, registers the commands and answers until ctx
// ends, then disconnects.
func (b *Bot) Run(ctx context.Context) error {
	b.session.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.interaction(ctx, ic.Interaction)
	})
	b.session.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
		b.message(ctx, mc.Message)
	})
	// Open waits on Discord with no deadline of its own; a signal must
	// still stop the bot while it waits.
	opened := make(chan error, 1)
	go func() { opened <- b.session.Open() }()
	select {
	case err := <-opened:
		if err != nil {
			return fmt.Errorf("connect to Discord: %w", redact(err))
		}
	case <-ctx.Done():
		go func() {
			if <-opened == nil {
				b.session.Close()
			}
		}()
		return nil
	}
	defer b.close()
	self := b.session.State.User
	app := b.session.State.Application
	if self == nil {
		return errors.New("connect to Discord: no user in READY")
	}
	appID := self.ID
	if app != nil && app.ID != "" {
		appID = app.ID
	}
	b.log.Info("connected to Discord", "user", self.Username, "application", appID)
	if err := b.register(ctx, appID); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while registering
		}
		return err
	}
	<-ctx.Done()
	return nil
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

// register makes the application's commands the bot's, with one bulk
// overwrite, and only when they differ: every overwrite counts against
// Discord's daily command-creation limit.
func (b *Bot) register(ctx context.Context, appID string) error {
	want := b.handlers.Commands()
	have, err := b.session.ApplicationCommands(appID, b.cfg.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("list commands: %w", redact(err))
	}
	if sameCommands(have, want) {
		b.log.Info("commands up to date", "count", len(want))
		return nil
	}
	if _, err := b.session.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, want, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", redact(err))
	}
	b.log.Info("commands registered", "count", len(want), "guild", b.cfg.GuildID)
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
		shape, _ := json.Marshal(struct {
			Description string
			Options     []optionShape
		}{c.Description, opts})
		out[c.Name] = string(shape)
	}
	return out
}

// interaction answers one interaction and sends the response.
func (b *Bot) interaction(ctx context.Context, i *discordgo.Interaction) {
	// Handle recovers the handlers' panics; this one guards the sending,
	// so nothing takes the process down.
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("sending an interaction response panicked", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	resp := b.router.Handle(ctx, i)
	if err := b.session.InteractionRespond(i, resp); err != nil {
		b.log.Error("sending an interaction response", "interaction", i.ID, "err", redact(err))
	}
}

// message answers a message that asks the bot something.
func (b *Bot) message(ctx context.Context, m *discordgo.Message) {
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("message handler panicked", "message", m.ID, "panic", p, "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	send, err := b.handlers.Message(ctx, m, b.session.State.User)
	if err != nil {
		b.log.Log(ctx, levelOf(err), "answering a message", "message", m.ID, "channel", m.ChannelID, "err", err)
		send = MessageFailure(m, err)
	}
	if send == nil {
		return
	}
	if _, err := b.session.ChannelMessageSendComplex(m.ChannelID, send); err != nil {
		b.log.Error("sending a reply", "message", m.ID, "channel", m.ChannelID, "err", redact(err))
	}
}

// redact drops the URL from a failed request's error: an interaction's
// URL carries its token, which lets anyone answer in the bot's name for
// fifteen minutes. What failed and why stay.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s request: %w", ue.Op, ue.Err)
	}
	return err
}
