package discordtest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what a bot sends. Each comes from Discord's published
// API description, under the schema named beside it, unless marked as
// coming from Discord's developer docs: those the description leaves out,
// or states more loosely than Discord enforces. Characters are Unicode code
// points, as Discord counts them.
const (
	// IncomingWebhookInteractionRequest.content and
	// IncomingWebhookUpdateRequestPartial.content. MessageCreateRequest
	// says 4000, the length Nitro users get; the docs give a message's
	// content 2000, and a bot has no Nitro.
	maxContent = 2000
	// IncomingWebhookInteractionRequest.embeds, MessageCreateRequest.embeds
	maxEmbeds           = 10
	maxEmbedTitle       = 256  // RichEmbed.title
	maxEmbedDescription = 4096 // RichEmbed.description
	maxEmbedURL         = 2048 // RichEmbed.url
	maxEmbedFields      = 25   // RichEmbed.fields
	maxFieldName        = 256  // RichEmbedField.name
	maxFieldValue       = 1024 // RichEmbedField.value
	maxFooterText       = 2048 // RichEmbedFooter.text
	maxAuthorName       = 256  // RichEmbedAuthor.name
	// Docs: title, description, field names and values, footer text and
	// author name, summed over all the embeds of one message.
	maxEmbedsTotal = 6000
	// Docs: without the IS_COMPONENTS_V2 flag a message holds at most five
	// action rows; the description's 40 counts components of every kind.
	maxRows        = 5
	maxRowItems    = 5   // ActionRowComponentForMessageRequest.components (1..5)
	maxButtonLabel = 80  // ButtonComponentForMessageRequest.label
	maxCustomID    = 100 // ButtonComponentForMessageRequest.custom_id (1..100)
	maxButtonURL   = 512 // ButtonComponentForMessageRequest.url
	maxPlaceholder = 150 // StringSelectComponentForMessageRequest.placeholder
	maxSelectItems = 25  // StringSelectComponentForMessageRequest.options, min_values, max_values
	maxSelectText  = 100 // StringSelectOptionForRequest.label, value, description
	maxModalTitle  = 45  // ModalInteractionCallbackRequestData.title (1..45)
	maxModalItems  = 40  // ModalInteractionCallbackRequestData.components (1..40)
	// InteractionApplicationCommandAutocompleteCallbackStringData.choices,
	// ApplicationCommandStringOption.choices
	maxChoices    = 25
	maxChoiceName = 100 // ApplicationCommandOptionStringChoice.name (1..100)
	// Docs: a string choice's value is at most 100 characters, though
	// ApplicationCommandOptionStringChoice.value says 6000.
	maxChoiceValue = 100
	maxCommandName = 32  // ApplicationCommandCreateRequest.name (1..32)
	maxDescription = 100 // ApplicationCommandCreateRequest.description; ApplicationCommandStringOption.description (1..100)
	// ApplicationCommandCreateRequest.options, ApplicationCommandSubcommandOption.options
	maxOptions = 25
	// ApplicationCommandStringOption.min_length (0..6000) and max_length (1..6000)
	maxOptionLength = 6000
	// The request body of PUT /applications/{application_id}/commands.
	maxCommands = 130
	// Docs: of those, at most 100 slash commands.
	maxSlashCommands = 100
)

// commandName is the docs' pattern for the names of slash commands and
// their options; where a letter has a lowercase form, that form is required.
var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// callbackTypes are the members of InteractionCallbackTypes.
var callbackTypes = map[discordgo.InteractionResponseType]bool{
	1: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 12: true, 13: true,
}

// CheckResponse returns what Discord would reject in an interaction
// response, and replies with content or embeds but no allowed_mentions:
// none if the response is fine.
func CheckResponse(r *discordgo.InteractionResponse) []string {
	var c checker
	c.response(r)
	return c.strings()
}

// CheckMessage returns what Discord would reject in a channel message, and
// content or embeds without allowed_mentions.
func CheckMessage(m *discordgo.MessageSend) []string {
	var c checker
	c.messageSend(m)
	return c.strings()
}

