package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/dateexpr"
)

// command is one slash command. The table of them (Handlers.table) is the
// one list of what the bot does: registration (Commands), routing and
// autocomplete (Routes), paging and /help are all read from it.
type command struct {
	name, description string
	options           []option
	// help is the command's part of /help, with examples from the
	// timeline; "" leaves it out.
	help func(x answer.Examples) string

	// A lookup command answers from the engine, page by page: lookup runs
	// on the command's options, redo again on what a page button keeps
	// (see pageState). keepDates puts the answer's dates in the button,
	// so that a page redoes the lookup on the dates, not on the text.
	lookup    func(ctx context.Context, e *answer.Engine, opts map[string]string) (answer.Answer, error)
	redo      func(ctx context.Context, e *answer.Engine, p pageState) (answer.Answer, error)
	keepDates bool

	// run answers a command that is not a lookup.
	run Handler

	// completeTimeline offers the timelines for the timeline option.
	completeTimeline Handler

	// admin commands change the server's timelines: only members with
	// Manage Server see them, in servers only.
	admin bool
}

// option is a text option, unless kind says otherwise, required unless
// optional says; every command also takes "private", and one answering
// from a timeline "timeline", both optional.
type option struct {
	name, description string
	kind              discordgo.ApplicationCommandOptionType // 0: text
	maxLength         int
	optional          bool
	// complete, if set, offers choices as the option is typed.
	complete Handler
}

// table is the bot's commands, their descriptions drawn from x: the
// timeline the bot answers about.
func (h *Handlers) table(x answer.Examples) []command {
	cmds := h.commands(x)
	for i := range cmds {
		cmds[i].completeTimeline = h.completeTimelines
	}
	return cmds
}

// commands are the table's rows.
func (h *Handlers) commands(x answer.Examples) []command {
	cmds := []command{
		{
			name: "ask", description: "Ask a question about the timeline",
			options: []option{{name: "question", description: "e.g. " + x.Question, maxLength: maxQuestion}},
			help: func(x answer.Examples) string {
				return fmt.Sprintf("a question in plain words: *%s*, *%s*, *what happened first?*, *what is this timeline about?*", escapeMarkdown(x.Question), escapeMarkdown(x.Count))
			},
			lookup: func(ctx context.Context, e *answer.Engine, o map[string]string) (answer.Answer, error) {
				return e.Ask(ctx, o["question"])
			},
			redo: func(ctx context.Context, e *answer.Engine, p pageState) (answer.Answer, error) {
				return e.Ask(ctx, p.Input)
			},
		},
		{
			name: "search", description: "Search the timeline by keywords",
			options: []option{{name: "query", description: "Words to look for, e.g. " + x.Keyword, maxLength: maxWords, complete: h.completeTitles}},
			help:    func(x answer.Examples) string { return fmt.Sprintf("keywords: *%s*", escapeMarkdown(x.Keyword)) },
			lookup: func(ctx context.Context, e *answer.Engine, o map[string]string) (answer.Answer, error) {
				return e.Search(ctx, o["query"], 0)
			},
			redo: func(ctx context.Context, e *answer.Engine, p pageState) (answer.Answer, error) {
				return e.Search(ctx, p.Input, 0)
			},
		},
		{
			name: "date", description: "What happened on a day, in a month or a year",
			options: []option{{name: "when", description: fmt.Sprintf("e.g. %s · %s · %s", x.Day, x.Month, x.Year), maxLength: maxDate, complete: h.completeDates}},
			help: func(x answer.Examples) string {
				return fmt.Sprintf("a day, month or year: *%s*, *%s*, *%s*", escapeMarkdown(x.Day), escapeMarkdown(x.Month), escapeMarkdown(x.Year))
			},
			lookup: func(ctx context.Context, e *answer.Engine, o map[string]string) (answer.Answer, error) {
				return e.On(ctx, o["when"])
			},
			redo: func(ctx context.Context, e *answer.Engine, p pageState) (answer.Answer, error) {
				if p.Dates == "" {
					// Too many dates for a button ("June 5" in many
					// years): the date as given, read as the command read it.
					return e.On(ctx, p.Input)
				}
				return redoDates(ctx, e, p)
			},
			keepDates: true,
		},
		{
			name: "between", description: "What happened between two dates",
			options: []option{
				{name: "from", description: "The first date, e.g. " + x.Month, maxLength: maxDate},
				{name: "to", description: "The last date, e.g. " + x.Year, maxLength: maxDate},
			},
			help: func(answer.Examples) string { return "two dates" },
			lookup: func(ctx context.Context, e *answer.Engine, o map[string]string) (answer.Answer, error) {
				return e.Between(ctx, o["from"], o["to"])
			},
			redo:      redoDates,
			keepDates: true,
		},
		{
			name: "timeline", description: "The whole timeline, page by page",
			help: func(answer.Examples) string { return "everything, page by page" },
			lookup: func(ctx context.Context, e *answer.Engine, _ map[string]string) (answer.Answer, error) {
				return e.All(ctx)
			},
			redo: func(ctx context.Context, e *answer.Engine, _ pageState) (answer.Answer, error) { return e.All(ctx) },
		},
		{
			name: "event", description: "Show one entry of the timeline",
			options: []option{{name: "title", description: "Start typing a title or a date", maxLength: maxWords, complete: h.completeEvents}},
			help:    func(answer.Examples) string { return "one entry, by its title or date" },
			run:     h.event,
		},
		{
			name: "timelines", description: "The timelines I answer from here",
			help: func(answer.Examples) string { return "the timelines I answer from here" },
			run:  h.listTimelines,
		},
		{name: "help", description: "What this bot can do", run: h.help},
	}
	if h.library != nil {
		cmds = append(cmds,
			command{
				name: "timeline-add", description: "Add a timeline to this server from a file", admin: true,
				options: []option{
					{name: "file", description: "The timeline: JSON, TimelineJS, a CSV sheet, iCalendar, Markdown or an article", kind: discordgo.ApplicationCommandOptionAttachment},
					{name: "name", description: "A short name for it (default: from the file name)", maxLength: catalog.MaxName, optional: true},
				},
				help: func(answer.Examples) string { return "a timeline to this server, from a file (Manage Server)" },
				run:  h.addTimeline,
			},
			command{
				name: "timeline-remove", description: "Remove one of this server's timelines", admin: true,
				options: []option{{name: "timeline", description: "Which of this server's timelines", maxLength: catalog.MaxName, complete: h.completeOwn}},
				help:    func(answer.Examples) string { return "one of this server's timelines (Manage Server)" },
				run:     h.removeTimeline,
			})
	}
	if h.defaults != nil {
		cmds = append(cmds, command{
			name: "timeline-default", description: "Which timeline questions here get when they do not say", admin: true,
			options: []option{
				{name: "timeline", description: "A timeline of /timelines, or none", maxLength: catalog.MaxName + 80, complete: h.completeTimelines},
				{name: "channel", description: "For this channel only, not the whole server", kind: discordgo.ApplicationCommandOptionBoolean, optional: true},
			},
			help: func(answer.Examples) string {
				return "the timeline questions here get when they do not say (Manage Server)"
			},
			run: h.setDefault,
		})
	}
	return cmds
}

