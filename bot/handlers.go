// Package bot puts a timeline in Discord: slash commands, questions asked
// by mention or in a DM, paging buttons and autocomplete. Its handlers are
// pure functions of an interaction or a message; Bot is the one adapter
// that talks to Discord.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
)

var errInternal = errors.New("internal error")

// errExpired answers a button whose custom id does not decode: stale,
// forged, or from another version of the bot.
var errExpired = &answer.Error{Code: codeExpired, Msg: "This button has expired; please ask again."}

// codeExpired is the code of errExpired.
const codeExpired answer.Code = "expired"

func userError(code answer.Code, msg string) error { return &answer.Error{Code: code, Msg: msg} }

func messageOf(err error) string { return answer.Message(err) }

// levelOf logs a person's mistake as information and anything else as an
// error.
func levelOf(err error) slog.Level {
	var ue *answer.Error
	if errors.As(err, &ue) {
		return slog.LevelInfo
	}
	return slog.LevelError
}

// Option length limits: Discord rejects longer input before it reaches
// the bot.
const (
	maxQuestion = 250
	maxWords    = 100
	maxDate     = 60
)

func intp(n int) *int { return &n }

// Handlers answers interactions from a catalog of timelines, any of
// which may be replaced while they answer (a file reloaded, an upload):
// an answer under way finishes with the engine it started with.
type Handlers struct {
	catalog  *catalog.Catalog
	defaults Defaults // nil: no server chooses a default
	library  Library  // nil: no uploads
	fetch    *fetcher
}

// Options are what the handlers may do beyond answering: keep servers'
// defaults, take their uploads.
type Options struct {
	Defaults Defaults // nil: no /timeline-default
	Library  Library  // nil: no /timeline-add or /timeline-remove
	// APIURL is DISCORD_API_URL: attachments are downloaded from
	// Discord's CDN or from its host.
	APIURL string
}

// NewHandlers returns the handlers for one shared timeline.
func NewHandlers(engine *answer.Engine) *Handlers {
	c := catalog.New()
	if _, err := c.Put(catalog.Shared, catalog.NameOf(engine.Timeline().Title), engine); err != nil {
		panic(err) // NameOf makes valid names
	}
	return NewCatalogHandlers(c, Options{})
}

// NewCatalogHandlers returns the handlers for a catalog.
func NewCatalogHandlers(c *catalog.Catalog, o Options) *Handlers {
	return &Handlers{catalog: c, defaults: o.Defaults, library: o.Library, fetch: newFetcher(o.APIURL)}
}

// Catalog is the handlers' timelines.
func (h *Handlers) Catalog() *catalog.Catalog { return h.catalog }

// Engine is the first shared timeline's engine: its examples describe
// the commands when they are registered, for every server alike.
func (h *Handlers) Engine() *answer.Engine {
	if shared := h.catalog.Visible(catalog.Shared); len(shared) > 0 {
		return shared[0].Engine
	}
	return nil
}

// followUp answers a press of "What happened next?": the entry after the
// event the reply was about, as a new message.
func (h *Handlers) followUp(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	f, ok := parseFollowID(i.MessageComponentData().CustomID)
	if !ok {
		return nil, errExpired
	}
	entry, err := h.recorded(ctx, i, f.Timeline)
	if err != nil {
		return nil, err
	}
	a, err := entry.Engine.Ask(answer.WithAnchor(ctx, f.Event), "what happened next")
	if err != nil {
		return nil, err
	}
	r := render(a, entry, 0, pageState{Command: "ask", Private: f.Private, Anchor: f.Event, Timeline: entry.Name})
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, f.Private), nil
}

// options reads a command's options by name.
func options(i *discordgo.Interaction) (map[string]string, bool) {
	data := i.ApplicationCommandData()
	out := map[string]string{}
	private := false
	// The values are read by assertion, not with discordgo's accessors,
	// which panic on a value of another type or none: the JSON is the
	// client's.
	for _, o := range data.Options {
		if o == nil {
			continue
		}
		switch o.Type {
		case discordgo.ApplicationCommandOptionBoolean:
			if v, ok := o.Value.(bool); ok {
				if o.Name == "private" {
					private = v
				} else {
					out[o.Name] = fmt.Sprint(v)
				}
			}
		case discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionAttachment:
			// An attachment's value is its id in the resolved data.
			if v, ok := o.Value.(string); ok {
				out[o.Name] = v
			}
		}
	}
	return out, private
}