// CheckEdit returns what Discord would reject in an edit of an interaction
// reply or followup, and new content or embeds without allowed_mentions.
func CheckEdit(e *discordgo.WebhookEdit) []string {
	var c checker
	c.edit(e)
	return c.strings()
}

// CheckFollowup returns what Discord would reject in an interaction
// followup message, and content or embeds without allowed_mentions.
func CheckFollowup(p *discordgo.WebhookParams) []string {
	var c checker
	c.followup(p)
	return c.strings()
}

// CheckCommands returns what Discord would reject in a bulk overwrite of
// application commands.
func CheckCommands(cmds []*discordgo.ApplicationCommand) []string {
	var c checker
	c.commands(cmds)
	return c.strings()
}

// problem is one violation, kept with its place in the body so that the
// fake's 400 reply can nest it the way Discord nests its form errors.
type problem struct {
	path string // dotted, with indexes as keys: data.embeds.0.title
	code string
	msg  string
}

func (p problem) String() string {
	if p.path == "" {
		return p.msg
	}
	return p.path + ": " + p.msg
}

type checker struct {
	problems []problem
}

func (c *checker) strings() []string {
	out := make([]string, len(c.problems))
	for i, p := range c.problems {
		out[i] = p.String()
	}
	return out
}

func (c *checker) add(path, code, format string, args ...any) {
	c.problems = append(c.problems, problem{path: path, code: code, msg: fmt.Sprintf(format, args...)})
}

// max holds s to at most n characters.
func (c *checker) max(path, s string, n int) {
	if k := utf8.RuneCountInString(s); k > n {
		c.add(path, "BASE_TYPE_MAX_LENGTH", "%d characters, more than %d", k, n)
	}
}

// between holds s to lo..n characters; lo > 0 makes it required.
func (c *checker) between(path, s string, lo, n int) {
	k := utf8.RuneCountInString(s)
	switch {
	case k == 0 && lo > 0:
		c.add(path, "BASE_TYPE_REQUIRED", "empty, needs %d to %d characters", lo, n)
	case k < lo || k > n:
		c.add(path, "BASE_TYPE_BAD_LENGTH", "%d characters, needs %d to %d", k, lo, n)
	}
}

func (c *checker) count(path, what string, k, n int) {
	if k > n {
		c.add(path, "BASE_TYPE_MAX_LENGTH", "%d %s, more than %d", k, what, n)
	}
}

func join(path string, keys ...any) string {
	for _, k := range keys {
		s := fmt.Sprint(k)
		if path == "" {
			path = s
		} else {
			path += "." + s
		}
	}
	return path
}

// message is what the several kinds of outgoing message share.
type message struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	mentions   *discordgo.MessageAllowedMentions
	flags      discordgo.MessageFlags
	// other carries something that makes a message non-empty without
	// content, embeds or components: attachments, stickers, a poll.
	other bool
}

func (c *checker) response(r *discordgo.InteractionResponse) {
	if r == nil {
		c.add("", "BASE_TYPE_REQUIRED", "no response")
		return
	}
	if !callbackTypes[r.Type] {
		c.add("type", "BASE_TYPE_CHOICES", "%d is not an interaction callback type", r.Type)
		return
	}
	d := r.Data
	switch r.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		if d == nil {
			c.add("data", "BASE_TYPE_REQUIRED", "a message reply needs data")
			return
		}
		c.message("data", responseMessage(d), true)
	case discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseDeferredMessageUpdate,
		discordgo.InteractionResponseUpdateMessage:
		if d != nil {
			c.message("data", responseMessage(d), false)
		}
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if d == nil {
			c.add("data", "BASE_TYPE_REQUIRED", "an autocomplete result needs data")
			return
		}
		c.choices("data.choices", d.Choices)
	case discordgo.InteractionResponseModal:
		if d == nil {
			c.add("data", "BASE_TYPE_REQUIRED", "a modal needs data")
			return
		}
		c.between("data.custom_id", d.CustomID, 1, maxCustomID)
		c.between("data.title", d.Title, 1, maxModalTitle)
		if k := len(d.Components); k < 1 || k > maxModalItems {
			c.add("data.components", "BASE_TYPE_BAD_LENGTH", "%d components, needs 1 to %d", k, maxModalItems)
		}
	}
}

