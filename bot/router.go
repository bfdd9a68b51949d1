package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/timelinebot/timelinebot/answer"
)

// Handler answers one interaction. It is pure: the interaction in, the
// response out, no network. A transport sends what it returns.
type Handler func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error)

// Router picks the handler for an interaction: by its type first, then by
// command name or by the custom id's prefix (the part before the first
// "|"). Registering a route twice panics: it is a programming error.
type Router struct {
	commands map[string]Handler
	// options are each command's options, as registered: autocomplete
	// may be routed only to one that asks for it.
	options      map[string][]*discordgo.ApplicationCommandOption
	autocomplete map[string]Handler // by command and option: "search\x00query"
	components   map[string]Handler
	log          *slog.Logger
}

// NewRouter returns an empty router that logs failures to log.
func NewRouter(log *slog.Logger) *Router {
	return &Router{
		commands:     map[string]Handler{},
		options:      map[string][]*discordgo.ApplicationCommandOption{},
		autocomplete: map[string]Handler{},
		components:   map[string]Handler{},
		log:          log,
	}
}

// Command routes a slash command by name.
func (r *Router) Command(c *discordgo.ApplicationCommand, h Handler) {
	register(r.commands, "command", c.Name, h)
	r.options[c.Name] = c.Options
}

// Autocomplete routes the autocomplete requests of one option of a
// command. The command must be routed already and the option declared
// with autocomplete: anything else panics, as a programming error that
// would otherwise show as an option whose choices never come.
func (r *Router) Autocomplete(command, option string, h Handler) {
	opts, ok := r.options[command]
	if !ok {
		panic(fmt.Sprintf("bot: autocomplete for unknown command %q", command))
	}
	declared := false
	for _, o := range opts {
		declared = declared || (o.Name == option && o.Autocomplete)
	}
	if !declared {
		panic(fmt.Sprintf("bot: autocomplete for /%s %s, which is not an autocomplete option", command, option))
	}
	register(r.autocomplete, "autocomplete", command+"\x00"+option, h)
}

// Component routes button presses by custom id prefix.
func (r *Router) Component(prefix string, h Handler) {
	register(r.components, "component", prefix, h)
}

func register(m map[string]Handler, kind, key string, h Handler) {
	if _, dup := m[key]; dup {
		panic(fmt.Sprintf("bot: %s %q registered twice", kind, key))
	}
	m[key] = h
}

// codeUnknownCommand is the code of a command the bot does not have.
const codeUnknownCommand answer.Code = "unknown_command"

// errNoResponse is a handler that returned neither a response nor an
// error: a bug, answered like any other.
var errNoResponse = errors.New("handler returned no response")

// Handle answers an interaction. It always returns a response: a failure,
// an unknown route or a panic in a handler becomes a short private apology
// for the user, and the cause goes to the log with the interaction's id.
func (r *Router) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp, _ := r.handle(ctx, i)
	return resp
}

// handle is Handle, with the failure the response stands for, if any.
func (r *Router) handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, failed error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("handler panicked", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
			resp, failed = r.failure(i, errInternal), errInternal
		}
	}()
	h, route := r.route(i)
	if h == nil {
		r.log.Warn("no handler", "interaction", i.ID, "type", i.Type.String(), "route", clip(route, 100))
		if i.Type == discordgo.InteractionMessageComponent {
			return r.failure(i, errExpired), errExpired
		}
		err := userError(codeUnknownCommand, "Sorry, I don't know that command.")
		return r.failure(i, err), err
	}
	resp, err := h(ctx, i)
	if err == nil && resp == nil {
		err = fmt.Errorf("%s: %w", route, errNoResponse)
	}
	if err != nil {
		r.log.Log(ctx, levelOf(err), "interaction failed", "interaction", i.ID, "route", route, "err", err)
		return r.failure(i, err), err
	}
	return resp, nil
}

// label names an interaction's route for metrics: only names the router
// has, so that a client cannot make up label values.
func (r *Router) label(i *discordgo.Interaction) string {
	h, route := r.route(i)
	if h == nil {
		return "unknown"
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete:" + i.ApplicationCommandData().Name
	case discordgo.InteractionMessageComponent:
		prefix, _, _ := strings.Cut(route, "|")
		return "button:" + prefix
	}
	return route
}

// route finds the handler without touching data of the wrong type:
// discordgo panics when command data is read from a button press.
func (r *Router) route(i *discordgo.Interaction) (Handler, string) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		name := i.ApplicationCommandData().Name
		return r.commands[name], name
	case discordgo.InteractionApplicationCommandAutocomplete:
		data := i.ApplicationCommandData()
		option := ""
		for _, o := range data.Options {
			if o != nil && o.Focused {
				option = o.Name
			}
		}
		return r.autocomplete[data.Name+"\x00"+option], data.Name + " " + option
	case discordgo.InteractionMessageComponent:
		id := i.MessageComponentData().CustomID
		prefix, _, _ := strings.Cut(id, "|")
		return r.components[prefix], id
	}
	return nil, i.Type.String()
}

// failure is the response to an interaction that could not be answered.
// Autocomplete gets no choices; everything else a private message.
func (r *Router) failure(i *discordgo.Interaction, err error) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         clip(escapeMarkdown(messageOf(err)), maxContent),
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
}
