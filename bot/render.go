package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// pageSize is how many events one reply shows; more are a button away.
const pageSize = 3

// embedColor is the accent bar of every reply.
const embedColor = 0x3b6ea5

// noMentions lets a reply ping nobody, whatever text it echoes: an
// @everyone in a question stays text.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// reply is a rendered answer: what any transport sends, as a message.
type reply struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// render draws one page of an answer: the answer sentence as the message,
// one embed per event, and Prev/Next buttons when there is more than one
// page. state names the lookup so a button can redo it (see pageID).
func render(a answer.Answer, from catalog.Entry, page int, state pageState) reply {
	src := from.Engine.Timeline().Source
	events := a.Shown()
	if len(events) == 0 {
		events = a.Nearest
	}
	pages := max(1, (len(events)+pageSize-1)/pageSize)
	page = min(max(page, 0), pages-1)
	shown := events[min(page*pageSize, len(events)):min((page+1)*pageSize, len(events))]

	r := reply{Content: clip(escapeMarkdown(a.Text), maxContent)}
	budget := maxEmbedsTotal
	for i, f := range shown {
		e := eventEmbed(f, page*pageSize+i, len(events), src.Cite())
		// The title links to the timeline's source, when it has one.
		e.URL = src.URL
		if i == 0 {
			// The author line carries the lookup, so paging can redo it.
			e.Author = &discordgo.MessageEmbedAuthor{Name: clip(a.Query, maxAuthorName)}
		}
		// Share what is left of the total fairly among the embeds still to come.
		share := budget / (len(shown) - i)
		fitEmbed(e, share)
		budget -= embedLength(e)
		r.Embeds = append(r.Embeds, e)
	}
	var row []discordgo.MessageComponent
	// A custom id holds 100 characters: past page 999 of an answer with
	// a long anchor the buttons would not fit, and the answer shows its
	// first pages without them.
	if pages > 1 && len(pageID(state, pages-1)) <= maxCustomID {
		row = pager(state, page, pages).Components
	}
	if len(shown) > 0 && shown[0].ID != "" && len(a.Events) > 0 {
		// The first event shown is what a follow-up refers to ("and what
		// happened after that?"); the button carries it, so a reply to
		// this message knows it after a restart too.
		row = append(row, discordgo.Button{Label: "What happened next?", Style: discordgo.SecondaryButton,
			CustomID: followID(follow{Event: shown[0].ID, Private: state.Private, Timeline: state.Timeline})})
	}
	if len(row) > 0 {
		r.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
	}
	return r
}

// Custom ids of follow-up buttons: "nx|<private>|<event id>|<timeline>".
// An event id is at most 64 characters and a timeline name 20, so the id
// fits Discord's 100.
const followPrefix = "nx"

// follow is what a follow-up button carries: the event a reply was
// about, in which timeline.
type follow struct {
	Event    string
	Private  bool
	Timeline string
}

func followID(f follow) string {
	priv := "0"
	if f.Private {
		priv = "1"
	}
	return followPrefix + "|" + priv + "|" + f.Event + "|" + f.Timeline
}

func parseFollowID(id string) (follow, bool) {
	parts := strings.Split(id, "|")
	// Three parts: a button from before timelines had names.
	if len(parts) < 3 || len(parts) > 4 || parts[0] != followPrefix || parts[2] == "" {
		return follow{}, false
	}
	f := follow{Event: parts[2], Private: parts[1] == "1"}
	if len(parts) == 4 {
		f.Timeline = parts[3]
	}
	return f, true
}

// anchorOf is the event a message of the bot's was about, read from its
// follow-up button.
func anchorOf(m *discordgo.Message) (follow, bool) {
	if m == nil {
		return follow{}, false
	}
	// Decoded from JSON, components are pointers; built here, values.
	for _, c := range m.Components {
		var buttons []discordgo.MessageComponent
		switch row := c.(type) {
		case *discordgo.ActionsRow:
			buttons = row.Components
		case discordgo.ActionsRow:
			buttons = row.Components
		}
		for _, b := range buttons {
			var id string
			switch btn := b.(type) {
			case *discordgo.Button:
				id = btn.CustomID
			case discordgo.Button:
				id = btn.CustomID
			}
			if f, ok := parseFollowID(id); ok {
				return f, true
			}
		}
	}
	return follow{}, false
}

func eventEmbed(f answer.Found, n, total int, citation string) *discordgo.MessageEmbed {
	var desc strings.Builder
	for i, d := range f.Dates {
		if i > 0 {
			desc.WriteString(" · ")
		}
		fmt.Fprintf(&desc, "<t:%d:D>", d.Start().Unix())
		if d.IsSpan() {
			fmt.Fprintf(&desc, " – <t:%d:D>", d.End().AddDate(0, 0, -1).Unix())
		}
	}
	desc.WriteString("\n\n")
	switch {
	case f.Quote != nil:
		fmt.Fprintf(&desc, "> %s\n— %s\n\n", escapeMarkdown(f.Quote.Text), escapeMarkdown(f.Quote.By))
		desc.WriteString(bold(f.Text, f.TextRanges()))
	case f.Excerpt != "":
		fmt.Fprintf(&desc, "> %s\n\n", bold(f.Excerpt, f.ExcerptRanges()))
		desc.WriteString(bold(f.Text, f.TextRanges()))
	default:
		desc.WriteString(bold(f.Text, f.TextRanges()))
	}
	footer := fmt.Sprintf("%s · %d of %d", citation, n+1, total)
	return &discordgo.MessageEmbed{
		Title:       clip(f.Event.DatesHuman()+" — "+f.Title, maxEmbedTitle),
		Description: desc.String(),
		Color:       embedColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: clip(footer, maxFooterText)},
	}
}