func responseMessage(d *discordgo.InteractionResponseData) message {
	return message{
		content:    d.Content,
		embeds:     d.Embeds,
		components: d.Components,
		mentions:   d.AllowedMentions,
		flags:      d.Flags,
		other:      len(d.Files) > 0 || d.Attachments != nil && len(*d.Attachments) > 0 || d.Poll != nil,
	}
}

func (c *checker) messageSend(m *discordgo.MessageSend) {
	if m == nil {
		c.add("", "BASE_TYPE_REQUIRED", "no message")
		return
	}
	embeds := m.Embeds
	if m.Embed != nil {
		// discordgo folds the old single embed into the list before sending.
		embeds = append(embeds[:len(embeds):len(embeds)], m.Embed)
	}
	c.message("", message{
		content:    m.Content,
		embeds:     embeds,
		components: m.Components,
		mentions:   m.AllowedMentions,
		flags:      m.Flags,
		other:      len(m.Files) > 0 || m.File != nil || len(m.StickerIDs) > 0 || m.Poll != nil,
	}, true)
}

func (c *checker) edit(e *discordgo.WebhookEdit) {
	if e == nil {
		c.add("", "BASE_TYPE_REQUIRED", "no edit")
		return
	}
	m := message{mentions: e.AllowedMentions}
	if e.Content != nil {
		m.content = *e.Content
	}
	if e.Embeds != nil {
		m.embeds = *e.Embeds
	}
	if e.Components != nil {
		m.components = *e.Components
	}
	c.message("", m, false)
}

func (c *checker) followup(p *discordgo.WebhookParams) {
	if p == nil {
		c.add("", "BASE_TYPE_REQUIRED", "no message")
		return
	}
	c.message("", message{
		content:    p.Content,
		embeds:     p.Embeds,
		components: p.Components,
		mentions:   p.AllowedMentions,
		flags:      p.Flags,
		other:      len(p.Files) > 0 || len(p.Attachments) > 0,
	}, true)
}

// message checks a message's parts; needBody rejects an empty one, as
// Discord does for a new message but not for an edit or a deferral.
func (c *checker) message(path string, m message, needBody bool) {
	if needBody && m.content == "" && len(m.embeds) == 0 && len(m.components) == 0 && !m.other {
		c.add(path, "EMPTY_MESSAGE", "cannot send an empty message")
	}
	c.max(join(path, "content"), m.content, maxContent)
	c.embeds(join(path, "embeds"), m.embeds)
	c.components(join(path, "components"), m.components, m.flags)
	// Discord itself accepts this. The bot echoes what users type, and
	// without allowed_mentions an echoed @everyone would ping everyone.
	if (m.content != "" || len(m.embeds) > 0) && m.mentions == nil {
		c.add(join(path, "allowed_mentions"), "ALLOWED_MENTIONS_MISSING", "content or embeds without allowed_mentions")
	}
}

func (c *checker) embeds(path string, embeds []*discordgo.MessageEmbed) {
	c.count(path, "embeds", len(embeds), maxEmbeds)
	total := 0
	for i, e := range embeds {
		if e != nil {
			total += c.embed(join(path, i), e)
		}
	}
	if total > maxEmbedsTotal {
		c.add(path, "MAX_EMBED_SIZE_EXCEEDED", "%d characters over all embeds, more than %d", total, maxEmbedsTotal)
	}
}

