// Package storetest is the one behaviour suite that every store backend
// passes, so that bbolt and PostgreSQL cannot drift apart.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/store"
)

// Backend is what Run tests.
type Backend struct {
	// New makes a fresh, empty backend for one test and returns a function
	// that opens a handle on it. Each call opens another handle on the same
	// data, as another process would.
	New func(t *testing.T) (open func() (store.Store, error))
	// Exclusive says that one handle at a time may be open (bbolt locks its
	// file): a second open must fail with store.ErrLocked, and soon.
	Exclusive bool
}

// Run runs the suite, each case as a parallel subtest on a fresh backend.
func Run(t *testing.T, b Backend) {
	cases := []struct {
		name string
		fn   func(*testing.T, Backend)
	}{
		{"PutGetReplace", testPutGetReplace},
		{"ListSortedAndGuildIsolated", testList},
		{"DeleteAndNotFound", testDelete},
		{"Defaults", testDefaults},
		{"Changes", testChanges},
		{"All", testAll},
		{"Limits", testLimits},
		{"LargeBody", testLargeBody},
		{"Reopen", testReopen},
		{"ConcurrentPuts", testConcurrentPuts},
		{"TwoHandles", testTwoHandles},
		{"ClosedAndCancelled", testClosed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.fn(t, b)
		})
	}
}