// bold marks the matched words of s in Discord markdown, after escaping
// what s itself might say in markdown.
func bold(s string, ranges [][2]int) string {
	var b strings.Builder
	last := 0
	for _, r := range ranges {
		if r[0] < last || r[1] > len(s) || r[0] >= r[1] {
			continue
		}
		b.WriteString(escapeMarkdown(s[last:r[0]]))
		b.WriteString("**" + escapeMarkdown(s[r[0]:r[1]]) + "**")
		last = r[1]
	}
	b.WriteString(escapeMarkdown(s[last:]))
	return b.String()
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`,
	"[", `\[`, "]", `\]`) // brackets: "[text](url)" would show a disguised link

// escapeMarkdown keeps text from a timeline or a user from being read as
// formatting.
func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// fitEmbed cuts an embed to at most limit characters, counted as Discord
// counts them: the description first, then the footer, then the title, so
// what goes is the least needed to tell the entry. The author line carries
// the lookup for paging and is never cut further.
func fitEmbed(e *discordgo.MessageEmbed, limit int) {
	e.Description = clip(e.Description, maxEmbedDescription)
	parts := []*string{&e.Description}
	if e.Footer != nil {
		parts = append(parts, &e.Footer.Text)
	}
	parts = append(parts, &e.Title)
	for _, p := range parts {
		over := embedLength(e) - limit
		if over <= 0 {
			return
		}
		*p = clip(*p, max(0, runes(*p)-over))
	}
}

// embedLength is what an embed counts toward the 6000 characters of a
// message: title, description, field names and values, footer, author.
func embedLength(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}

// pageState is what a paging button carries to redo its lookup, after a
// restart too, and on another process: the command and its inputs as
// data. Dates are kept as dates; a question or keywords, which can be
// longer than a custom id's 100 characters, travel verbatim in the reply's
// author line (256), see inputOf.
type pageState struct {
	Command string // a lookup command of the table
	Private bool
	// Anchor is the event a follow-up question was asked about ("and
	// before that?"), so its pages are answered about it too.
	Anchor string
	// Dates are the spans a date lookup covered, as dateexpr keys joined
	// by ",": "2016-01-01/2017-06-06".
	Dates string
	// Timeline is the name of the timeline answered from.
	Timeline string
	// Input is what was asked, read from the message when Dates is empty;
	// never in the custom id.
	Input string
}

// Custom ids of paging buttons: "pg|<page>|<private>|<command>|<anchor
// event id>|<dates>|<timeline>", anchor and dates possibly empty. An
// anchor (at most 64 characters) comes only with ask, dates only with
// date and between, and a timeline name is at most 20: the id fits
// Discord's 100.
const pagePrefix = "pg"

func pageID(s pageState, page int) string {
	priv := "0"
	if s.Private {
		priv = "1"
	}
	return strings.Join([]string{pagePrefix, strconv.Itoa(page), priv, s.Command, s.Anchor, s.Dates, s.Timeline}, "|")
}

func parsePageID(id string) (pageState, int, bool) {
	parts := strings.Split(id, "|")
	// Four to six parts: a button from before dates and timelines were
	// kept.
	if len(parts) < 4 || len(parts) > 7 || parts[0] != pagePrefix {
		return pageState{}, 0, false
	}
	page, err := strconv.Atoi(parts[1])
	if err != nil || page < 0 {
		return pageState{}, 0, false
	}
	s := pageState{Private: parts[2] == "1", Command: parts[3]}
	if len(parts) >= 5 {
		s.Anchor = parts[4]
	}
	if len(parts) >= 6 {
		s.Dates = parts[5]
	}
	if len(parts) == 7 {
		s.Timeline = parts[6]
	}
	return s, page, true
}

// maxDatesKey is what a custom id leaves for the dates: 100 less the
// longest rest ("pg|999|1|between||" and a timeline name).
const maxDatesKey = maxCustomID - 21 - catalog.MaxName

// datesKey writes spans for a button, or "" when one has no key or they
// do not fit: the page then redoes the lookup on what was asked.
func datesKey(spans []dateexpr.Span) string {
	keys := make([]string, 0, len(spans))
	for _, s := range spans {
		k, ok := s.Key()
		if !ok {
			return ""
		}
		keys = append(keys, k)
	}
	if key := strings.Join(keys, ","); len(key) <= maxDatesKey {
		return key
	}
	return ""
}

// inputOf reads back the lookup a reply answered from its author line.
func inputOf(m *discordgo.Message) (string, bool) {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Author == nil || m.Embeds[0].Author.Name == "" {
		return "", false
	}
	return m.Embeds[0].Author.Name, true
}

func pager(s pageState, page, pages int) discordgo.ActionsRow {
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Prev", Style: discordgo.SecondaryButton, CustomID: pageID(s, max(page-1, 0)), Disabled: page == 0},
		// The page number sits between the buttons; as a disabled button
		// its custom id only has to be unique.
		discordgo.Button{Label: fmt.Sprintf("%d / %d", page+1, pages), Style: discordgo.SecondaryButton, CustomID: "noop|page", Disabled: true},
		discordgo.Button{Label: "Next", Style: discordgo.PrimaryButton, CustomID: pageID(s, page+1), Disabled: page == pages-1},
	}}
}
