package bot

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
)

// Defaults keep the timeline each server, or channel, answers from when
// a question does not say.
type Defaults interface {
	// Default is the channel's default, else the server's, else "".
	Default(ctx context.Context, guild, channel string) (string, error)
	// SetDefault sets the channel's default, or with channel "" the
	// server's; name "" clears it.
	SetDefault(ctx context.Context, guild, channel, name string) error
}

// codeNoTimeline is a timeline option naming none the server sees.
const codeNoTimeline answer.Code = "unknown_timeline"

var errNoTimelines = userError(answer.CodeInternal, "I have no timeline to answer from yet.")

// guildOf is the server an interaction comes from, or catalog.Shared in
// a DM.
func guildOf(i *discordgo.Interaction) string { return i.GuildID }

// pick is the timeline an interaction asks about: the one its timeline
// option names, else the channel's or the server's default, else the
// only one the server sees. With several and no choice, it returns a
// prompt to choose one, which redoes command on opts when answered.
func (h *Handlers) pick(ctx context.Context, i *discordgo.Interaction, command string, opts map[string]string, private bool) (catalog.Entry, *discordgo.InteractionResponse, error) {
	guild := guildOf(i)
	if name := strings.TrimSpace(opts["timeline"]); name != "" {
		if e, ok := h.named(guild, name); ok {
			return e, nil, nil
		}
		return catalog.Entry{}, nil, userError(codeNoTimeline, fmt.Sprintf("There is no timeline %q here; /timelines lists them.", name))
	}
	if e, ok := h.chosen(ctx, guild, i.ChannelID); ok {
		return e, nil, nil
	}
	visible := h.catalog.Visible(guild)
	switch len(visible) {
	case 0:
		return catalog.Entry{}, nil, errNoTimelines
	case 1:
		return visible[0], nil, nil
	}
	return catalog.Entry{}, choosePrompt(command, opts, private, visible), nil
}

// named finds a timeline by name or, typed rather than picked, by title.
func (h *Handlers) named(guild, name string) (catalog.Entry, bool) {
	if e, ok := h.catalog.Lookup(guild, name); ok {
		return e, true
	}
	for _, e := range h.catalog.Visible(guild) {
		if strings.EqualFold(e.Title(), name) {
			return e, true
		}
	}
	return catalog.Entry{}, false
}

// chosen is the default the channel or the server chose, if it still
// exists.
func (h *Handlers) chosen(ctx context.Context, guild, channel string) (catalog.Entry, bool) {
	if h.defaults == nil || guild == catalog.Shared {
		return catalog.Entry{}, false
	}
	name, err := h.defaults.Default(ctx, guild, channel)
	if err != nil {
		// The store is down: answer without the default rather than not.
		slog.Default().Warn("reading a server's default timeline", "guild", guild, "err", err)
		return catalog.Entry{}, false
	}
	if name == "" {
		return catalog.Entry{}, false
	}
	return h.catalog.Lookup(guild, name)
}

// quietPick is pick without a prompt: where there is no asking back
// (autocomplete, /help), the first of several.
func (h *Handlers) quietPick(ctx context.Context, i *discordgo.Interaction, opts map[string]string) (catalog.Entry, bool) {
	guild := guildOf(i)
	if e, ok := h.named(guild, strings.TrimSpace(opts["timeline"])); ok {
		return e, true
	}
	if e, ok := h.chosen(ctx, guild, i.ChannelID); ok {
		return e, true
	}
	if visible := h.catalog.Visible(guild); len(visible) > 0 {
		return visible[0], true
	}
	return catalog.Entry{}, false
}

// recorded is the timeline a button recorded, as the server pressing it
// sees it: another server's never, whatever the custom id says. A button
// from before timelines had names means the server's only or default one.
func (h *Handlers) recorded(ctx context.Context, i *discordgo.Interaction, name string) (catalog.Entry, error) {
	if name == "" {
		if e, ok := h.quietPick(ctx, i, nil); ok && len(h.catalog.Visible(guildOf(i))) == 1 {
			return e, nil
		}
		return catalog.Entry{}, errExpired
	}
	e, ok := h.catalog.Lookup(guildOf(i), name)
	if !ok {
		return catalog.Entry{}, errExpired
	}
	return e, nil
}

// Custom ids of the prompt to choose a timeline: "tl|<command>|<private>";
// the command's inputs travel in the prompt's embed, one field an option.
const choosePrefix = "tl"

// maxChoices is what one select menu offers.
const maxSelectOptions = 25

