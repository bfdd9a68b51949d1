package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/data"
)

// focused is the option being typed in an autocomplete request.
func focused(i *discordgo.Interaction) string {
	for _, o := range i.ApplicationCommandData().Options {
		if o.Focused {
			if s, ok := o.Value.(string); ok {
				return s
			}
		}
	}
	return ""
}

// choose offers up to 25 events whose label contains what was typed, in
// timeline order, from the timeline the command's options choose so far;
// value turns an event into the value the command gets.
func (h *Handlers) choose(ctx context.Context, i *discordgo.Interaction, value func(e *data.Event) string) *discordgo.InteractionResponse {
	typed := strings.ToLower(strings.TrimSpace(focused(i)))
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	opts, _ := options(i)
	entry, ok := h.quietPick(ctx, i, opts)
	if !ok {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: choices}}
	}
	tl := entry.Engine.Timeline()
	for n := range tl.Events {
		e := &tl.Events[n]
		label := e.DatesHuman() + " — " + e.Title
		if typed != "" && !strings.Contains(strings.ToLower(label), typed) && !strings.Contains(e.ID, typed) {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name:  clip(label, maxChoiceName),
			Value: truncateRunes(value(e), maxChoiceValue),
		})
		if len(choices) == maxChoices {
			break
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

func (h *Handlers) completeEvents(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	return h.choose(ctx, i, func(e *data.Event) string { return e.ID }), nil
}

func (h *Handlers) completeTitles(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	return h.choose(ctx, i, func(e *data.Event) string { return e.Title }), nil
}

func (h *Handlers) completeDates(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	return h.choose(ctx, i, func(e *data.Event) string { return e.First().String() }), nil
}

// truncateRunes cuts s to at most n characters; a value must fit, not read well.
func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