// open opens a handle that is closed when the test ends.
func open(t *testing.T, open func() (store.Store, error)) store.Store {
	t.Helper()
	s, err := open()
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func fresh(t *testing.T, b Backend) store.Store {
	t.Helper()
	return open(t, b.New(t))
}

func put(t *testing.T, s store.Store, guild, name, body string) store.Timeline {
	t.Helper()
	tl, err := s.Put(t.Context(), guild, name, []byte(body))
	if err != nil {
		t.Fatalf("Put(%q, %q): %v", guild, name, err)
	}
	return tl
}

func get(t *testing.T, s store.Store, guild, name string) store.Timeline {
	t.Helper()
	tl, err := s.Get(t.Context(), guild, name)
	if err != nil {
		t.Fatalf("Get(%q, %q): %v", guild, name, err)
	}
	return tl
}

func names(ts []store.Timeline) []string {
	var out []string
	for _, tl := range ts {
		out = append(out, tl.Name)
	}
	return out
}

func changes(t *testing.T, s store.Store, since int64) ([]store.Change, int64) {
	t.Helper()
	chs, now, err := s.Changes(t.Context(), since)
	if err != nil {
		t.Fatalf("Changes(%d): %v", since, err)
	}
	return chs, now
}

func testPutGetReplace(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	if _, err := s.Get(ctx, "g", "rome"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get before Put: %v, want ErrNotFound", err)
	}
	before := time.Now().Add(-time.Minute) // the server's clock may differ a little
	p1 := put(t, s, "g", "rome", `{"v":1}`)
	if p1.Guild != "g" || p1.Name != "rome" || string(p1.Body) != `{"v":1}` || p1.Version <= 0 || p1.Updated.Before(before) {
		t.Fatalf("Put returned %+v", p1)
	}
	g1 := get(t, s, "g", "rome")
	if string(g1.Body) != `{"v":1}` || g1.Version != p1.Version || !g1.Updated.Equal(p1.Updated) {
		t.Fatalf("Get = %+v, want what Put returned, %+v", g1, p1)
	}
	p2 := put(t, s, "g", "rome", `{"v":2}`)
	if p2.Version <= p1.Version || p2.Updated.Before(p1.Updated) {
		t.Fatalf("replacing: version %d after %d, updated %v after %v", p2.Version, p1.Version, p2.Updated, p1.Updated)
	}
	g2 := get(t, s, "g", "rome")
	if string(g2.Body) != `{"v":2}` || g2.Version != p2.Version {
		t.Fatalf("after replace Get = %q v%d, want {\"v\":2} v%d", g2.Body, g2.Version, p2.Version)
	}
	// Names are opaque: case matters, and Unicode is kept as is.
	put(t, s, "g", "Rome", `{"v":3}`)
	put(t, s, "g", "Ῥώμη 🏛", `{"v":4}`)
	if tl := get(t, s, "g", "Ῥώμη 🏛"); string(tl.Body) != `{"v":4}` {
		t.Fatalf("Unicode name: %q", tl.Body)
	}
	if tl := get(t, s, "g", "rome"); string(tl.Body) != `{"v":2}` {
		t.Fatalf("rome after Rome was put: %q", tl.Body)
	}
}

func testList(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	for _, n := range []string{"rome", "é", "Rome", "ancient", "b", "a b"} {
		put(t, s, "A", n, `{}`)
	}
	put(t, s, "B", "only-b", `{}`)
	// A guild that is another's prefix, and a name that would make the
	// same joined string, stay apart.
	put(t, s, "A1", "x", `{}`)
	put(t, s, "A", "1x", `{}`)

	ls, err := s.List(ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1x", "Rome", "a b", "ancient", "b", "rome", "é"} // by bytes
	if got := names(ls); !slices.Equal(got, want) {
		t.Fatalf("List(A) = %q, want %q", got, want)
	}
	for _, tl := range ls {
		if tl.Guild != "A" || tl.Body != nil || tl.Version <= 0 || tl.Updated.IsZero() {
			t.Fatalf("List entry %+v: want guild A, nil body, a version and a time", tl)
		}
	}
	lb, err := s.List(ctx, "B")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(lb); !slices.Equal(got, []string{"only-b"}) {
		t.Fatalf("List(B) = %q", got)
	}
	if la1, err := s.List(ctx, "A1"); err != nil || !slices.Equal(names(la1), []string{"x"}) {
		t.Fatalf("List(A1) = %q, %v", names(la1), err)
	}
	if lc, err := s.List(ctx, "C"); err != nil || len(lc) != 0 {
		t.Fatalf("List(C) = %v, %v; want nothing", lc, err)
	}
	if _, err := s.Get(ctx, "B", "rome"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("guild B got guild A's timeline: %v", err)
	}
	if err := s.Delete(ctx, "B", "rome"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("guild B deleted guild A's timeline: %v", err)
	}
	get(t, s, "A", "rome")
}

func testDelete(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	if err := s.Delete(ctx, "g", "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Delete of a missing timeline: %v, want ErrNotFound", err)
	}
	put(t, s, "g", "a", `{}`)
	put(t, s, "g", "b", `{}`)
	if err := s.Delete(ctx, "g", "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "g", "a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "g", "a"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second Delete: %v, want ErrNotFound", err)
	}
	if ls, err := s.List(ctx, "g"); err != nil || !slices.Equal(names(ls), []string{"b"}) {
		t.Fatalf("List after Delete = %q, %v", names(ls), err)
	}
	// The error says what was missing.
	err := s.Delete(ctx, "g", "a")
	if !strings.Contains(err.Error(), `"a"`) {
		t.Errorf("error %q does not name the timeline", err)
	}
	// A deleted name can be used again.
	put(t, s, "g", "a", `{"again":true}`)
	if tl := get(t, s, "g", "a"); string(tl.Body) != `{"again":true}` {
		t.Fatalf("put after delete: %q", tl.Body)
	}
}

func wantDefault(t *testing.T, s store.Store, guild, channel, want string) {
	t.Helper()
	got, err := s.Default(t.Context(), guild, channel)
	if err != nil {
		t.Fatalf("Default(%q, %q): %v", guild, channel, err)
	}
	if got != want {
		t.Fatalf("Default(%q, %q) = %q, want %q", guild, channel, got, want)
	}
}

func setDefault(t *testing.T, s store.Store, guild, channel, name string) {
	t.Helper()
	if err := s.SetDefault(t.Context(), guild, channel, name); err != nil {
		t.Fatalf("SetDefault(%q, %q, %q): %v", guild, channel, name, err)
	}
}

func testDefaults(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	wantDefault(t, s, "g", "c1", "")
	wantDefault(t, s, "g", "", "")
	// A default may name a timeline the store does not hold: one every
	// server shares, which the operator's files provide.
	setDefault(t, s, "g", "c9", "shared-one")
	wantDefault(t, s, "g", "c9", "shared-one")
	setDefault(t, s, "g", "c9", "")
	put(t, s, "g", "a", `{}`)
	put(t, s, "g", "b", `{}`)
	put(t, s, "h", "a", `{}`)

	setDefault(t, s, "g", "", "a")
	wantDefault(t, s, "g", "", "a")
	wantDefault(t, s, "g", "c1", "a") // the guild's, for want of the channel's
	setDefault(t, s, "g", "c1", "b")
	wantDefault(t, s, "g", "c1", "b") // the channel's over the guild's
	wantDefault(t, s, "g", "c2", "a")
	wantDefault(t, s, "h", "c1", "") // another guild's are not seen
	wantDefault(t, s, "h", "", "")

	setDefault(t, s, "g", "c1", "") // clearing the channel's falls back
	wantDefault(t, s, "g", "c1", "a")
	setDefault(t, s, "g", "c1", "") // clearing what is not set is fine
	setDefault(t, s, "g", "", "b")  // replacing
	wantDefault(t, s, "g", "c1", "b")

	// Deleting a timeline clears every default naming it, and only those.
	setDefault(t, s, "g", "c1", "b")
	setDefault(t, s, "g", "c3", "a")
	setDefault(t, s, "h", "", "a")
	if err := s.Delete(ctx, "g", "b"); err != nil {
		t.Fatal(err)
	}
	wantDefault(t, s, "g", "", "")
	wantDefault(t, s, "g", "c1", "")
	wantDefault(t, s, "g", "c3", "a")
	wantDefault(t, s, "h", "", "a")
	// and putting it again does not bring them back.
	put(t, s, "g", "b", `{}`)
	wantDefault(t, s, "g", "c1", "")
}

func testChanges(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	if chs, now := changes(t, s, 0); len(chs) != 0 || now != 0 {
		t.Fatalf("fresh store: Changes(0) = %v, %d; want none, 0", chs, now)
	}
	v1 := put(t, s, "g", "a", `{}`).Version
	v2 := put(t, s, "g", "b", `{}`).Version
	v3 := put(t, s, "h", "a", `{}`).Version
	v4 := put(t, s, "g", "a", `{"v":2}`).Version
	if err := s.Delete(ctx, "g", "b"); err != nil {
		t.Fatal(err)
	}
	if !(0 < v1 && v1 < v2 && v2 < v3 && v3 < v4) {
		t.Fatalf("versions not increasing: %d %d %d %d", v1, v2, v3, v4)
	}

	chs, now := changes(t, s, 0)
	// Each timeline once, with its latest change: g/a's first put is
	// superseded, g/b's put by its tombstone.
	want := []store.Change{
		{Guild: "h", Name: "a", Version: v3},
		{Guild: "g", Name: "a", Version: v4},
		{Guild: "g", Name: "b", Deleted: true, Version: now},
	}
	if !slices.Equal(chs, want) {
		t.Fatalf("Changes(0) = %+v,\nwant %+v", chs, want)
	}
	if now <= v4 {
		t.Fatalf("version now %d, want past %d", now, v4)
	}
	if got, _ := changes(t, s, v3); !slices.Equal(got, want[1:]) {
		t.Fatalf("Changes(%d) = %+v, want %+v", v3, got, want[1:])
	}
	if got, _ := changes(t, s, v4); !slices.Equal(got, want[2:]) {
		t.Fatalf("Changes(%d) = %+v, want %+v", v4, got, want[2:])
	}
	if got, again := changes(t, s, now); len(got) != 0 || again != now {
		t.Fatalf("Changes(now) = %+v, %d; want none, %d", got, again, now)
	}
	if got, _ := changes(t, s, -1); !slices.Equal(got, want) {
		t.Fatalf("Changes(-1) = %+v, want all", got)
	}

	// What fails changes nothing, and defaults take no version.
	if err := s.Delete(ctx, "g", "b"); !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, "g", "", []byte(`{}`)); err == nil {
		t.Fatal("Put with an empty name succeeded")
	}
	setDefault(t, s, "g", "", "a")
	if got, again := changes(t, s, now); len(got) != 0 || again != now {
		t.Fatalf("after a failed Delete and Put and a SetDefault: Changes = %+v, %d; want none, %d", got, again, now)
	}

	// Putting a deleted name again replaces its tombstone.
	v6 := put(t, s, "g", "b", `{}`).Version
	if v6 != now+1 {
		t.Fatalf("next version %d, want %d", v6, now+1)
	}
	if got, now6 := changes(t, s, now); !slices.Equal(got, []store.Change{{Guild: "g", Name: "b", Version: v6}}) || now6 != v6 {
		t.Fatalf("Changes after re-put = %+v, %d", got, now6)
	}
}

