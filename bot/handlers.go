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
	"sync/atomic"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
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

// Handlers answers interactions from an engine, which may be swapped for
// another while they answer: a timeline reloaded.
type Handlers struct {
	engine atomic.Pointer[answer.Engine]
}

// NewHandlers returns the handlers for an engine.
func NewHandlers(engine *answer.Engine) *Handlers {
	h := &Handlers{}
	h.engine.Store(engine)
	return h
}

// Engine is the engine the handlers answer from now.
func (h *Handlers) Engine() *answer.Engine { return h.engine.Load() }

// Swap makes the handlers answer from engine from now on, and returns the
// one they answered from. An answer under way finishes with the old one.
func (h *Handlers) Swap(engine *answer.Engine) *answer.Engine { return h.engine.Swap(engine) }

// followUp answers a press of "What happened next?": the entry after the
// event the reply was about, as a new message.
func (h *Handlers) followUp(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	id, private, ok := parseFollowID(i.MessageComponentData().CustomID)
	if !ok {
		return nil, errExpired
	}
	a, err := h.Engine().Ask(answer.WithAnchor(ctx, id), "what happened next")
	if err != nil {
		return nil, err
	}
	r := render(a, h.cite(), 0, pageState{Command: "ask", Private: private, Anchor: id})
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, private), nil
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
			if v, ok := o.Value.(bool); ok && o.Name == "private" {
				private = v
			}
		case discordgo.ApplicationCommandOptionString:
			if v, ok := o.Value.(string); ok {
				out[o.Name] = v
			}
		}
	}
	return out, private
}

// lookupCommand answers a lookup command from its options.
func (h *Handlers) lookupCommand(c command) Handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		opts, private := options(i)
		a, err := c.lookup(ctx, h.Engine(), opts)
		if err != nil {
			return nil, err
		}
		state := pageState{Command: c.name, Private: private}
		if c.keepDates {
			state.Dates = datesKey(a.Spans)
		}
		r := render(a, h.cite(), 0, state)
		return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, private), nil
	}
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
	a, err := c.redo(ctx, h.Engine(), state)
	if err != nil {
		return nil, err
	}
	r := render(a, h.cite(), page, state)
	return messageResponse(discordgo.InteractionResponseUpdateMessage, r, state.Private), nil
}

func (h *Handlers) event(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	opts, private := options(i)
	e := h.Engine() // one timeline for the whole lookup, even if reloaded meanwhile
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
	r := render(a, e.Timeline().Source.Cite(), 0, pageState{Command: "event", Private: private})
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, private), nil
}

func (h *Handlers) help(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	_, private := options(i)
	text := h.helpText(h.Engine())
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

// cite is the citation of the timeline answered from now.
func (h *Handlers) cite() string { return h.Engine().Timeline().Source.Cite() }
