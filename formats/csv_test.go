package formats

import (
	"strings"
	"testing"
)

// TestCSVMadeUp reads an invented TimelineJS sheet: columns in another
// order and case, an unknown column, a title row, an era row, a blank row,
// a span, a Display Date listing two dates, a cell over two lines, HTML,
// and what is reported: media, a background, groups, a time, a row without
// text, an unknown type. Rows are counted as the spreadsheet shows them.
func TestCSVMadeUp(t *testing.T) {
	got, rep := importFile(t, "testdata/timelinejs_sheet.csv", TimelineJSCSV, Options{})
	checkWant(t, got, "testdata/timelinejs_sheet.want.json")
	wantSkipped(t, rep, 1, `the column "Notes"`, "not a column")
	wantSkipped(t, rep, 2, "the Media \"https://example.org/lanterns.jpg\" of the title row", "no media")
	wantSkipped(t, rep, 3, `the era "The age of candles"`, "no eras")
	wantSkipped(t, rep, 4, `the group "Early years" (2 events)`, "no groups")
	wantSkipped(t, rep, 5, `Media credit "Harbor archive"`, "no media")
	wantSkipped(t, rep, 5, "the Background of event 2", "no backgrounds")
	wantSkipped(t, rep, 5, "the time of day of 1 row", "days")
	wantSkipped(t, rep, 9, "the text of event 5", "the headline stands in")
	wantSkipped(t, rep, 10, `the type "slide"`, "read as an entry")
}

func TestCSVErrors(t *testing.T) {
	wantErrors(t, importErrors(t, "testdata/timelinejs_errors.csv", TimelineJSCSV),
		`title: is missing (the source gives none: set Options.Title)`,
		`source.name: is missing (set Options.Source)`,
		`row 3: event 2 ("Bad month"): dates[0]: "2002-14" is not a date: month must be 01 to 12`,
		`row 4: event 3 ("No year"): Year: has no year`,
		`row 5: not CSV (line 5, column 32 of the file): extraneous or missing " in quoted-field`)

	errs := importErrorsString(t, "Date,Title\n2016,x\n", TimelineJSCSV)
	if len(errs) != 1 || errs[0].Row != 1 || !strings.Contains(errs[0].Msg, "header row") {
		t.Errorf("errors %v", errs)
	}
	// With the title given, a sheet without a title row imports.
	got, _ := importString(t, "year,headline,text\n2016,One,Text\n", TimelineJSCSV, Options{Title: "Given"})
	if got.Title != "Given" || got.Source.Name != "Given" || len(got.Events) != 1 {
		t.Errorf("got %+v", got)
	}
}
