package bot

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
	"github.com/timelinebot/timelinebot/catalog"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/library"
	"github.com/timelinebot/timelinebot/store"
)

// uploading is a bot, on the fake, with a real library on a bbolt store:
// the quarry timeline shared, and servers' uploads.
func uploading(t *testing.T) (*discordtest.Server, *Handlers) {
	t.Helper()
	fake := discordtest.New(t)
	st, err := store.OpenBolt(filepath.Join(t.TempDir(), "timelinebot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := catalog.New()
	if _, err := c.Put(catalog.Shared, "quarry", engineFor(t, quarryTimeline)); err != nil {
		t.Fatal(err)
	}
	read := func(_ string, body []byte) (*data.Timeline, []string, error) {
		tl, err := data.Parse(bytes.NewReader(body))
		return tl, nil, err
	}
	lib, err := library.Open(context.Background(), st, c, read, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lib.Close)
	h := NewCatalogHandlers(c, Options{Defaults: st, Library: lib, APIURL: fake.URL()})
	r := startWith(t, fake, h)
	r.ready(t)
	return fake, h
}

var interactionIDs = 1180000000000000700

// memberCommand is a slash command from a member of guild with the given
// permissions, its options' values as given (bool for true/false,
// string otherwise); file, if set, is attached as the "file" option.
func memberCommand(guild string, perms int64, name string, opts map[string]any, file *discordgo.MessageAttachment) *discordgo.Interaction {
	interactionIDs++
	data := discordgo.ApplicationCommandInteractionData{Name: name}
	for k, v := range opts {
		typ := discordgo.ApplicationCommandOptionString
		if _, ok := v.(bool); ok {
			typ = discordgo.ApplicationCommandOptionBoolean
		}
		data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: k, Type: typ, Value: v})
	}
	if file != nil {
		data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: file.ID})
		data.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{file.ID: file}}
	}
	i := &discordgo.Interaction{ID: strconv.Itoa(interactionIDs), Type: discordgo.InteractionApplicationCommand, Data: data,
		GuildID: guild, ChannelID: "1165000000000000009",
		Member: &discordgo.Member{User: &discordgo.User{ID: "80351110224678912"}, Permissions: perms}}
	if guild == "" {
		i.Member, i.User = nil, &discordgo.User{ID: "80351110224678912"}
	}
	return i
}

// ask dispatches i and returns what the bot answered, as shown.
func ask(t *testing.T, fake *discordtest.Server, i *discordgo.Interaction) string {
	t.Helper()
	i = fake.DispatchInteraction(t, i)
	resp := fake.WaitInteractionResponse(t, i.ID)
	if resp.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
		edit := fake.WaitEdit(t, i.Token)
		return *edit.Content
	}
	return visible(resp.Data)
}

