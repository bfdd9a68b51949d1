package catalog

import (
	"context"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/data"
	"github.com/timelinebot/timelinebot/index"
)

func engine(t *testing.T, title string) *answer.Engine {
	t.Helper()
	tl, err := data.Parse(strings.NewReader(`{"title": "` + title + `", "source": {"name": "s"}, "events": [{"dates": ["2001"], "title": "a", "text": "b"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(context.Background(), tl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return answer.New(ix)
}

func names(es []Entry) string {
	var out []string
	for _, e := range es {
		out = append(out, e.Guild+"/"+e.Name)
	}
	return strings.Join(out, " ")
}

// A server sees the shared timelines and its own, never another's, by
// list or by name.
func TestGuildsApart(t *testing.T) {
	c := New()
	must := func(_ *answer.Engine, err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.Put(Shared, "apollo", engine(t, "Apollo 13")))
	must(c.Put("g1", "harbor", engine(t, "Harbor history")))
	must(c.Put("g2", "guild", engine(t, "Guild records")))
	must(c.Put("g2", "harbor", engine(t, "Another harbor")))
	for _, tt := range []struct{ guild, want string }{
		{Shared, "/apollo"},
		{"g1", "/apollo g1/harbor"},
		{"g2", "/apollo g2/guild g2/harbor"},
		{"g3", "/apollo"},
	} {
		if got := names(c.Visible(tt.guild)); got != tt.want {
			t.Errorf("Visible(%q) = %s, want %s", tt.guild, got, tt.want)
		}
	}
	if _, ok := c.Lookup("g1", "guild"); ok {
		t.Error("g1 found g2's timeline by name")
	}
	if e, ok := c.Lookup("g2", "harbor"); !ok || e.Title() != "Another harbor" {
		t.Errorf("g2's harbor: %+v %v", e, ok)
	}
	if e, ok := c.Lookup("g1", "apollo"); !ok || e.Guild != Shared {
		t.Errorf("the shared timeline from g1: %+v %v", e, ok)
	}
	if _, err := c.Put("g1", "apollo", engine(t, "Mine")); err == nil {
		t.Error("a server's upload took a shared timeline's name")
	}
	if got := names(c.Own("g2")); got != "g2/guild g2/harbor" {
		t.Errorf("Own(g2) = %s", got)
	}
	if old := c.Remove("g2", "guild"); old == nil {
		t.Error("Remove returned no engine")
	}
	if _, ok := c.Lookup("g2", "guild"); ok {
		t.Error("a removed timeline is still found")
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{
		"Apollo 13.json":                   "apollo-13",
		"/srv/timelines/harbor_history.md": "harbor-history",
		"Inside the frayed relationship":   "inside-the-frayed-re",
		"???":                              "timeline",
	} {
		if got := NameOf(in); got != want || CheckName(got) != nil {
			t.Errorf("NameOf(%q) = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"", "-a", "A", "a b", strings.Repeat("a", MaxName+1)} {
		if CheckName(bad) == nil {
			t.Errorf("CheckName(%q) took it", bad)
		}
	}
}

func TestNamedInTheQuestion(t *testing.T) {
	c := New()
	c.Put(Shared, "apollo-13", engine(t, "Apollo 13"))
	c.Put("g1", "harbor", engine(t, "Harbor history"))
	c.Put("g1", "aa", engine(t, "ⱥⱥ ferry"))
	for _, tt := range []struct{ guild, q, name, rest string }{
		{"g1", "in the Apollo 13 timeline, when did the tank explode?", "apollo-13", "when did the tank explode?"},
		{"g1", "In Harbor history: what happened in 1850?", "harbor", "what happened in 1850?"},
		{"g1", "from the harbor timeline when was the pier built", "harbor", "when was the pier built"},
		{"g1", "in 1850 what happened?", "", "in 1850 what happened?"},
		{"g2", "in the harbor timeline, when?", "", "in the harbor timeline, when?"}, // not g2's
		{"g1", "in Apollo 13", "", "in Apollo 13"},                                   // nothing asked after the name
	} {
		e, rest, ok := c.Named(tt.guild, tt.q)
		if (ok && e.Name != tt.name) || ok != (tt.name != "") || rest != tt.rest {
			t.Errorf("Named(%q, %q) = %q %q %v; want %q %q", tt.guild, tt.q, e.Name, rest, ok, tt.name, tt.rest)
		}
	}
}
