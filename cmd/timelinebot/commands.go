package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/timelinebot/timelinebot/answer"
)

// command is one subcommand. The table of them is the one list of what
// the program does: dispatch, the usage, each command's help and the
// shell completions are all read from it.
type command struct {
	name string
	args string // the positional arguments, as usage writes them
	// summary is one line for the usage; more, if set, follows it in the
	// command's own help.
	summary, more string
	// min and max bound the positional arguments; max -1 is any number,
	// joined into one text ("date March 2, 2017" unquoted is one date).
	min, max int
	// limit says the command takes --limit; addr, --addr; format,
	// --format for what it reads or writes; synthetic, --events and
	// --seed.
	limit, addr, format, synthetic bool
	// noJSON says the command prints no answer, so takes no --json.
	noJSON bool
	// examples are argument lists that work on the loaded timeline.
	examples func(x answer.Examples) []string
	run      func(ctx context.Context, inv *invocation, args []string) error
}

// commands is the table, in the order usage lists them. It is filled in
// by init because two of its commands, help and completion, read it.
var commands []command

func init() {
	commands = []command{
		{
			name: "ask", args: "QUESTION", summary: "answer a question in plain words",
			more: `"-" reads one question a line from standard input and answers each in turn.`,
			min:  1, max: -1, run: runAsk,
			examples: func(x answer.Examples) []string {
				return []string{quote(x.Question), quote(x.Count), quote("what is this timeline about?")}
			},
		},
		{
			name: "search", args: "WORDS", summary: "the entries that match keywords, best first",
			min: 1, max: -1, limit: true, run: runSearch,
			examples: func(x answer.Examples) []string { return []string{quote(x.Keyword), "--limit 3 " + quote(x.Keyword)} },
		},
		{
			name: "date", args: "WHEN", summary: "what happened on a day, in a month or a year",
			min: 1, max: -1, run: runDate,
			examples: func(x answer.Examples) []string { return []string{quote(x.Day), quote(x.Month), x.Year} },
		},
		{
			name: "between", args: "FROM TO", summary: "what happened from one date to another, both included",
			min: 2, max: 2, run: runBetween,
			examples: func(x answer.Examples) []string { return []string{quote(x.Month) + " " + quote(x.Year)} },
		},
		{
			name: "timeline", summary: "the whole timeline in order",
			run:      runTimeline,
			examples: func(answer.Examples) []string { return []string{""} },
		},
		{
			name: "validate", args: "FILE", summary: "check a timeline file and list every problem in it",
			min: 1, max: 1, run: runValidate,
			examples: func(answer.Examples) []string { return []string{"my-timeline.json"} },
		},
		{
			name: "import", args: "FILE", summary: "read a timeline in any format and write it in this program's JSON",
			more: `Formats: the project's JSON, TimelineJS JSON and its Google Sheet as CSV, iCalendar, Markdown and articles whose paragraphs open with a date ("March 2, 2017: ..."), told by the file's name and content or by --format. What is not an entry is listed on standard error, with its line and why. "-" reads standard input.`,
			min:  1, max: 1, noJSON: true, format: true, run: runImport,
			examples: func(answer.Examples) []string {
				return []string{"article.txt > timeline.json", "--format timelinejs-csv sheet.csv"}
			},
		},
		{
			name: "export", summary: "write the timeline as TimelineJS, iCalendar or Markdown, to publish it",
			min: 0, max: 0, noJSON: true, format: true, run: runExport,
			examples: func(answer.Examples) []string {
				return []string{"--format timelinejs > timeline.json", "--format ics > timeline.ics"}
			},
		},
		{
			name: "gen", summary: "write a synthetic timeline, for trying big ones",
			more:   `--events N entries (default 10000) of news-like text, names, quotes and dates, the same for the same --seed.`,
			noJSON: true, synthetic: true, run: runGen,
			examples: func(answer.Examples) []string { return []string{"--events 100000 > big.json"} },
		},
		{
			name: "bench", summary: "measure the index build and every kind of question on a synthetic timeline",
			more:      `Builds --events N entries (default 10000), asks a fixed mix of every kind of question alone and by 200 askers at once, and the bot's handler, then times a restart from a kept index (built in a bench directory of --index-dir, else a temporary one, and removed after), and prints the times.`,
			synthetic: true, run: runBench,
			examples: func(answer.Examples) []string { return []string{"--events 100000", "--json --events 1000"} },
		},
		{
			name: "completion", args: "SHELL", summary: "print a completion script for bash, zsh or fish", noJSON: true,
			more: `Load it with: source <(timelinebot completion bash)`,
			min:  1, max: 1, run: runCompletion,
			examples: func(answer.Examples) []string { return []string{"bash", "zsh", "fish"} },
		},
		{
			name: "serve", summary: "answer Discord's HTTP interactions (needs DISCORD_PUBLIC_KEY)",
			more: `Listens on --addr or INTERACTIONS_ADDR (default :8080) for POST /interactions, with GET /livez, /readyz and /metrics. Set the application's Interactions Endpoint URL to https://YOUR-HOST/interactions. With DISCORD_TOKEN set it registers the commands too. Mentions and DMs come only over the gateway: run the bot for those.`,
			addr: true, noJSON: true, run: runServe,
			examples: func(answer.Examples) []string { return []string{"", "--addr 127.0.0.1:8080"} },
		},
		{
			name: "version", summary: "print the version of this program", noJSON: true,
			run:      runVersion,
			examples: func(answer.Examples) []string { return []string{""} },
		},
		{
			name: "help", args: "[COMMAND]", summary: "this help, or a command's own with examples", noJSON: true,
			min: 0, max: 1, run: runHelp,
			examples: func(answer.Examples) []string { return []string{"", "ask"} },
		},
	}
}