func testAll(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	if ts, v, err := s.All(ctx); err != nil || len(ts) != 0 || v != 0 {
		t.Fatalf("fresh store: All = %v, %d, %v", ts, v, err)
	}
	put(t, s, "g2", "z", `{"z":1}`)
	put(t, s, "g1", "b", `{"b":1}`)
	put(t, s, "g1", "a", `{"a":1}`)
	put(t, s, "g1", "gone", `{}`)
	if err := s.Delete(ctx, "g1", "gone"); err != nil {
		t.Fatal(err)
	}
	ts, v, err := s.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tl := range ts {
		got = append(got, tl.Guild+"/"+tl.Name+"="+string(tl.Body))
		if tl.Version <= 0 || tl.Updated.IsZero() {
			t.Errorf("All entry %+v lacks a version or time", tl)
		}
	}
	want := []string{`g1/a={"a":1}`, `g1/b={"b":1}`, `g2/z={"z":1}`}
	if !slices.Equal(got, want) {
		t.Fatalf("All = %q, want %q", got, want)
	}
	if _, now := changes(t, s, 0); v != now {
		t.Fatalf("All's version %d, Changes' %d", v, now)
	}
}

func testLimits(t *testing.T, b Backend) {
	s := fresh(t, b)
	ctx := t.Context()
	long := strings.Repeat("n", store.MaxNameLen)
	put(t, s, long, long, `{}`)
	get(t, s, long, long)
	setDefault(t, s, long, long, long)

	tooLong := long + "n"
	bad := []struct {
		what        string
		guild, name string
		want        error
	}{
		{"long name", "g", tooLong, store.ErrNameTooLong},
		{"long guild", tooLong, "n", store.ErrNameTooLong},
		{"empty name", "g", "", store.ErrInvalidName},
		{"empty guild", "", "n", store.ErrInvalidName},
		{"NUL in name", "g", "a\x00b", store.ErrInvalidName},
		{"NUL in guild", "g\x00", "n", store.ErrInvalidName},
		{"invalid UTF-8", "g", "a\xffb", store.ErrInvalidName},
	}
	for _, c := range bad {
		if _, err := s.Put(ctx, c.guild, c.name, []byte(`{}`)); !errors.Is(err, c.want) {
			t.Errorf("Put with %s: %v, want %v", c.what, err, c.want)
		}
		if _, err := s.Get(ctx, c.guild, c.name); !errors.Is(err, c.want) {
			t.Errorf("Get with %s: %v, want %v", c.what, err, c.want)
		}
		if err := s.Delete(ctx, c.guild, c.name); !errors.Is(err, c.want) {
			t.Errorf("Delete with %s: %v, want %v", c.what, err, c.want)
		}
	}
	if err := s.SetDefault(ctx, "g", tooLong, ""); !errors.Is(err, store.ErrNameTooLong) {
		t.Errorf("SetDefault with a long channel: %v", err)
	}
	if _, err := s.Default(ctx, "g", "c\x00"); !errors.Is(err, store.ErrInvalidName) {
		t.Errorf("Default with NUL in the channel: %v", err)
	}
	if _, err := s.List(ctx, ""); !errors.Is(err, store.ErrInvalidName) {
		t.Errorf("List of guild \"\": %v", err)
	}
	if _, err := s.Put(ctx, "g", "n", nil); !errors.Is(err, store.ErrEmptyBody) {
		t.Errorf("Put with no body: %v", err)
	}
	_, err := s.Put(ctx, "g", "n", make([]byte, store.MaxBodySize+1))
	if !errors.Is(err, store.ErrBodyTooLarge) {
		t.Errorf("Put of MaxBodySize+1 bytes: %v", err)
	} else if !strings.Contains(err.Error(), fmt.Sprint(store.MaxBodySize)) {
		t.Errorf("error %q does not say the limit", err)
	}
	if left := names(mustList(t, s, "g")); len(left) != 0 {
		t.Errorf("a refused Put left %q", left)
	}
}