// redoDates redoes a date lookup on the dates its button kept.
func redoDates(ctx context.Context, e *answer.Engine, p pageState) (answer.Answer, error) {
	var spans []dateexpr.Span
	for key := range strings.SplitSeq(p.Dates, ",") {
		s, err := dateexpr.ParseKey(key)
		if err != nil {
			return answer.Answer{}, errExpired // not a button the bot made
		}
		spans = append(spans, s)
	}
	return e.During(ctx, spans)
}

// commandOf is the table's command named name.
func commandOf(table []command, name string) (command, bool) {
	for _, c := range table {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// appCommand is what Discord is told of a command. Required options come
// first, as Discord requires.
func (c command) appCommand() *discordgo.ApplicationCommand {
	ac := &discordgo.ApplicationCommand{Name: c.name, Description: c.description}
	if c.admin {
		perm := manageGuild
		ac.DefaultMemberPermissions = &perm
		ac.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	}
	for _, o := range c.allOptions() {
		opt := &discordgo.ApplicationCommandOption{
			Type: o.kind, Name: o.name, Description: clip(o.description, maxOptionDescription), Required: !o.optional,
		}
		if opt.Type == 0 {
			opt.Type, opt.MinLength, opt.MaxLength, opt.Autocomplete = discordgo.ApplicationCommandOptionString, intp(1), o.maxLength, o.complete != nil
		}
		ac.Options = append(ac.Options, opt)
	}
	ac.Options = append(ac.Options, &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Only you see the reply",
	})
	return ac
}

// allOptions are the command's own options and, for a command that
// answers from a timeline, the timeline option.
func (c command) allOptions() []option {
	opts := slices.Clone(c.options)
	if c.fromTimeline() {
		opts = append(opts, option{name: "timeline", description: "Which timeline to answer from (see /timelines)", maxLength: catalog.MaxName + 80,
			optional: true, complete: c.completeTimeline})
	}
	return opts
}

// fromTimeline says whether the command answers from one timeline.
func (c command) fromTimeline() bool { return c.name != "timelines" && !c.admin }

// Commands are the slash commands the bot registers, their examples drawn
// from the timeline it answers about.
func (h *Handlers) Commands() []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, c := range h.table(h.Engine().Examples()) {
		out = append(out, c.appCommand())
	}
	return out
}

// Routes registers every command of the table on r, with its
// autocomplete, and the buttons the replies carry.
func (h *Handlers) Routes(r *Router) {
	for _, c := range h.table(h.Engine().Examples()) {
		run := c.run
		if c.lookup != nil {
			run = h.lookupCommand(c)
		}
		r.Command(c.appCommand(), run)
		for _, o := range c.allOptions() {
			if o.complete != nil {
				r.Autocomplete(c.name, o.name, o.complete)
			}
		}
	}
	r.Component(pagePrefix, h.page)
	r.Component(followPrefix, h.followUp)
	r.Component(choosePrefix, h.chooseTimeline)
}

// helpText is /help: every command's line from the table, then the ways
// to ask without one.
func (h *Handlers) helpText(entry catalog.Entry, timelines int) string {
	tl, x := entry.Engine.Timeline(), entry.Engine.Examples()
	var b strings.Builder
	fmt.Fprintf(&b, "I answer questions about **%s** (%s)", escapeMarkdown(tl.Title), escapeMarkdown(tl.Source.Cite()))
	if timelines > 1 {
		fmt.Fprintf(&b, " and %s more: **/timelines** lists them", plural(timelines-1, "timeline", "timelines"))
	}
	b.WriteString(".\n\n")
	for _, c := range h.table(x) {
		if c.help != nil {
			fmt.Fprintf(&b, "**/%s** %s\n", c.name, c.help(x))
		}
	}
	b.WriteString("\nYou can also mention me with a question, ask me in a DM, or reply to one of my answers to ask about it (\"what happened after that?\"). Add *private* to any command to see the reply alone.")
	return b.String()
}
