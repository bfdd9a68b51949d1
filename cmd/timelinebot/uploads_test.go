package main

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
)

const beaconTimeline = `{"title": "The Hallam beacon", "source": {"name": "Hallam Log"}, "events": [
	{"dates": ["1802-03-09"], "title": "Beacon first lit", "text": "Whale oil lamps burn on the point."},
	{"dates": ["1911-08-14"], "title": "Beacon electrified", "text": "A generator replaces the lamps."}]}`

// A server's upload, kept in DATA_DIR, is answered from after a restart.
func TestUploadSurvivesARestart(t *testing.T) {
	fake := discordtest.New(t)
	env := map[string]string{"DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL(), "DATA_DIR": t.TempDir()}
	const guild = "1160000000000000001"
	member := &discordgo.Member{User: &discordgo.User{ID: "80351110224678912"}, Permissions: discordgo.PermissionManageGuild}
	file := fake.Attachment("beacon.json", []byte(beaconTimeline))
	run := func(i *discordgo.Interaction) string {
		t.Helper()
		i.GuildID, i.ChannelID, i.Member = guild, "1165000000000000001", member
		i = fake.DispatchInteraction(t, i)
		resp := fake.WaitInteractionResponse(t, i.ID)
		if resp.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
			return *fake.WaitEdit(t, i.Token).Content
		}
		return resp.Data.Content
	}
	stderr, stop := background(t, env)
	fake.WaitIdentify(t)
	add := &discordgo.Interaction{ID: "1180000000000000801", Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{
		Name:     "timeline-add",
		Options:  []*discordgo.ApplicationCommandInteractionDataOption{{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: file.ID}},
		Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{file.ID: file}},
	}}
	if got := run(add); !strings.Contains(got, "Added **The Hallam beacon** as `beacon`") {
		t.Fatalf("the upload: %q\n%s", got, stderr.String())
	}
	if code := stop(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	stderr, _ = background(t, env)
	fake.WaitIdentify(t)
	ask := &discordgo.Interaction{ID: "1180000000000000802", Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{
		Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "when was the beacon electrified?"},
			{Name: "timeline", Type: discordgo.ApplicationCommandOptionString, Value: "beacon"}}}}
	if got := run(ask); !strings.Contains(got, "Aug. 14, 1911") {
		t.Errorf("after a restart: %q\n%s", got, stderr.String())
	}
}

// A default DATA_DIR that cannot be made (a read-only home) leaves the
// bot answering without uploads; a DATA_DIR given that cannot be used
// stops it, saying why.
func TestUnwritableDataDir(t *testing.T) {
	fake := discordtest.New(t)
	file := writeFile(t, t.TempDir(), "a-file", "not a directory")
	env := map[string]string{"DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL(), "HOME": file}
	stderr, stop := background(t, env)
	fake.WaitIdentify(t)
	if code := stop(); code != exitOK || !strings.Contains(stderr.String(), "servers cannot add timelines") {
		t.Errorf("a read-only default: exit %d\n%s", code, stderr.String())
	}
	env = map[string]string{"DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL(), "DATA_DIR": file + "/sub"}
	if code, _, errOut := cli(t, env, ""); code == exitOK || !strings.Contains(errOut, "DATA_DIR") {
		t.Errorf("an unusable DATA_DIR: exit %d %q", code, errOut)
	}
}