// embed checks one embed and returns its size towards the message total.
func (c *checker) embed(path string, e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString
	c.max(join(path, "title"), e.Title, maxEmbedTitle)
	c.max(join(path, "description"), e.Description, maxEmbedDescription)
	c.max(join(path, "url"), e.URL, maxEmbedURL)
	size := n(e.Title) + n(e.Description)
	c.count(join(path, "fields"), "fields", len(e.Fields), maxEmbedFields)
	for i, f := range e.Fields {
		if f == nil {
			continue
		}
		// RichEmbedField requires both, and Discord refuses them empty too.
		c.between(join(path, "fields", i, "name"), f.Name, 1, maxFieldName)
		c.between(join(path, "fields", i, "value"), f.Value, 1, maxFieldValue)
		size += n(f.Name) + n(f.Value)
	}
	if e.Footer != nil {
		c.max(join(path, "footer", "text"), e.Footer.Text, maxFooterText)
		size += n(e.Footer.Text)
	}
	if e.Author != nil {
		c.max(join(path, "author", "name"), e.Author.Name, maxAuthorName)
		size += n(e.Author.Name)
	}
	return size
}

func (c *checker) components(path string, comps []discordgo.MessageComponent, flags discordgo.MessageFlags) {
	if flags&discordgo.MessageFlagsIsComponentsV2 != 0 {
		// Layout components have rules of their own, which the bot does
		// not use.
		return
	}
	c.count(path, "action rows", len(comps), maxRows)
	ids := map[string]string{}
	for i, comp := range comps {
		rp := join(path, i)
		row, ok := asRow(comp)
		if !ok {
			c.add(rp, "UNION_TYPE_CHOICES", "%T at the top level, where only action rows may be", comp)
			continue
		}
		k := len(row.Components)
		if k < 1 || k > maxRowItems {
			c.add(join(rp, "components"), "BASE_TYPE_BAD_LENGTH", "%d components in a row, needs 1 to %d", k, maxRowItems)
		}
		for j, item := range row.Components {
			ip := join(rp, "components", j)
			if b, ok := asButton(item); ok {
				c.button(ip, b, ids)
			} else if m, ok := asSelect(item); ok {
				if k > 1 {
					c.add(ip, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "a select menu must be alone in its row")
				}
				c.selectMenu(ip, m, ids)
			} else {
				c.add(ip, "UNION_TYPE_CHOICES", "%T cannot go in a message's action row", item)
			}
		}
	}
}

func asRow(comp discordgo.MessageComponent) (discordgo.ActionsRow, bool) {
	switch v := comp.(type) {
	case discordgo.ActionsRow:
		return v, true
	case *discordgo.ActionsRow:
		if v != nil {
			return *v, true
		}
	}
	return discordgo.ActionsRow{}, false
}

func asButton(comp discordgo.MessageComponent) (discordgo.Button, bool) {
	switch v := comp.(type) {
	case discordgo.Button:
		return v, true
	case *discordgo.Button:
		if v != nil {
			return *v, true
		}
	}
	return discordgo.Button{}, false
}

func asSelect(comp discordgo.MessageComponent) (discordgo.SelectMenu, bool) {
	switch v := comp.(type) {
	case discordgo.SelectMenu:
		return v, true
	case *discordgo.SelectMenu:
		if v != nil {
			return *v, true
		}
	}
	return discordgo.SelectMenu{}, false
}

// customID checks a component's custom_id, which must also be unique
// within its message; ids maps those seen to where they were.
func (c *checker) customID(path, id string, ids map[string]string) {
	c.between(path, id, 1, maxCustomID)
	if id == "" {
		return
	}
	if prev, dup := ids[id]; dup {
		c.add(path, "COMPONENT_CUSTOM_ID_DUPLICATED", "custom_id %q is also used at %s", id, prev)
		return
	}
	ids[id] = path
}

func (c *checker) button(path string, b discordgo.Button, ids map[string]string) {
	style := b.Style
	if style == 0 {
		// discordgo sends an unset style as primary.
		style = discordgo.PrimaryButton
	}
	c.max(join(path, "label"), b.Label, maxButtonLabel)
	switch style {
	case discordgo.PrimaryButton, discordgo.SecondaryButton, discordgo.SuccessButton, discordgo.DangerButton:
		c.customID(join(path, "custom_id"), b.CustomID, ids)
		if b.URL != "" {
			c.add(join(path, "url"), "BUTTON_COMPONENT_URL_INVALID", "only a link button has a url")
		}
	case discordgo.LinkButton:
		if b.URL == "" {
			c.add(join(path, "url"), "BASE_TYPE_REQUIRED", "a link button needs a url")
		}
		c.max(join(path, "url"), b.URL, maxButtonURL)
		if b.CustomID != "" {
			c.add(join(path, "custom_id"), "BUTTON_COMPONENT_CUSTOM_ID_INVALID", "a link button has no custom_id")
		}
	case discordgo.PremiumButton:
		if b.SKUID == "" {
			c.add(join(path, "sku_id"), "BASE_TYPE_REQUIRED", "a premium button needs a sku_id")
		}
		if b.CustomID != "" || b.URL != "" || b.Label != "" {
			c.add(path, "BUTTON_COMPONENT_INVALID", "a premium button has no custom_id, url or label")
		}
	default:
		c.add(join(path, "style"), "BASE_TYPE_CHOICES", "%d is not a button style", b.Style)
	}
}