func mustList(t *testing.T, s store.Store, guild string) []store.Timeline {
	t.Helper()
	ls, err := s.List(t.Context(), guild)
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

func testLargeBody(t *testing.T, b Backend) {
	s := fresh(t, b)
	body := make([]byte, store.MaxBodySize)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(body)
	body[0], body[len(body)-1] = 0, 0 // NUL bytes too, at the edges
	if _, err := s.Put(t.Context(), "g", "big", body); err != nil {
		t.Fatal(err)
	}
	if got := get(t, s, "g", "big"); !bytes.Equal(got.Body, body) {
		t.Fatalf("Get returned %d bytes, not the %d put", len(got.Body), len(body))
	}
	ts, _, err := s.All(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || !bytes.Equal(ts[0].Body, body) {
		t.Fatal("All did not return the body byte for byte")
	}
}

func testReopen(t *testing.T, b Backend) {
	openIt := b.New(t)
	s, err := openIt()
	if err != nil {
		t.Fatal(err)
	}
	p := put(t, s, "g", "kept", `{"kept":true}`)
	put(t, s, "g", "gone", `{}`)
	if err := s.Delete(t.Context(), "g", "gone"); err != nil {
		t.Fatal(err)
	}
	setDefault(t, s, "g", "c", "kept")
	_, before := changes(t, s, 0)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, openIt)
	if got := get(t, s, "g", "kept"); string(got.Body) != `{"kept":true}` || got.Version != p.Version || !got.Updated.Equal(p.Updated) {
		t.Fatalf("after reopening: %+v, want %+v", got, p)
	}
	if _, err := s.Get(t.Context(), "g", "gone"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted timeline after reopening: %v", err)
	}
	wantDefault(t, s, "g", "c", "kept")
	chs, after := changes(t, s, 0)
	if after != before || len(chs) != 2 || !chs[1].Deleted {
		t.Fatalf("changes after reopening: %+v, version %d; before %d", chs, after, before)
	}
	if v := put(t, s, "g", "new", `{}`).Version; v != before+1 {
		t.Fatalf("version after reopening %d, want %d", v, before+1)
	}
}

// hammer puts n timelines from each of several goroutines into the handles,
// some under shared names, and checks that every version is distinct and
// every write is kept.
func hammer(t *testing.T, handles ...store.Store) {
	const writers, n = 4, 25
	var (
		mu       sync.Mutex
		versions = map[int64]bool{}
		wg       sync.WaitGroup
	)
	for w := range writers {
		for hi, s := range handles {
			wg.Go(func() {
				for i := range n {
					name := fmt.Sprintf("h%d-w%d-%02d", hi, w, i)
					if i%5 == 0 {
						name = "shared" // everyone replaces this one
					}
					tl, err := s.Put(t.Context(), "g", name, fmt.Appendf(nil, `{"i":%d}`, i))
					if err != nil {
						t.Errorf("Put(%q): %v", name, err)
						return
					}
					mu.Lock()
					if versions[tl.Version] {
						t.Errorf("version %d given twice", tl.Version)
					}
					versions[tl.Version] = true
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	total := writers * n * len(handles)
	distinct := writers*(n-n/5)*len(handles) + 1
	for _, s := range handles {
		if ls := mustList(t, s, "g"); len(ls) != distinct {
			t.Fatalf("List has %d timelines, want %d", len(ls), distinct)
		}
		chs, now := changes(t, s, 0)
		if now != int64(total) || len(chs) != distinct {
			t.Fatalf("after %d puts: version %d and %d changes, want %d and %d", total, now, len(chs), total, distinct)
		}
		for i := 1; i < len(chs); i++ {
			if chs[i].Version <= chs[i-1].Version {
				t.Fatalf("changes out of order: %+v then %+v", chs[i-1], chs[i])
			}
		}
		if chs[len(chs)-1].Version != now {
			t.Fatalf("last change %+v, version now %d", chs[len(chs)-1], now)
		}
	}
}

func testConcurrentPuts(t *testing.T, b Backend) {
	hammer(t, fresh(t, b))
}

func testTwoHandles(t *testing.T, b Backend) {
	openIt := b.New(t)
	first := open(t, openIt)
	start := time.Now()
	second, err := openIt()
	if b.Exclusive {
		if err == nil {
			second.Close()
			t.Fatal("a second handle opened on an exclusive backend")
		}
		if !errors.Is(err, store.ErrLocked) {
			t.Fatalf("second open: %v, want ErrLocked", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("second open took %v to fail", d)
		}
		t.Logf("second open failed as it should, after %v: %v", time.Since(start).Round(time.Millisecond), err)
		return
	}
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	t.Cleanup(func() { second.Close() })

	// A process sees another's uploads and deletions by polling.
	_, seen := changes(t, second, 0)
	put(t, first, "g", "from-first", `{"a":1}`)
	chs, now := changes(t, second, seen)
	if len(chs) != 1 || chs[0].Name != "from-first" || chs[0].Deleted {
		t.Fatalf("the second handle saw %+v", chs)
	}
	if got := get(t, second, "g", "from-first"); string(got.Body) != `{"a":1}` {
		t.Fatalf("the second handle read %q", got.Body)
	}
	if err := second.Delete(t.Context(), "g", "from-first"); err != nil {
		t.Fatal(err)
	}
	if chs, _ := changes(t, first, now); len(chs) != 1 || !chs[0].Deleted {
		t.Fatalf("the first handle saw %+v", chs)
	}

	// Several processes starting at once, on a fresh database, all get
	// their tables.
	openAgain := b.New(t)
	var wg sync.WaitGroup
	opened := make([]store.Store, 4)
	for i := range opened {
		wg.Go(func() {
			s, err := openAgain()
			if err != nil {
				t.Errorf("concurrent open %d: %v", i, err)
				return
			}
			opened[i] = s
		})
	}
	wg.Wait()
	for _, s := range opened {
		if s != nil {
			t.Cleanup(func() { s.Close() })
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	hammer(t, opened[0], opened[1])
}

func testClosed(t *testing.T, b Backend) {
	openIt := b.New(t)
	s := open(t, openIt) // closed again by the cleanup: closing twice is fine
	put(t, s, "g", "a", `{}`)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Get(ctx, "g", "a"); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := s.Put(ctx, "g", "b", []byte(`{}`)); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v, want context.Canceled", err)
	}
	get(t, s, "g", "a") // the handle still works

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(t.Context(), "g", "a"); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Get after Close: %v, want ErrClosed", err)
	}
	if _, err := s.Put(t.Context(), "g", "a", []byte(`{}`)); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Put after Close: %v, want ErrClosed", err)
	}
	if _, _, err := s.Changes(t.Context(), 0); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Changes after Close: %v, want ErrClosed", err)
	}
}
