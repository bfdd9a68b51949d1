package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
)

// Message answers a message that asks the bot something: any message in a
// DM, or one that mentions the bot in a channel. It returns nil, nil for a
// message the bot should let be: from a bot (itself included), or in a
// channel without a mention. Like the interaction handlers it is pure.
func (h *Handlers) Message(ctx context.Context, m *discordgo.Message, self *discordgo.User) (*discordgo.MessageSend, error) {
	if m == nil || m.Author == nil || m.Author.Bot || self == nil || m.Author.ID == self.ID {
		return nil, nil
	}
	dm := m.GuildID == ""
	// A reply to one of the bot's answers is asked of the bot, about
	// that answer's event: "and what happened after that?".
	var anchor follow
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && ref.Author.ID == self.ID {
		anchor, _ = anchorOf(ref)
	}
	mentioned := mentions(m, self.ID)
	if !dm && anchor.Event == "" && !mentioned {
		return nil, nil
	}
	if !dm && !mentioned && strings.TrimSpace(m.Content) == "" {
		// A reply without the ping reaches the bot without its words
		// (no Message Content intent): there is nothing to answer.
		return nil, nil
	}
	question := strings.TrimSpace(stripMention(m.Content, self.ID))
	entry, question, err := h.messageTimeline(ctx, m, anchor, question)
	if err != nil {
		return nil, err
	}
	if anchor.Event != "" {
		ctx = answer.WithAnchor(ctx, anchor.Event)
	}
	if question == "" {
		return &discordgo.MessageSend{
			Content:         "Ask me about the timeline, for example: *" + escapeMarkdown(entry.Engine.Examples().Question) + "* Type **/help** for more.",
			Reference:       m.Reference(),
			AllowedMentions: noMentions(),
		}, nil
	}
	question = truncateRunes(question, maxQuestion)
	a, err := entry.Engine.Ask(ctx, question)
	if err != nil {
		return nil, err
	}
	r := render(a, entry, 0, pageState{Command: "ask", Anchor: anchor.Event, Timeline: entry.Name})
	return &discordgo.MessageSend{
		Content:         r.Content,
		Embeds:          r.Embeds,
		Components:      r.Components,
		Reference:       m.Reference(),
		AllowedMentions: noMentions(),
	}, nil
}

// messageTimeline is the timeline a message asks about: the one the
// answer it replies to came from, else one the question names at its
// start ("in the Apollo 13 timeline, ..."), else the channel's or the
// server's default, else the only one. With several and none of those,
// the asker is told how to name one.
func (h *Handlers) messageTimeline(ctx context.Context, m *discordgo.Message, anchor follow, question string) (catalog.Entry, string, error) {
	guild := m.GuildID
	if anchor.Timeline != "" {
		if e, ok := h.catalog.Lookup(guild, anchor.Timeline); ok {
			return e, question, nil
		}
		return catalog.Entry{}, "", errExpired
	}
	if e, rest, ok := h.catalog.Named(guild, question); ok {
		return e, rest, nil
	}
	if e, ok := h.chosen(ctx, guild, m.ChannelID); ok {
		return e, question, nil
	}
	visible := h.catalog.Visible(guild)
	switch len(visible) {
	case 0:
		return catalog.Entry{}, "", errNoTimelines
	case 1:
		return visible[0], question, nil
	}
	var titles []string
	for _, e := range visible[:min(len(visible), 10)] {
		titles = append(titles, "“"+e.Title()+"”")
	}
	return catalog.Entry{}, "", userError(codeNoTimeline, fmt.Sprintf("Which timeline? Start your question with its name, as in \"in the %s timeline, ...\". I have %s.",
		visible[0].Title(), strings.Join(titles, ", ")))
}

// MessageFailure is the reply to a message the bot could not answer: the
// person gets a short reply, the log gets err.
func MessageFailure(m *discordgo.Message, err error) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content:         clip(escapeMarkdown(messageOf(err)), maxContent),
		Reference:       m.Reference(),
		AllowedMentions: noMentions(),
	}
}

func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+id+">") || strings.Contains(m.Content, "<@!"+id+">")
}

var mentionPattern = regexp.MustCompile(`<@!?(\d+)>`)

// stripMention takes the bot's own mentions out of a question; other
// mentions stay, as text.
func stripMention(content, id string) string {
	return mentionPattern.ReplaceAllStringFunc(content, func(s string) string {
		if mentionPattern.FindStringSubmatch(s)[1] == id {
			return " "
		}
		return s
	})
}
