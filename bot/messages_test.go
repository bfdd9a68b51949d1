package bot

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestMessageWhoIsAnswered(t *testing.T) {
	h := NewHandlers(seedEngine(t))
	self := &discordgo.User{ID: "1170000000000000001", Username: "TimelineBot", Bot: true}
	person := &discordgo.User{ID: "80351110224678912", Username: "nelly"}
	mention := "<@" + self.ID + "> "
	guild := "1160000000000000001"
	tests := []struct {
		name    string
		m       *discordgo.Message
		answers bool
		says    string
	}{
		{"a mention in a channel", &discordgo.Message{ID: "1", GuildID: guild, Author: person, Content: mention + "when did Sessions recuse himself?", Mentions: []*discordgo.User{self}}, true, "March 2, 2017"},
		{"a nickname mention", &discordgo.Message{ID: "2", GuildID: guild, Author: person, Content: "<@!" + self.ID + "> what happened in 2017"}, true, "2017"},
		{"a DM needs no mention", &discordgo.Message{ID: "3", Author: person, Content: "what happened in June 2017"}, true, "June 2017"},
		{"a bare mention gets a hint", &discordgo.Message{ID: "4", GuildID: guild, Author: person, Content: mention, Mentions: []*discordgo.User{self}}, true, "/help"},
		{"a channel message without a mention", &discordgo.Message{ID: "5", GuildID: guild, Author: person, Content: "when did Sessions recuse himself?"}, false, ""},
		{"another bot", &discordgo.Message{ID: "6", GuildID: guild, Author: &discordgo.User{ID: "99", Bot: true}, Content: mention + "2016", Mentions: []*discordgo.User{self}}, false, ""},
		{"another bot in a DM", &discordgo.Message{ID: "7", Author: &discordgo.User{ID: "99", Bot: true}, Content: "2016"}, false, ""},
		{"itself", &discordgo.Message{ID: "8", GuildID: guild, Author: self, Content: mention + "2016", Mentions: []*discordgo.User{self}}, false, ""},
		{"a webhook or system message with no author", &discordgo.Message{ID: "9", GuildID: guild, Content: mention + "2016"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			send, err := h.Message(context.Background(), tt.m, self)
			if err != nil {
				t.Fatal(err)
			}
			if (send != nil) != tt.answers {
				t.Fatalf("answered = %v, want %v", send != nil, tt.answers)
			}
			if send == nil {
				return
			}
			if send.Reference == nil || send.Reference.MessageID != tt.m.ID {
				t.Errorf("reference %+v, want a reply to %s", send.Reference, tt.m.ID)
			}
			if !strings.Contains(send.Content, tt.says) {
				t.Errorf("reply %q does not say %q", send.Content, tt.says)
			}
			if send.AllowedMentions == nil || len(send.AllowedMentions.Parse) != 0 {
				t.Errorf("allowed_mentions %+v", send.AllowedMentions)
			}
		})
	}
}

// A reply to one of the bot's answers is a follow-up about that answer's
// event, read from the answer's button as Discord sends it back: no
// memory kept. The reply pings the bot (Discord's default), which is how
// its words reach a bot without the Message Content intent.
func TestMessageReplyFollowsUp(t *testing.T) {
	h := NewHandlers(seedEngine(t))
	self := &discordgo.User{ID: "1170000000000000001", Username: "TimelineBot", Bot: true}
	raw, err := os.ReadFile("testdata/message_reply.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ q, says string }{
		{"and what happened after that?", "After March 2, 2017 (Recusal from campaign-related investigations), 2 entries"},
		{"how many days later did he offer to resign?", "96 days"},
	} {
		var m discordgo.Message
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		m.Content = tt.q
		reply, err := h.Message(context.Background(), &m, self)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if reply == nil || !strings.Contains(reply.Content, tt.says) {
			t.Errorf("%q: reply %+v, want it to say %q", tt.q, reply, tt.says)
		}
	}
	// Without the ping, Discord sends the reply without its words: there
	// is nothing to answer, and the bot says nothing.
	var quiet discordgo.Message
	if err := json.Unmarshal(raw, &quiet); err != nil {
		t.Fatal(err)
	}
	quiet.Content, quiet.Mentions = "", nil
	if reply, err := h.Message(context.Background(), &quiet, self); err != nil || reply != nil {
		t.Errorf("a reply without its words was answered: %+v, %v", reply, err)
	}
	// A reply to another person's message, without a mention, is not for
	// the bot.
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	m.ReferencedMessage.Author = &discordgo.User{ID: "80351110224678912", Username: "nelly"}
	m.Mentions = nil
	if reply, err := h.Message(context.Background(), &m, self); err != nil || reply != nil {
		t.Errorf("a reply to another person's message was answered: %+v, %v", reply, err)
	}
}
