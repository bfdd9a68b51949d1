package formats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvColumns are the columns of the TimelineJS Google Sheet template.
var csvColumns = setOf("year", "month", "day", "time", "end year", "end month", "end day", "end time",
	"display date", "headline", "text", "media", "media credit", "media caption", "media thumbnail", "type",
	"group", "background")

// readCSV reads the TimelineJS Google Sheet saved as CSV. Columns are found
// by their header (in any case and order); a row's number is the one the
// spreadsheet shows, the header being row 1. A row of type "title" gives
// the title and lede; "era" rows are reported, as TimelineJS's eras are.
func readCSV(raw []byte, o Options) *draft {
	d := &draft{rows: true}
	r := csv.NewReader(bytes.NewReader(bytes.ToValidUTF8(raw, []byte("\uFFFD"))))
	r.FieldsPerRecord = -1 // a sheet's rows end where their last cell does
	header, err := r.Read()
	if err != nil {
		msg := csvMessage(err)
		if errors.Is(err, io.EOF) {
			msg = "the file is empty: want the TimelineJS sheet's header row"
		}
		d.stop(&Error{Row: 1, Msg: msg})
		return d
	}
	cols := map[string]int{}
	for i, h := range header {
		key := strings.ToLower(strings.Join(strings.Fields(h), " "))
		switch {
		case key == "":
		case !csvColumns[key]:
			d.skip(1, fmt.Sprintf("the column %q", h), "not a column of the TimelineJS sheet")
		case hasKey(cols, key):
			d.skip(1, fmt.Sprintf("the second column %q", h), "the sheet has it already: the first is read")
		default:
			cols[key] = i
		}
	}
	if !hasKey(cols, "year") || !hasKey(cols, "headline") {
		d.stop(&Error{Row: 1, Msg: "no Year or no Headline column: not the TimelineJS sheet's header row"})
		return d
	}
	groups, times := &tally{}, &tally{}
	row, num := 1, 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		row++
		if err != nil {
			d.fail(row, 0, "", "", csvMessage(err))
			break
		}
		cell := func(name string) string {
			i, ok := cols[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank row holds nothing
		}
		headline, dropped := htmlText(cell("headline"))
		headline = strings.ReplaceAll(headline, "\n", " ")
		text, dropped2 := htmlText(cell("text"))
		dropped = append(dropped, dropped2...)
		media := csvMedia(cell)
		switch typ := strings.ToLower(cell("type")); typ {
		case "title":
			if d.titleAt != 0 {
				d.skip(row, fmt.Sprintf("the title row %q", clip(headline, 60)), fmt.Sprintf("the title is row %d's", d.titleAt))
				continue
			}
			d.tl.Title, d.tl.Lede, d.titleAt = headline, text, row
			d.reportDropped(row, "the title row", dropped)
			if media != "" {
				d.skip(row, "the "+media+" of the title row", "a timeline has no media")
			}
			continue
		case "era":
			d.skip(row, fmt.Sprintf("the era %q", clip(headline, 60)), "a timeline has no eras (spans TimelineJS shades behind the entries)")
			continue
		case "":
		default:
			d.skip(row, fmt.Sprintf("the type %q", cell("type")), "not a TimelineJS type (title, era or none): the row is read as an entry")
		}
		num++
		e := fileEvent{Title: headline, Text: text}
		name := fmt.Sprintf("event %d (%q)", num, clip(headline, 60))
		start := &tjsDate{Year: jsonString(cell("year")), Month: jsonString(cell("month")), Day: jsonString(cell("day"))}
		var end *tjsDate
		if cell("end year") != "" || cell("end month") != "" || cell("end day") != "" {
			end = &tjsDate{Year: jsonString(cell("end year")), Month: jsonString(cell("end month")), Day: jsonString(cell("end day"))}
			if cell("end year") == "" {
				d.fail(row, num, headline, "End Year", "is empty, but End Month or End Day is not")
				continue
			}
		}
		if cell("time") != "" || cell("end time") != "" {
			times.add("time of day", row)
		}
		date, field, err := slideDate(start, end, times, row)
		if err != nil {
			col := map[string]string{"start_date": "Year", "end_date": "End Year"}[field]
			d.fail(row, num, headline, col, err.Error())
			continue
		}
		e.Dates = []string{date}
		if shown := cell("display date"); shown != "" {
			if list, ok := readDateList(shown); ok && list[0] == date {
				e.Dates = list
			} else {
				d.skip(row, fmt.Sprintf("the Display Date %q of %s", shown, name), "what TimelineJS shows in place of the date, but not the same dates: the entry keeps its Year, Month and Day")
			}
		}
		if media != "" {
			d.skip(row, fmt.Sprintf("the %s of %s", media, name), "a timeline has no media")
		}
		if cell("background") != "" {
			d.skip(row, fmt.Sprintf("the Background of %s", name), "a timeline has no backgrounds")
		}
		if g := cell("group"); g != "" {
			groups.add(g, row)
		}
		d.reportDropped(row, name, dropped)
		d.textFallback(&e, row, num, e.Title, "the headline")
		d.add(e, place{line: row, num: num})
	}
	groups.flush(d, func(k string, n int) string { return fmt.Sprintf("the group %q (%s)", k, plural(n, "event")) },
		func(string) string { return "a timeline has no groups: its entries are kept, without the group" })
	times.flush(d, func(k string, n int) string { return fmt.Sprintf("the %s of %s", k, plural(n, "row")) },
		func(string) string { return "a timeline's dates are days: the time is dropped" })
	return d
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

func jsonString(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	b, _ := json.Marshal(s)
	return b
}

// csvMedia names the media cells a row fills.
func csvMedia(cell func(string) string) string {
	var parts []string
	for _, c := range []string{"media", "media credit", "media caption", "media thumbnail"} {
		if v := cell(c); v != "" {
			parts = append(parts, fmt.Sprintf("%s %q", strings.ToUpper(c[:1])+c[1:], clip(v, 60)))
		}
	}
	return strings.Join(parts, ", ")
}

// csvMessage is a CSV syntax error without its own line count: the error
// names the row.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("not CSV (line %d, column %d of the file): %v", pe.Line, pe.Column, pe.Err)
	}
	return err.Error()
}