func choosePrompt(command string, opts map[string]string, private bool, visible []catalog.Entry) *discordgo.InteractionResponse {
	priv := "0"
	if private {
		priv = "1"
	}
	var choices []discordgo.SelectMenuOption
	for _, e := range visible[:min(len(visible), maxSelectOptions)] {
		choices = append(choices, discordgo.SelectMenuOption{Label: clip(e.Title(), maxSelectLabel), Value: e.Name, Description: clip(e.Name, maxSelectLabel)})
	}
	inputs := &discordgo.MessageEmbed{Title: "/" + command}
	for _, name := range sortedKeys(opts) {
		if v := opts[name]; v != "" && name != "timeline" {
			inputs.Fields = append(inputs.Fields, &discordgo.MessageEmbedField{Name: name, Value: clip(v, maxFieldValue)})
		}
	}
	content := "Which timeline should I answer from?"
	if len(visible) > maxSelectOptions {
		content += fmt.Sprintf(" (The first %d of %d; the command's timeline option finds any of them.)", maxSelectOptions, len(visible))
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: content,
			Flags:   discordgo.MessageFlagsEphemeral,
			Embeds:  []*discordgo.MessageEmbed{inputs},
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: choosePrefix + "|" + command + "|" + priv, Placeholder: "Choose a timeline", Options: choices},
			}}},
			AllowedMentions: noMentions(),
		},
	}
}

// chooseTimeline answers the prompt: the command, on the inputs the
// prompt kept, from the timeline chosen, as a new message.
func (h *Handlers) chooseTimeline(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	data := i.MessageComponentData()
	parts := strings.Split(data.CustomID, "|")
	if len(parts) != 3 || len(data.Values) != 1 || i.Message == nil || len(i.Message.Embeds) == 0 {
		return nil, errExpired
	}
	command, private := parts[1], parts[2] == "1"
	entry, ok := h.catalog.Lookup(guildOf(i), data.Values[0])
	if !ok {
		return nil, errExpired
	}
	opts := map[string]string{}
	for _, f := range i.Message.Embeds[0].Fields {
		if f != nil {
			opts[f.Name] = f.Value
		}
	}
	c, ok := commandOf(h.table(answer.Examples{}), command)
	if !ok || c.lookup == nil {
		if command == "event" {
			return h.eventFrom(ctx, entry, opts, private)
		}
		return nil, errExpired
	}
	return h.answerLookup(ctx, c, entry, opts, private)
}

// listTimelines answers /timelines: what the server sees, its default
// marked.
func (h *Handlers) listTimelines(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	_, private := options(i)
	guild := guildOf(i)
	visible := h.catalog.Visible(guild)
	if len(visible) == 0 {
		return nil, errNoTimelines
	}
	def, _ := h.chosen(ctx, guild, i.ChannelID)
	var b strings.Builder
	fmt.Fprintf(&b, "%s here:\n", plural(len(visible), "timeline", "timelines"))
	for _, e := range visible {
		tl := e.Engine.Timeline()
		first, last := tl.Events[0].First(), tl.Events[len(tl.Events)-1].Dates[len(tl.Events[len(tl.Events)-1].Dates)-1]
		fmt.Fprintf(&b, "- **%s** (`%s`): %s, %s to %s · %s", escapeMarkdown(e.Title()), e.Name, plural(len(tl.Events), "entry", "entries"),
			first.Human(), last.Human(), escapeMarkdown(tl.Source.Cite()))
		switch {
		case def.Name == e.Name && def.Guild == e.Guild:
			b.WriteString(" · *default here*")
		case e.Guild != catalog.Shared:
			b.WriteString(" · *this server's*")
		}
		b.WriteString("\n")
	}
	if len(visible) > 1 {
		b.WriteString("\nPick one with any command's *timeline* option, or start a question with its name: *in the " + escapeMarkdown(visible[0].Title()) + " timeline, ...*")
	}
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, reply{Content: clip(b.String(), maxContent)}, private), nil
}

// completeTimelines offers the timelines the server sees whose title or
// name has what was typed.
func (h *Handlers) completeTimelines(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	typed := strings.ToLower(strings.TrimSpace(focused(i)))
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, e := range h.catalog.Visible(guildOf(i)) {
		if typed != "" && !strings.Contains(strings.ToLower(e.Title()), typed) && !strings.Contains(e.Name, typed) {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(e.Title(), maxChoiceName), Value: e.Name})
		if len(choices) == maxChoices {
			break
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
