package bot

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
	"github.com/timelinebot/timelinebot/catalog"
)

// Two more made-up timelines beside the quarry one.
const (
	ferryTimeline = `{"title": "The Orrin ferry line", "source": {"name": "Orrin Gazette", "url": "https://gazette.example/ferry"}, "events": [
		{"dates": ["1921-05-01"], "title": "Ferry service begins", "text": "The first crossing carries forty passengers."},
		{"dates": ["1933-02-11"], "title": "Ice halts the ferry", "text": "The river freezes over for three weeks."},
		{"dates": ["1958-09-30"], "title": "Last ferry crossing", "text": "A bridge replaces the ferry."}]}`
	orchardTimeline = `{"title": "Mallory orchard records", "source": {"name": "Mallory family papers"}, "events": [
		{"dates": ["1874-04"], "title": "Orchard planted", "text": "Two hundred apple trees go in."},
		{"dates": ["1901-10-03"], "title": "Record harvest", "text": "The cider press runs for a month."}]}`
)

// threeTimelines: the quarry and ferry timelines shared, the orchard one
// guild g1's own.
func threeTimelines(t *testing.T) (*Handlers, *Router) {
	t.Helper()
	c := catalog.New()
	for _, p := range []struct{ guild, name, raw string }{
		{catalog.Shared, "quarry", quarryTimeline},
		{catalog.Shared, "ferry", ferryTimeline},
		{"1160000000000000001", "orchard", orchardTimeline},
	} {
		if _, err := c.Put(p.guild, p.name, engineFor(t, p.raw)); err != nil {
			t.Fatal(err)
		}
	}
	h := NewCatalogHandlers(c, Options{})
	r := NewRouter(slog.New(slog.DiscardHandler))
	h.Routes(r)
	return h, r
}

const (
	guild1 = "1160000000000000001"
	guild2 = "1160000000000000002"
)

// in sets where an interaction comes from.
func in(i *discordgo.Interaction, guild string) *discordgo.Interaction {
	i.GuildID, i.ChannelID = guild, "1165000000000000001"
	return i
}

func TestEachTimelineAnswered(t *testing.T) {
	_, r := threeTimelines(t)
	ctx := context.Background()
	for _, c := range []struct {
		guild, timeline, question, want string
	}{
		{guild1, "quarry", "when did the council vote on the quarry?", "Jan. 20, 1987"},
		{guild1, "ferry", "when did the last ferry cross?", "Sept. 30, 1958"},
		{guild1, "orchard", "when was the record harvest?", "Oct. 3, 1901"},
		{guild1, "Mallory orchard records", "when was the orchard planted?", "April 1874"}, // typed title
	} {
		resp := r.Handle(ctx, in(slash("ask", map[string]string{"question": c.question, "timeline": c.timeline}), c.guild))
		if !strings.Contains(resp.Data.Content, c.want) {
			t.Errorf("%s: %q, want %q", c.timeline, resp.Data.Content, c.want)
		}
	}
	// The ferry timeline has a link: its answers carry it.
	resp := r.Handle(ctx, in(slash("ask", map[string]string{"question": "when did the ferry service begin?", "timeline": "ferry"}), guild1))
	if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].URL != "https://gazette.example/ferry" {
		t.Errorf("the answer does not link the source: %+v", resp.Data.Embeds)
	}
}

// With several timelines and no choice, the asker is asked which; the
// choice answers the question as asked.
func TestChooseATimeline(t *testing.T) {
	_, r := threeTimelines(t)
	ctx := context.Background()
	prompt := r.Handle(ctx, in(slash("ask", map[string]string{"question": "when did the last ferry cross?"}), guild1))
	if prompt.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(prompt.Data.Content, "Which timeline") {
		t.Fatalf("no private prompt: %+v", prompt.Data)
	}
	if v := discordtest.CheckResponse(prompt); len(v) > 0 {
		t.Errorf("the prompt is over Discord's limits: %v", v)
	}
	menu := prompt.Data.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.SelectMenu)
	var offered []string
	for _, o := range menu.Options {
		offered = append(offered, o.Value)
	}
	if strings.Join(offered, " ") != "ferry quarry orchard" {
		t.Errorf("offered %v, want the shared timelines and g1's own", offered)
	}
	choice := &discordgo.Interaction{ID: "1180000000000000601", Type: discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: menu.CustomID, ComponentType: discordgo.SelectMenuComponent, Values: []string{"ferry"}},
		Message: &discordgo.Message{Embeds: prompt.Data.Embeds}}
	resp := r.Handle(ctx, in(choice, guild1))
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || !strings.Contains(resp.Data.Content, "Sept. 30, 1958") {
		t.Errorf("the choice answered %d %q", resp.Type, resp.Data.Content)
	}
}

