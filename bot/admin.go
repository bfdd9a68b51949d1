package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/catalog"
)

// Library adds and removes a server's own timelines: the work of the
// admin commands, apart from Discord. Add imports and validates a file,
// keeps it and answers from it, and returns its entry and what the
// import skipped; its user errors say what is wrong with the file.
type Library interface {
	Add(ctx context.Context, guild, name, filename string, body []byte) (catalog.Entry, []string, error)
	Remove(ctx context.Context, guild, name string) error
}

// MaxUpload is the largest file /timeline-add takes.
const MaxUpload = 5 << 20

// manageGuild is the permission the admin commands need: Discord hides
// them from members without it, and every call checks it again, since
// the interaction's permissions are what count.
const manageGuild = int64(discordgo.PermissionManageGuild)

var errNotAdmin = userError(answer.CodeInternal, "Only members with the Manage Server permission can change this server's timelines.")

// admin checks that an interaction comes from a server member who may
// change its timelines.
func admin(i *discordgo.Interaction) error {
	if i.GuildID == "" || i.Member == nil {
		return userError(answer.CodeInternal, "Timelines are added in a server, not in DMs.")
	}
	if i.Member.Permissions&(manageGuild|discordgo.PermissionAdministrator) == 0 {
		return errNotAdmin
	}
	return nil
}

// addTimeline answers /timeline-add: the uploaded file, imported.
func (h *Handlers) addTimeline(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	if err := admin(i); err != nil {
		return nil, err
	}
	opts, private := options(i)
	data := i.ApplicationCommandData()
	var file *discordgo.MessageAttachment
	if data.Resolved != nil {
		file = data.Resolved.Attachments[opts["file"]]
	}
	if file == nil {
		return nil, userError(answer.CodeInternal, "Please attach the timeline file to the command.")
	}
	body, err := h.fetch.get(ctx, file)
	if err != nil {
		return nil, err
	}
	entry, skipped, err := h.library.Add(ctx, i.GuildID, strings.TrimSpace(opts["name"]), file.Filename, body)
	if err != nil {
		return nil, err
	}
	tl := entry.Engine.Timeline()
	last := tl.Events[len(tl.Events)-1]
	var b strings.Builder
	fmt.Fprintf(&b, "Added **%s** as `%s`: %s, %s to %s.", escapeMarkdown(tl.Title), entry.Name, plural(len(tl.Events), "entry", "entries"),
		tl.Events[0].First().Human(), last.Dates[len(last.Dates)-1].Human())
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "\nSkipped %s:", plural(len(skipped), "part", "parts"))
		for n, s := range skipped {
			if n == 10 {
				fmt.Fprintf(&b, "\n- and %d more", len(skipped)-10)
				break
			}
			b.WriteString("\n- " + escapeMarkdown(s))
		}
	}
	b.WriteString("\nAsk with `timeline: " + entry.Name + "`, or make it this server's default with /timeline-default.")
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, reply{Content: clip(b.String(), maxContent)}, private), nil
}

// removeTimeline answers /timeline-remove.
func (h *Handlers) removeTimeline(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	if err := admin(i); err != nil {
		return nil, err
	}
	opts, private := options(i)
	name := strings.TrimSpace(opts["timeline"])
	if err := h.library.Remove(ctx, i.GuildID, name); err != nil {
		return nil, err
	}
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, reply{Content: fmt.Sprintf("Removed `%s`.", escapeMarkdown(name))}, private), nil
}

// setDefault answers /timeline-default: the timeline questions here get
// when they do not say, for the server or one channel; "none" clears it.
func (h *Handlers) setDefault(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	if err := admin(i); err != nil {
		return nil, err
	}
	opts, private := options(i)
	channel, where := "", "this server"
	if opts["channel"] == "true" {
		channel, where = i.ChannelID, "this channel"
	}
	name := strings.TrimSpace(opts["timeline"])
	if name == "none" {
		if err := h.defaults.SetDefault(ctx, i.GuildID, channel, ""); err != nil {
			return nil, err
		}
		return messageResponse(discordgo.InteractionResponseChannelMessageWithSource, reply{Content: "No default timeline for " + where + " now."}, private), nil
	}
	e, ok := h.named(i.GuildID, name)
	if !ok {
		return nil, userError(codeNoTimeline, fmt.Sprintf("There is no timeline %q here; /timelines lists them.", name))
	}
	if err := h.defaults.SetDefault(ctx, i.GuildID, channel, e.Name); err != nil {
		return nil, err
	}
	return messageResponse(discordgo.InteractionResponseChannelMessageWithSource,
		reply{Content: fmt.Sprintf("Questions in %s are answered from **%s** unless they say otherwise.", where, escapeMarkdown(e.Title()))}, private), nil
}

// completeOwn offers the server's own timelines, for /timeline-remove.
func (h *Handlers) completeOwn(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	typed := strings.ToLower(strings.TrimSpace(focused(i)))
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, e := range h.catalog.Own(guildOf(i)) {
		if typed == "" || strings.Contains(strings.ToLower(e.Title()), typed) || strings.Contains(e.Name, typed) {
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(e.Title(), maxChoiceName), Value: e.Name})
		}
		if len(choices) == maxChoices {
			break
		}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: choices}}, nil
}

// Discord's hosts for attachments.
var cdnHosts = []string{"cdn.discordapp.com", "media.discordapp.net"}

// fetcher downloads attachments: only from Discord's CDN (or the host
// DISCORD_API_URL names, where a proxy or a test's fake Discord serves
// them), with a deadline and a size cap, following redirects only to
// those hosts.
type fetcher struct {
	client *http.Client
	hosts  map[string]bool
	plain  string // the one host reached without TLS: DISCORD_API_URL's, if http
}

func newFetcher(apiURL string) *fetcher {
	f := &fetcher{hosts: map[string]bool{}}
	for _, h := range cdnHosts {
		f.hosts[h] = true
	}
	if u, err := url.Parse(apiURL); err == nil && u.Host != "" {
		f.hosts[u.Host] = true
		if u.Scheme == "http" {
			f.plain = u.Host
		}
	}
	f.client = &http.Client{
		Timeout: 15 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			return f.allowed(req.URL)
		},
	}
	return f
}

// errNotDiscords is an attachment, or a redirect, to a host that is not
// Discord's: the bot fetches nothing else on a user's word.
var errNotDiscords = userError(answer.CodeInternal, "I only download files from Discord itself; please attach the file to the command.")

func (f *fetcher) allowed(u *url.URL) error {
	if !f.hosts[u.Host] || (u.Scheme != "https" && !(u.Scheme == "http" && u.Host == f.plain)) {
		return errNotDiscords
	}
	return nil
}

var errTooBig = userError(answer.CodeInternal, fmt.Sprintf("The file is larger than %d MB, the most a timeline upload may be.", MaxUpload>>20))

func (f *fetcher) get(ctx context.Context, a *discordgo.MessageAttachment) ([]byte, error) {
	if a.Size > MaxUpload {
		return nil, errTooBig
	}
	u, err := url.Parse(a.URL)
	if err != nil {
		return nil, fmt.Errorf("attachment URL: %w", err)
	}
	if err := f.allowed(u); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download the attachment: %w", Redact(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download the attachment: %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxUpload+1))
	if err != nil {
		return nil, fmt.Errorf("download the attachment: %w", err)
	}
	if len(body) > MaxUpload {
		return nil, errTooBig
	}
	return body, nil
}
