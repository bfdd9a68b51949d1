package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Discord's limits on what a bot sends, from its published API description
// (schema names in parentheses) and, for the total over embeds, its docs.
// A reply over any of them is rejected, so replies are cut to fit.
const (
	maxContent           = 2000 // IncomingWebhookInteractionRequest.content
	maxEmbedTitle        = 256  // RichEmbed.title
	maxEmbedDescription  = 4096 // RichEmbed.description
	maxEmbedFields       = 25   // RichEmbed.fields
	maxFieldName         = 256  // RichEmbedField.name
	maxFieldValue        = 1024 // RichEmbedField.value
	maxFooterText        = 2048 // RichEmbedFooter.text
	maxAuthorName        = 256  // RichEmbedAuthor.name
	maxEmbedsTotal       = 6000 // all embeds of one message together (Discord docs)
	maxEmbeds            = 10   // IncomingWebhookInteractionRequest.embeds
	maxButtonsPerRow     = 5    // ActionRowComponentForMessageRequest.components
	maxRows              = 5    // action rows per message (Discord docs)
	maxCustomID          = 100  // ButtonComponentForMessageRequest.custom_id
	maxButtonLabel       = 80   // ButtonComponentForMessageRequest.label
	maxChoices           = 25   // InteractionApplicationCommandAutocompleteCallbackStringData.choices
	maxChoiceName        = 100  // ApplicationCommandOptionStringChoice.name
	maxChoiceValue       = 100  // autocomplete string values (Discord docs)
	maxOptionDescription = 100  // ApplicationCommandStringOption.description
	maxSelectLabel       = 100  // StringSelectOptionForRequest.label and .description
)

// ellipsis marks text that was cut.
const ellipsis = "…"

// clip cuts s to at most n characters, at a word boundary where one is
// near, and marks the cut with an ellipsis. Discord counts characters, not
// bytes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	// keep n-1 runes, leaving room for the ellipsis
	cut := 0
	for i := range s {
		if n == 1 {
			cut = i
			break
		}
		n--
	}
	kept := s[:cut]
	// Back up to the last space if it is not too far: a word cut in half
	// reads worse than a slightly shorter line.
	r, _ := utf8.DecodeRuneInString(s[cut:])
	if sp := strings.LastIndexFunc(kept, unicode.IsSpace); !unicode.IsSpace(r) && sp > len(kept)*3/4 {
		kept = kept[:sp]
	}
	kept = strings.TrimRightFunc(kept, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '”' && r != '"'
	})
	// An unclosed bold marker would bold the ellipsis and whatever follows.
	// Closing it would take two characters the limit may not have, so the
	// opening marker goes instead.
	if strings.Count(kept, "**")%2 == 1 {
		i := strings.LastIndex(kept, "**")
		kept = kept[:i] + kept[i+2:]
	}
	return kept + ellipsis
}

// runes counts characters as Discord does.
func runes(s string) int { return utf8.RuneCountInString(s) }