// A server admin adds a timeline from a file; the server answers from
// it, sets it as the default, and removes it; another server never sees
// it; members without Manage Server cannot change anything.
func TestUploads(t *testing.T) {
	fake, _ := uploading(t)
	const admin = discordgo.PermissionManageGuild
	file := fake.Attachment("orchard.json", []byte(orchardTimeline))
	if got := ask(t, fake, memberCommand(guild1, 0, "timeline-add", nil, file)); !strings.Contains(got, "Manage Server") {
		t.Errorf("a member without Manage Server: %q", got)
	}
	for _, c := range []struct {
		name string
		opts map[string]any
	}{{"timeline-remove", map[string]any{"timeline": "quarry"}}, {"timeline-default", map[string]any{"timeline": "quarry"}}} {
		if got := ask(t, fake, memberCommand(guild1, 0, c.name, c.opts, nil)); !strings.Contains(got, "Manage Server") {
			t.Errorf("/%s from a member without Manage Server: %q", c.name, got)
		}
	}
	if got := ask(t, fake, memberCommand("", 0, "timeline-add", nil, file)); !strings.Contains(got, "not in DMs") {
		t.Errorf("from a DM: %q", got)
	}
	got := ask(t, fake, memberCommand(guild1, admin, "timeline-add", nil, file))
	if !strings.Contains(got, "Added **Mallory orchard records** as `orchard`: 2 entries, April 1874 to Oct. 3, 1901") {
		t.Fatalf("the upload: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild1, 0, "ask", map[string]any{"question": "when was the record harvest?", "timeline": "orchard"}, nil)); !strings.Contains(got, "Oct. 3, 1901") {
		t.Errorf("asked in g1: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild2, 0, "ask", map[string]any{"question": "when was the record harvest?", "timeline": "orchard"}, nil)); !strings.Contains(got, "no timeline") {
		t.Errorf("asked in g2: %q", got)
	}
	// The default answers questions that do not say; another server's
	// own, or a removal from it, does not reach it.
	if got := ask(t, fake, memberCommand(guild1, admin, "timeline-default", map[string]any{"timeline": "orchard"}, nil)); !strings.Contains(got, "answered from **Mallory orchard records**") {
		t.Errorf("timeline-default: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild1, 0, "ask", map[string]any{"question": "when was the orchard planted?"}, nil)); !strings.Contains(got, "April 1874") {
		t.Errorf("a question under the default: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild2, admin, "timeline-remove", map[string]any{"timeline": "orchard"}, nil)); !strings.Contains(got, "no timeline") {
		t.Errorf("g2 removing g1's: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild2, admin, "timeline-default", map[string]any{"timeline": "orchard"}, nil)); !strings.Contains(got, "no timeline") {
		t.Errorf("g2 choosing g1's: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild1, admin, "timeline-remove", map[string]any{"timeline": "orchard"}, nil)); !strings.Contains(got, "Removed") {
		t.Errorf("the removal: %q", got)
	}
	if got := ask(t, fake, memberCommand(guild1, 0, "ask", map[string]any{"question": "when was the orchard planted?"}, nil)); strings.Contains(got, "1874") {
		t.Errorf("a removed timeline still answers: %q", got)
	}
}

// Only Discord's CDN, or the API URL's host, is downloaded from; a
// redirect elsewhere, a file too large or not a timeline is refused with
// a reason.
func TestUploadRefusals(t *testing.T) {
	fake, h := uploading(t)
	const admin = discordgo.PermissionManageGuild
	elsewhere := &discordgo.MessageAttachment{ID: "77", Filename: "x.json", Size: 10, URL: "http://127.0.0.2:9/x.json"}
	for _, c := range []struct {
		name string
		file *discordgo.MessageAttachment
		says string
	}{
		{"another host", elsewhere, "only download files from Discord"},
		{"a redirect elsewhere", fake.RedirectedAttachment("r.json", "http://127.0.0.2:9/x.json", 10), "only download files from Discord"},
		{"too large", &discordgo.MessageAttachment{ID: "78", Filename: "big.json", Size: MaxUpload + 1, URL: fake.URL() + "/attachments/78/big.json"}, "larger than 5 MB"},
		{"not a timeline", fake.Attachment("notes.json", []byte(`{"title": "x", "events": [`)), "is not a timeline I can read"},
		{"larger than it says", func() *discordgo.MessageAttachment {
			a := fake.Attachment("big.json", bytes.Repeat([]byte(" "), MaxUpload+10))
			a.Size = 100
			return a
		}(), "larger than 5 MB"},
		{"a shared timeline's name", fake.Attachment("quarry.json", []byte(orchardTimeline)), "every server has"},
	} {
		if got := ask(t, fake, memberCommand(guild1, admin, "timeline-add", nil, c.file)); !strings.Contains(got, c.says) {
			t.Errorf("%s: %q, want %q", c.name, got, c.says)
		}
	}
	if own := h.Catalog().Own(guild1); len(own) != 0 {
		t.Errorf("refused uploads were added: %v", own)
	}
}

// The admin commands are registered for members with Manage Server, in
// servers only.
func TestAdminCommandsRegistered(t *testing.T) {
	fake, _ := uploading(t)
	put := fake.WaitRequest(t, "PUT", "/api/v9/applications/"+fake.ApplicationID()+"/commands")
	var cmds []*discordgo.ApplicationCommand
	if err := put.Decode(&cmds); err != nil {
		t.Fatal(err)
	}
	admin := map[string]bool{}
	for _, c := range cmds {
		if c.DefaultMemberPermissions != nil && *c.DefaultMemberPermissions == discordgo.PermissionManageGuild &&
			c.Contexts != nil && len(*c.Contexts) == 1 && (*c.Contexts)[0] == discordgo.InteractionContextGuild {
			admin[c.Name] = true
		}
	}
	for _, name := range []string{"timeline-add", "timeline-remove", "timeline-default"} {
		if !admin[name] {
			t.Errorf("/%s is not registered for Manage Server in servers only", name)
		}
	}
	if admin["ask"] {
		t.Error("/ask is registered for admins only")
	}
}
