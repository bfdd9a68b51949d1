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

// Commands are the slash commands the bot registers, their examples drawn
// from the timeline it answers about.
func (h *Handlers) Commands() []*discordgo.ApplicationCommand {
	x := h.Engine().Examples()
	private := &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionBoolean, Name: "private",
		Description: "Only you see the reply",
	}
	text := func(name, desc string, maxLen int, autocomplete bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: name, Description: clip(desc, maxOptionDescription),
			Required: true, MinLength: intp(1), MaxLength: maxLen, Autocomplete: autocomplete,
		}
	}
	cmd := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: name, Description: desc, Options: append(opts, private)}
	}
	return []*discordgo.ApplicationCommand{
		cmd("ask", "Ask a question about the timeline", text("question", "e.g. "+x.Question, maxQuestion, false)),
		cmd("search", "Search the timeline by keywords", text("query", "Words to look for, e.g. "+x.Keyword, maxWords, true)),
		cmd("date", "What happened on a day, in a month or a year", text("when", fmt.Sprintf("e.g. %s · %s · %s", x.Day, x.Month, x.Year), maxDate, true)),
		cmd("between", "What happened between two dates",
			text("from", "The first date, e.g. "+x.Month, maxDate, false),
			text("to", "The last date, e.g. "+x.Year, maxDate, false)),
		cmd("timeline", "The whole timeline, page by page"),
		cmd("event", "Show one entry of the timeline", text("title", "Start typing a title or a date", maxWords, true)),
		cmd("help", "What this bot can do"),
	}
}

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

// Routes registers every handler on r.
func (h *Handlers) Routes(r *Router) {
	r.Command("ask", h.lookupCommand("ask"))
	r.Command("search", h.lookupCommand("search"))
	r.Command("date", h.lookupCommand("date"))
	r.Command("between", h.lookupCommand("between"))
	r.Command("timeline", h.lookupCommand("timeline"))
	r.Command("event", h.event)
	r.Command("help", h.help)
	r.Autocomplete("search", h.completeTitles)
	r.Autocomplete("event", h.completeEvents)
	r.Autocomplete("date", h.completeDates)
	r.Component(pagePrefix, h.page)
	r.Component(followPrefix, h.followUp)
}

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

// lookup runs a command's lookup on its input.
func (h *Handlers) lookup(ctx context.Context, command string, opts map[string]string) (answer.Answer, error) {
	switch command {
	case "ask":
		return h.Engine().Ask(ctx, opts["question"])
	case "search":
		return h.Engine().Search(ctx, opts["query"], 0)
	case "date":
		return h.Engine().On(ctx, opts["when"])
	case "between":
		return h.Engine().Between(ctx, opts["from"], opts["to"])
	case "timeline":
		return h.Engine().All(ctx)
	}
	return answer.Answer{}, fmt.Errorf("no lookup for command %q", command)
}

// lookupAgain redoes a lookup from the input a reply recorded: paging
// knows the command and the input, not the options.
func (h *Handlers) lookupAgain(ctx context.Context, command, input string) (answer.Answer, error) {
	switch command {
	case "ask":
		return h.Engine().Ask(ctx, input)
	case "search":
		return h.Engine().Search(ctx, input, 0)
	case "date", "between":
		// A between reply records "FROM to TO", which reads as one range.
		return h.Engine().On(ctx, input)
	case "timeline":
		return h.Engine().All(ctx)
	}
	// A custom id is the client's to send: one naming no command is a
	// forgery or a leftover, not a bug.
	return answer.Answer{}, errExpired
}

func (h *Handlers) lookupCommand(command string) Handler {
	return func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		opts, private := options(i)
		a, err := h.lookup(ctx, command, opts)
		if err != nil {
			return nil, err
		}
		r := render(a, h.cite(), 0, pageState{Command: command, Private: private})
		return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, r, private), nil
	}
}

// page answers a Prev/Next press by redrawing the message in place.
func (h *Handlers) page(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	state, page, ok := parsePageID(i.MessageComponentData().CustomID)
	if !ok {
		return nil, errExpired
	}
	input, ok := inputOf(i.Message)
	if !ok {
		return nil, userError(answer.CodeUnknownEvent, "This reply is too old to page through; please ask again.")
	}
	if state.Anchor != "" {
		ctx = answer.WithAnchor(ctx, state.Anchor)
	}
	a, err := h.lookupAgain(ctx, state.Command, input)
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
	e := h.Engine()
	tl, x := e.Timeline(), e.Examples()
	text := fmt.Sprintf(`I answer questions about **%s** (%s).

**/ask** a question in plain words: *%s*, *%s*, *what happened first?*, *what is this timeline about?*
**/search** keywords: *%s*
**/date** a day, month or year: *%s*, *%s*, *%s*
**/between** two dates · **/timeline** everything, page by page · **/event** one entry

You can also mention me with a question, ask me in a DM, or reply to one of my answers to ask about it ("what happened after that?"). Add *private* to any command to see the reply alone.`,
		escapeMarkdown(tl.Title), escapeMarkdown(tl.Source.Cite()), escapeMarkdown(x.Question), escapeMarkdown(x.Count),
		escapeMarkdown(x.Keyword), escapeMarkdown(x.Day), escapeMarkdown(x.Month), escapeMarkdown(x.Year))
	_, private := options(i)
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
