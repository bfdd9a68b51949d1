package bot

import (
	"context"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
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
	var anchor string
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && ref.Author.ID == self.ID {
		anchor = anchorOf(ref)
	}
	mentioned := mentions(m, self.ID)
	if !dm && anchor == "" && !mentioned {
		return nil, nil
	}
	if !dm && !mentioned && strings.TrimSpace(m.Content) == "" {
		// A reply without the ping reaches the bot without its words
		// (no Message Content intent): there is nothing to answer.
		return nil, nil
	}
	if anchor != "" {
		ctx = answer.WithAnchor(ctx, anchor)
	}
	question := strings.TrimSpace(stripMention(m.Content, self.ID))
	if question == "" {
		return &discordgo.MessageSend{
			Content:         "Ask me about the timeline, for example: *" + escapeMarkdown(h.Engine().Examples().Question) + "* Type **/help** for more.",
			Reference:       m.Reference(),
			AllowedMentions: noMentions(),
		}, nil
	}
	question = truncateRunes(question, maxQuestion)
	a, err := h.Engine().Ask(ctx, question)
	if err != nil {
		return nil, err
	}
	r := render(a, h.cite(), 0, pageState{Command: "ask", Anchor: anchor})
	return &discordgo.MessageSend{
		Content:         r.Content,
		Embeds:          r.Embeds,
		Components:      r.Components,
		Reference:       m.Reference(),
		AllowedMentions: noMentions(),
	}, nil
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