// hidden are commands the usage does not list: what the completion
// scripts ask of the program.
var hidden = []command{{name: "__titles", max: 0, run: runTitles}}

// lookupCommand is the command named name, if there is one.
func lookupCommand(name string) (*command, bool) {
	for _, table := range [][]command{commands, hidden} {
		for i := range table {
			if table[i].name == name {
				return &table[i], true
			}
		}
	}
	return nil, false
}

// synopsis is the command's usage line.
func (c *command) synopsis() string {
	s := "timelinebot " + c.name
	if !c.noJSON {
		s += " [--json]"
	}
	if c.limit {
		s += " [--limit N]"
	}
	if c.addr {
		s += " [--addr HOST:PORT]"
	}
	if c.format {
		s += " [--format F]"
	}
	if c.synthetic {
		s += " [--events N] [--seed S]"
	}
	if c.args != "" {
		s += " " + c.args
	}
	return s
}

// checkArgs says what is wrong with the number of arguments, if anything.
func (c *command) checkArgs(args []string) error {
	if len(args) >= c.min && (c.max < 0 || len(args) <= c.max) && (c.max >= 0 || strings.TrimSpace(strings.Join(args, " ")) != "") {
		return nil
	}
	var want string
	switch {
	case c.max == 0:
		want = "takes nothing more"
	case c.max < 0:
		want = "needs " + strings.ToLower(c.args)
	case c.min == c.max && c.min == 2:
		want = "takes two: " + c.args
	default:
		want = "takes " + c.args
	}
	return &usageError{msg: fmt.Sprintf("%s %s", c.name, want), command: c}
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// usage is the program's usage, read from the table.
func usage() string {
	var b strings.Builder
	b.WriteString("timelinebot answers questions about a dated timeline.\n\nUsage:\n")
	rows := [][2]string{{"timelinebot", "run the Discord bot (needs DISCORD_TOKEN)"}}
	for _, c := range commands {
		rows = append(rows, [2]string{c.synopsis(), c.summary})
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r[0], r[1])
	}
	b.WriteString(`
Flags, anywhere on the line ("--" ends them):
  --timeline FILE   answer from this timeline instead of the built-in one (or TIMELINE_FILE)
  --json            print one JSON object: the answer, or {"query", "error": {"code", "message"}}
  --limit N         search: the most entries to list (default 5)
  --addr HOST:PORT  serve: where to listen (or INTERACTIONS_ADDR; default :8080)
  --format F        the format of the timeline read, or for export written: json,
                    article, markdown, timelinejs, timelinejs-csv or ics
  --index-dir DIR   keep indexes there, reused by the next start (or INDEX_DIR)
  --offset N        the first entry to print of an answer's (100 at a time)
  --events N        gen, bench: entries of the synthetic timeline (default 10000)
  --seed S          gen, bench: its seed (default 1)
  --version         print the version and exit

Run 'timelinebot help COMMAND' for a command's examples.
`)
	return b.String()
}

// commandHelp is a command's own help, with examples from the timeline.
func commandHelp(c *command, x *answer.Examples) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n%s.", c.synopsis(), capitalizeFirst(c.summary))
	if c.more != "" {
		b.WriteString(" " + c.more)
	}
	b.WriteString("\n")
	if x != nil {
		b.WriteString("\nExamples:\n")
		for _, ex := range c.examples(*x) {
			fmt.Fprintf(&b, "  %s\n", strings.TrimSpace("timelinebot "+c.name+" "+ex))
		}
	}
	return b.String()
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// suggest is the command nearest to a mistyped name, or "".
func suggest(name string) string {
	best, bestDist := "", 3
	for _, c := range commands {
		if d := editDistance(name, c.name); d < bestDist {
			best, bestDist = c.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