// A server's own timeline is that server's only: no option, autocomplete,
// button, select or mention from another server reaches it.
func TestGuildsKeptApart(t *testing.T) {
	h, r := threeTimelines(t)
	ctx := context.Background()
	// By option.
	resp := r.Handle(ctx, in(slash("ask", map[string]string{"question": "when was the record harvest?", "timeline": "orchard"}), guild2))
	if !strings.Contains(resp.Data.Content, `no timeline "orchard"`) {
		t.Errorf("g2 asked g1's timeline by name: %q", resp.Data.Content)
	}
	// By autocomplete.
	ac := in(&discordgo.Interaction{ID: "1180000000000000602", Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "timeline", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true}}}}, guild2)
	for _, ch := range r.Handle(ctx, ac).Data.Choices {
		if ch.Value == "orchard" {
			t.Error("g2's autocomplete offers g1's timeline")
		}
	}
	// By /timelines.
	if list := r.Handle(ctx, in(slash("timelines", nil), guild2)).Data.Content; strings.Contains(list, "Mallory") || !strings.Contains(list, "Orrin") {
		t.Errorf("g2's /timelines: %q", list)
	}
	// By forged buttons and selects.
	for _, id := range []string{"pg|1|0|timeline|||orchard", "nx|0|record-harvest|orchard", "pg|0|0|date||1901|orchard"} {
		b := in(&discordgo.Interaction{ID: "1180000000000000603", Type: discordgo.InteractionMessageComponent,
			Data: discordgo.MessageComponentInteractionData{CustomID: id}, Message: &discordgo.Message{}}, guild2)
		if resp := r.Handle(ctx, b); !strings.Contains(resp.Data.Content, "expired") {
			t.Errorf("%s from g2: %q", id, resp.Data.Content)
		}
	}
	sel := in(&discordgo.Interaction{ID: "1180000000000000604", Type: discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: "tl|ask|0", Values: []string{"orchard"}},
		Message: &discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "question", Value: "when was the record harvest?"}}}}}}, guild2)
	if resp := r.Handle(ctx, sel); !strings.Contains(resp.Data.Content, "expired") {
		t.Errorf("a forged select from g2: %q", resp.Data.Content)
	}
	// By mention, naming it.
	self := &discordgo.User{ID: "99"}
	m := &discordgo.Message{ID: "1", GuildID: guild2, ChannelID: "2", Author: &discordgo.User{ID: "3"}, Mentions: []*discordgo.User{self},
		Content: "<@99> in the Mallory orchard records timeline, when was the record harvest?"}
	if send, err := h.Message(ctx, m, self); err == nil && send != nil && strings.Contains(send.Content, "1901") {
		t.Errorf("g2's mention reached g1's timeline: %q", send.Content)
	}
	// And in g1 itself, the same mention is answered.
	m.GuildID = guild1
	if send, err := h.Message(ctx, m, self); err != nil || !strings.Contains(send.Content, "Oct. 3, 1901") {
		t.Errorf("g1's mention: %v %+v", err, send)
	}
}

// A page of an answer redoes its lookup on the timeline it came from.
func TestPagesKeepTheirTimeline(t *testing.T) {
	_, r := threeTimelines(t)
	ctx := context.Background()
	first := r.Handle(ctx, in(slash("timeline", map[string]string{"timeline": "quarry"}), guild1))
	next := r.Handle(ctx, in(press(t, first.Data, "Next"), guild1))
	if next.Type != discordgo.InteractionResponseUpdateMessage || len(next.Data.Embeds) != 1 || !strings.Contains(next.Data.Embeds[0].Title, "Marrow Stone appeals") {
		t.Errorf("page 2 of the quarry timeline: %d %v", next.Type, titles(next.Data.Embeds))
	}
}

// Through the fake Discord: a bot with three timelines answers each in
// the guild that sees it, and never another guild's.
func TestThreeTimelinesEndToEnd(t *testing.T) {
	h, _ := threeTimelines(t)
	fake := discordtest.New(t)
	startWith(t, fake, h).ready(t)
	for _, c := range []struct{ guild, timeline, question, want string }{
		{guild1, "quarry", "when did the council vote on the quarry?", "Jan. 20, 1987"},
		{guild2, "ferry", "when did the last ferry cross?", "Sept. 30, 1958"},
		{guild1, "orchard", "when was the record harvest?", "Oct. 3, 1901"},
		{guild2, "orchard", "when was the record harvest?", `no timeline "orchard"`},
	} {
		got := ask(t, fake, memberCommand(c.guild, 0, "ask", map[string]any{"question": c.question, "timeline": c.timeline}, nil))
		if !strings.Contains(got, c.want) {
			t.Errorf("%s in %s: %q, want %q", c.timeline, c.guild, got, c.want)
		}
	}
	forged := in(&discordgo.Interaction{Type: discordgo.InteractionMessageComponent,
		Data: discordgo.MessageComponentInteractionData{CustomID: "pg|0|0|timeline|||orchard", ComponentType: discordgo.ButtonComponent}, Message: &discordgo.Message{}}, guild2)
	if got := ask(t, fake, forged); !strings.Contains(got, "expired") {
		t.Errorf("a forged page of g1's timeline from g2: %q", got)
	}
}