func (c *checker) selectMenu(path string, m discordgo.SelectMenu, ids map[string]string) {
	c.customID(join(path, "custom_id"), m.CustomID, ids)
	c.max(join(path, "placeholder"), m.Placeholder, maxPlaceholder)
	if m.MinValues != nil && (*m.MinValues < 0 || *m.MinValues > maxSelectItems) {
		c.add(join(path, "min_values"), "NUMBER_TYPE_OUT_OF_RANGE", "%d, needs 0 to %d", *m.MinValues, maxSelectItems)
	}
	if m.MaxValues < 0 || m.MaxValues > maxSelectItems {
		c.add(join(path, "max_values"), "NUMBER_TYPE_OUT_OF_RANGE", "%d, needs 1 to %d", m.MaxValues, maxSelectItems)
	}
	if m.MenuType != 0 && m.MenuType != discordgo.StringSelectMenu {
		return
	}
	if k := len(m.Options); k < 1 || k > maxSelectItems {
		c.add(join(path, "options"), "BASE_TYPE_BAD_LENGTH", "%d options, needs 1 to %d", k, maxSelectItems)
	}
	for i, o := range m.Options {
		c.between(join(path, "options", i, "label"), o.Label, 1, maxSelectText)
		c.between(join(path, "options", i, "value"), o.Value, 1, maxSelectText)
		c.max(join(path, "options", i, "description"), o.Description, maxSelectText)
	}
}

func (c *checker) choices(path string, choices []*discordgo.ApplicationCommandOptionChoice) {
	c.count(path, "choices", len(choices), maxChoices)
	for i, ch := range choices {
		if ch == nil {
			continue
		}
		c.between(join(path, i, "name"), ch.Name, 1, maxChoiceName)
		switch v := ch.Value.(type) {
		case nil:
			c.add(join(path, i, "value"), "BASE_TYPE_REQUIRED", "a choice needs a value")
		case string:
			c.max(join(path, i, "value"), v, maxChoiceValue)
		}
	}
}