// lookupCommand answers a lookup command from its options, from the
// timeline they choose.
func (h *Handlers) lookupCommand(c command) Handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		opts, private := options(i)
		entry, prompt, err := h.pick(ctx, i, c.name, opts, private)
		if err != nil || prompt != nil {
			return prompt, err
		}
		return h.answerLookup(ctx, c, entry, opts, private)
	}
}

// answerLookup runs a lookup command on a timeline.
func (h *Handlers) answerLookup(ctx context.Context, c command, entry catalog.Entry, opts map[string]string, private bool) (*discordgo.InteractionResponse, error) {
	a, err := c.lookup(ctx, entry.Engine, opts)
	if err != nil {
		return nil, err
	}
	state := pageState{Command: c.name, Private: private, Timeline: entry.Name}
	if c.keepDates {
		state.Dates = datesKey(a.Spans)
	}
	r := render(a, entry, 0, state)
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, private), nil
}

// page answers a Prev/Next press by redrawing the message in place.
func (h *Handlers) page(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	state, page, ok := parsePageID(i.MessageComponentData().CustomID)
	if !ok {
		return nil, errExpired
	}
	c, ok := commandOf(h.table(answer.Examples{}), state.Command)
	if !ok || c.redo == nil {
		// A custom id is the client's to send: one naming no paged
		// command is a forgery or a leftover, not a bug.
		return nil, errExpired
	}
	entry, err := h.recorded(ctx, i, state.Timeline)
	if err != nil {
		return nil, err
	}
	if state.Dates == "" {
		// What was asked, kept verbatim in the reply's author line.
		input, ok := inputOf(i.Message)
		if !ok {
			return nil, userError(answer.CodeUnknownEvent, "This reply is too old to page through; please ask again.")
		}
		state.Input = input
	}
	if state.Anchor != "" {
		ctx = answer.WithAnchor(ctx, state.Anchor)
	}
	a, err := c.redo(ctx, entry.Engine, state)
	if err != nil {
		return nil, err
	}
	r := render(a, entry, page, state)
	return messageResponse(discordgo.InteractionResponseUpdateMessage, r, state.Private), nil
}

func (h *Handlers) event(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	opts, private := options(i)
	entry, prompt, err := h.pick(ctx, i, "event", opts, private)
	if err != nil || prompt != nil {
		return prompt, err
	}
	return h.eventFrom(ctx, entry, opts, private)
}

// eventFrom answers /event from a timeline.
func (h *Handlers) eventFrom(ctx context.Context, entry catalog.Entry, opts map[string]string, private bool) (*discordgo.InteractionResponse, error) {
	e := entry.Engine // one timeline for the whole lookup, even if reloaded meanwhile
	a, err := e.EventByID(strings.TrimSpace(opts["title"]))
	if err != nil {
		// Typed rather than picked from the list: take the best match.
		a, err = e.Search(ctx, opts["title"], 1)
		if err == nil && len(a.Events) == 0 {
			err = userError(answer.CodeUnknownEvent, fmt.Sprintf("No entry matches %q.", opts["title"]))
		}
		if err != nil {
			return nil, err
		}
		a, err = e.EventByID(a.Events[0].ID)
		if err != nil {
			return nil, err
		}
	}
	r := render(a, entry, 0, pageState{Command: "event", Private: private, Timeline: entry.Name})
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, private), nil
}

func (h *Handlers) help(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	opts, private := options(i)
	entry, ok := h.quietPick(ctx, i, opts)
	if !ok {
		return nil, errNoTimelines
	}
	text := h.helpText(entry, len(h.catalog.Visible(i.GuildID)))
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, reply{Content: clip(text, maxContent)}, private), nil
}

func messageResponse(typ discordgo.InteractionResponseType, r reply, private bool) *discordgo.InteractionResponse {
	data := &discordgo.InteractionResponseData{
		Content:         r.Content,
		Embeds:          r.Embeds,
		Components:      r.Components,
		AllowedMentions: noMentions(),
	}
	if data.Embeds == nil {
		data.Embeds = []*discordgo.MessageEmbed{} // an update clears the old page's embeds
	}
	if data.Components == nil {
		data.Components = []discordgo.MessageComponent{}
	}
	if private {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: typ, Data: data}
}