func (c *checker) commands(cmds []*discordgo.ApplicationCommand) {
	c.count("", "commands", len(cmds), maxCommands)
	slash := 0
	seen := map[string]string{}
	for i, cmd := range cmds {
		p := strconv.Itoa(i)
		if cmd == nil {
			c.add(p, "BASE_TYPE_REQUIRED", "null command")
			continue
		}
		typ := cmd.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		key := fmt.Sprintf("%d/%s", typ, cmd.Name)
		if prev, dup := seen[key]; dup {
			c.add(join(p, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "%q is also the name of command %s", cmd.Name, prev)
		}
		seen[key] = p
		switch typ {
		case discordgo.ChatApplicationCommand:
			slash++
			c.name(join(p, "name"), cmd.Name)
			c.between(join(p, "description"), cmd.Description, 1, maxDescription)
			c.options(join(p, "options"), cmd.Options, 0)
		case discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand:
			c.between(join(p, "name"), cmd.Name, 1, maxCommandName)
			if cmd.Description != "" || len(cmd.Options) > 0 {
				c.add(p, "APPLICATION_COMMAND_INVALID", "only slash commands have a description or options")
			}
		default:
			c.add(join(p, "type"), "BASE_TYPE_CHOICES", "%d is not a command type the bot registers", cmd.Type)
		}
	}
	if slash > maxSlashCommands {
		c.add("", "APPLICATION_COMMANDS_TOO_MANY", "%d slash commands, more than %d", slash, maxSlashCommands)
	}
}

// name checks the name of a slash command or option.
func (c *checker) name(path, s string) {
	c.between(path, s, 1, maxCommandName)
	if s != "" && utf8.RuneCountInString(s) <= maxCommandName && !commandName.MatchString(s) {
		c.add(path, "APPLICATION_COMMAND_INVALID_NAME", "%q has characters a command name cannot", s)
	}
	if strings.ToLower(s) != s {
		c.add(path, "APPLICATION_COMMAND_INVALID_NAME", "%q is not lowercase", s)
	}
}

// options checks a level of options; depth is 0 under a command, 1 under a
// subcommand or group, 2 under a subcommand in a group.
func (c *checker) options(path string, opts []*discordgo.ApplicationCommandOption, depth int) {
	c.count(path, "options", len(opts), maxOptions)
	seen := map[string]bool{}
	subs, plain, optional := 0, 0, false
	for i, o := range opts {
		p := join(path, i)
		if o == nil {
			c.add(p, "BASE_TYPE_REQUIRED", "null option")
			continue
		}
		c.name(join(p, "name"), o.Name)
		if seen[o.Name] {
			c.add(join(p, "name"), "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "%q is already an option here", o.Name)
		}
		seen[o.Name] = true
		c.between(join(p, "description"), o.Description, 1, maxDescription)
		switch o.Type {
		case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
			subs++
			group := o.Type == discordgo.ApplicationCommandOptionSubCommandGroup
			if depth > 1 || group && depth > 0 {
				c.add(join(p, "type"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "subcommands nest at most a group deep")
			}
			if group {
				for j, sub := range o.Options {
					if sub != nil && sub.Type != discordgo.ApplicationCommandOptionSubCommand {
						c.add(join(p, "options", j, "type"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "a group holds only subcommands")
					}
				}
			}
			c.options(join(p, "options"), o.Options, depth+1)
			continue
		case discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionInteger,
			discordgo.ApplicationCommandOptionBoolean, discordgo.ApplicationCommandOptionUser,
			discordgo.ApplicationCommandOptionChannel, discordgo.ApplicationCommandOptionRole,
			discordgo.ApplicationCommandOptionMentionable, discordgo.ApplicationCommandOptionNumber,
			discordgo.ApplicationCommandOptionAttachment:
			plain++
		default:
			c.add(join(p, "type"), "BASE_TYPE_CHOICES", "%d is not an option type", o.Type)
		}
		if len(o.Options) > 0 {
			c.add(join(p, "options"), "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "only subcommands and groups have options")
		}
		if o.Required {
			if optional {
				c.add(join(p, "required"), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "a required option after an optional one")
			}
		} else {
			optional = true
		}
		if o.Autocomplete && len(o.Choices) > 0 {
			c.add(join(p, "autocomplete"), "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "autocomplete and choices exclude each other")
		}
		c.choices(join(p, "choices"), o.Choices)
		if o.MinLength != nil && (*o.MinLength < 0 || *o.MinLength > maxOptionLength) {
			c.add(join(p, "min_length"), "NUMBER_TYPE_OUT_OF_RANGE", "%d, needs 0 to %d", *o.MinLength, maxOptionLength)
		}
		// discordgo omits a zero max_length, so zero means unset.
		if o.MaxLength < 0 || o.MaxLength > maxOptionLength {
			c.add(join(p, "max_length"), "NUMBER_TYPE_OUT_OF_RANGE", "%d, needs 1 to %d", o.MaxLength, maxOptionLength)
		}
		if o.MinLength != nil && o.MaxLength != 0 && *o.MinLength > o.MaxLength {
			c.add(join(p, "min_length"), "NUMBER_TYPE_OUT_OF_RANGE", "min_length %d above max_length %d", *o.MinLength, o.MaxLength)
		}
	}
	if subs > 0 && plain > 0 {
		c.add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "subcommands and other options cannot share a level")
	}
}
