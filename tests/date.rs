//! `date/*`: one fixture per rule with the near misses that must stay silent,
//! the events calendar's own validity, and the sample corpus.

mod common;

use common::{check, findings, findings_with_config, findings_with_related};
use corpuslint::rules::date::{calendar::Calendar, civil};

#[test]
fn weekday_mismatch_suggests_both_readings() {
    // 14 October 2023 was a Saturday; "Saturday 16 March and Sunday 17 March 2024" borrows its year.
    assert_eq!(findings("date/weekday-mismatch.md", "date"), ["date/weekday-mismatch:5:Wednesday 20 April 2023"]);
    let (_, v) = check(&["--select", "date", "tests/fixtures/date/weekday-mismatch.md"], true);
    let help = v["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains("19 April 2023") && help.contains("26 April 2023"), "{help}");
}

#[test]
fn impossible_dates() {
    assert_eq!(
        findings("date/impossible.txt", "date"),
        ["date/impossible:1:31 June 2021", "date/impossible:2:29 February 2019", "date/impossible:4:2022-13-05"]
    );
}

#[test]
fn dates_after_the_document_date_but_not_plans() {
    // Plans, deadlines and dates before publication are not reported.
    assert_eq!(
        findings("date/after-document-date.md", "date"),
        [
            "date/after-document-date:8:19 March 2024",
            "date/after-document-date:15:[photos](https://example.org/news/2024/04/11/roof-photos)"
        ]
    );
}

#[test]
fn an_inferred_document_date_checks_urls_and_says_so() {
    assert_eq!(
        findings("date/after-document-date.inferred.txt", "date"),
        ["date/after-document-date:6:https://www.example.com/2026/04/05/russia-sends-systems-for-drill"]
    );
    let (_, v) = check(&["--select", "date", "tests/fixtures/date/after-document-date.inferred.txt"], true);
    let notes = v["diagnostics"][0]["notes"].to_string();
    assert!(notes.contains("inferred from its latest dated note"), "{notes}");
    assert!(notes.contains("this one is a guess"), "{notes}");
    // A guess is a hint: one severity lower.
    assert_eq!(v["diagnostics"][0]["severity"], "info");
}

#[test]
fn a_guessed_date_leaves_a_year_for_the_writing() {
    // Latest mention 2015: a link of 2016 fits a page written then; one of
    // 2022 is reported.
    assert_eq!(
        findings("date/after-document-date.guess.md", "date"),
        ["date/after-document-date:6:[the later review](https://example.org/2022/05/cache-review)"]
    );
}

#[test]
fn stamps_of_the_copy_are_no_claims() {
    // "Downloaded from … on" and a footer's "Last updated on" stamp the copy.
    assert_eq!(findings("date/after-document-date.stamps.html", "date"), ["date/after-document-date:4:5 May 2021"]);
    // The line that set the document's date is shown as evidence.
    assert_eq!(
        findings_with_related("date/after-document-date.stamps.html", "date"),
        ["date/after-document-date after-document-date.stamps.html:4 → after-document-date.stamps.html:2"]
    );
    // A generated footer is furniture: its "Last updated on June 09, 2031"
    // is neither the document's date nor the latest date a guess takes, so
    // the page is guessed at 2009 and a link of 2014 is a hint.
    assert_eq!(
        findings("date/after-document-date.footer.html", "date"),
        ["date/after-document-date:3:<a href=\"https://example.org/2014/05/pier-photos\">photographs</a>"]
    );
    // "Version 2 … was released on" is a sentence, not the page's date line:
    // the document states no date, so the later date is not compared.
    assert!(findings("date/after-document-date.released.txt", "date").is_empty());
}

#[test]
fn calendar_mismatches_name_the_entry_and_the_real_dates() {
    assert_eq!(
        findings("date/event-calendar-mismatch.txt", "date"),
        [
            "date/event-calendar-mismatch:1:late 2022",
            "date/event-calendar-mismatch:2:April 2019",
            "date/event-calendar-mismatch:3:October 2016",
            "date/event-calendar-mismatch:4:August 2019",
            "date/event-calendar-mismatch:5:January 2019",
            "date/event-calendar-mismatch:12:October 2019",
            "date/event-calendar-mismatch:13:April 2024",
            "date/event-calendar-mismatch:14:June 2019",
        ]
    );
    let (_, v) = check(&["--select", "date", "tests/fixtures/date/event-calendar-mismatch.txt"], true);
    let first = &v["diagnostics"][0];
    assert!(first["message"].as_str().unwrap().contains("22–26 May 2022"));
    assert!(first["notes"][0].as_str().unwrap().contains("wef-annual-meeting"));
    assert_eq!(first["related"][0]["message"], "mention of the World Economic Forum annual meeting (Davos)");
}

#[test]
fn games_and_elections_on_the_calendar() {
    // Lines 3-5 and 7 are right: the polling day, the Games as held (Tokyo
    // 2020 in 2021), the first round of a two-round election.
    assert_eq!(
        findings("date/event-calendar-mismatch.games.txt", "date"),
        [
            "date/event-calendar-mismatch:1:July 2022",
            "date/event-calendar-mismatch:2:October 2016",
            "date/event-calendar-mismatch:6:October 2021",
        ]
    );
}

#[test]
fn a_yearless_past_mention_is_the_most_recent_one() {
    // Dated 10 March 2024: "met at the G7 summit in June" is June 2023 (the
    // summit was in May); "will meet … in June" is June 2024, right;
    // "COP28 in December" (past) is December 2023, right.
    assert_eq!(findings("date/event-calendar-mismatch.yearless.md", "date"), ["date/event-calendar-mismatch:7:June"]);
}

#[test]
fn eclipses_on_days_without_one() {
    // Lines 5–9 are right (line 7: the lunar eclipse of 28 September 2015
    // UTC, seen in the Americas on the evening of the 27th).
    assert_eq!(
        findings("date/event-calendar-mismatch.eclipses.txt", "date"),
        [
            "date/event-calendar-mismatch:1:2 August 2019",
            "date/event-calendar-mismatch:2:March 2022",
            "date/event-calendar-mismatch:3:30 May 2021",
        ]
    );
    let (_, v) = check(&["--select", "date", "tests/fixtures/date/event-calendar-mismatch.eclipses.txt"], true);
    let message = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("2 July 2019 in South Pacific, Chile, Argentina (total)"), "{message}");
}

#[test]
fn sources_dated_before_their_event() {
    // The Perseverance note postdates its event; the agreement note supports the
    // clause it closes (the number of devices), not the start date; plans are not events.
    assert_eq!(findings("date/source-predates-event.md", "date"), ["date/source-predates-event:6:3 December 2021"]);
    // A source named in the text tells of a later event (line 5); the
    // survey tells of an earlier one (7); a forecast is no event (9); and
    // "a statement issued in April 2022" tells of June (11); and
    // a plain-text endnote dated before its event (3) is found too, its
    // sentence's past tense read from an irregular verb ("burst").
    assert_eq!(
        findings("date/source-predates-event.named.txt", "date"),
        [
            "date/source-predates-event:5:3 February 2023",
            "date/source-predates-event:11:April 2022",
            "date/source-predates-event:15:2 March 2023"
        ]
    );
}

#[test]
fn anniversary_arithmetic() {
    assert_eq!(
        findings("date/anniversary-arithmetic.md", "date"),
        [
            "date/anniversary-arithmetic:3:64 years later",
            "date/anniversary-arithmetic:4:120th anniversary",
            "date/anniversary-arithmetic:9:25th anniversary",
            "date/anniversary-arithmetic:10:silver jubilee",
            "date/anniversary-arithmetic:11:centenary",
            "date/anniversary-arithmetic:12:three decades",
            "date/anniversary-arithmetic:21:13th regatta",
        ]
    );
}

#[test]
fn one_event_dated_differently_in_two_documents() {
    // Reported in the later-published document, pointing at the other one.
    assert_eq!(
        findings_with_related("date/conflicting-event-dates", "date"),
        [
            "date/conflicting-event-dates culture.md:3 → astronomy.md:3",
            "date/conflicting-event-dates culture.md:4 → astronomy.md:4"
        ]
    );
    // The same passage, with two dates in it, in two documents agrees.
    assert_eq!(findings_with_related("date/conflicting-event-dates.agree", "date"), Vec::<String>::new());
    // A release named by its number, dated to the month in one document and
    // to the day in the other; two events that share a place but not a verb
    // ("was held in …" against "was frozen … near the meeting in …") do not
    // link.
    assert_eq!(
        findings_with_related("date/conflicting-event-dates.releases", "date"),
        ["date/conflicting-event-dates timeline.md:5 → history.md:5"]
    );
    // A founding dated to two different years; a boathouse that names no
    // one, and a renaming (not a once-only event), are not compared.
    assert_eq!(
        findings_with_related("date/conflicting-event-dates.founded", "date"),
        ["date/conflicting-event-dates town.md:5 → club.md:5"]
    );
}

#[test]
fn the_events_calendar_is_valid() {
    let text = std::fs::read_to_string("checks/events.toml").unwrap();
    let calendar = Calendar::parse(&[("checks/events.toml", &text)]).expect("parses, with real dates");
    assert!(calendar.events.len() >= 8);
    let mut aliases = std::collections::HashMap::new();
    for e in &calendar.events {
        assert!(!e.source.is_empty(), "{} cites a source", e.id);
        for a in &e.aliases {
            if let Some(other) = aliases.insert(a.to_lowercase(), e.id.clone()).filter(|o| *o != e.id) {
                panic!("alias {a:?} is used by both {other} and {}", e.id);
            }
        }
        let mut last = i64::MIN;
        for o in &e.occurrences {
            // A month-long tournament at most: longer is a typo.
            assert!(o.start <= o.end && o.end - o.start <= 40, "{}: {} lasts {} days", e.id, o.place, o.end - o.start);
            assert!(o.start >= last, "{}: occurrences in date order", e.id);
            last = o.start;
        }
    }
    // Spot checks against well-known dates.
    let find = |id: &str, year: i64| {
        let e = calendar.events.iter().find(|e| e.id == id).unwrap();
        e.occurrences.iter().find(|o| civil::civil(o.start).0 == year).map(|o| civil::format_span(o.start, o.end))
    };
    assert_eq!(find("wef-annual-meeting", 2022).as_deref(), Some("22–26 May 2022"));
    assert_eq!(find("fifa-world-cup", 2022).as_deref(), Some("20 November – 18 December 2022"));
    assert_eq!(find("summer-olympics", 2021).as_deref(), Some("23 July – 8 August 2021"));
    assert_eq!(find("us-presidential-election", 2020).as_deref(), Some("3 November 2020"));
    assert_eq!(find("uk-general-election", 2019).as_deref(), Some("12 December 2019"));
    assert_eq!(find("munich-security-conference", 2019).as_deref(), Some("15–17 February 2019"));
    assert_eq!(find("g20-summit", 2021).as_deref(), Some("30–31 October 2021"));
    // The embedded copy is the file in checks/.
    assert_eq!(text, corpuslint::rules::date::calendar::DEFAULT);
}

#[test]
fn user_calendars_are_loaded_from_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ours.toml"),
        "[[event]]\nid = \"harvest-fair\"\nname = \"village harvest fair\"\naliases = [\"Harvest Fair\"]\nsource = \"parish newsletter\"\noccurrence = [{ start = 2021-09-18, end = 2021-09-18, place = \"green\" }]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("corpuslint.toml"), "calendars = [\"ours.toml\"]\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "The Harvest Fair on 25 September 2021 drew a crowd.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_corpuslint"))
        .current_dir(dir.path())
        .args(["check", "--select", "date", "--format", "jsonl", "."])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("date/event-calendar-mismatch") && text.contains("18 September 2021"), "{text}");
}

#[test]
fn sample_corpus() {
    let (_, v) = check(&["--select", "date", "corpus"], true);
    let diags = v["diagnostics"].as_array().unwrap();
    let davos = diags.iter().find(|d| d["rule"] == "date/event-calendar-mismatch").unwrap();
    assert!(davos["path"].as_str().unwrap().contains("000_") && davos["snippet"] == "late 2022");
    let url = diags.iter().find(|d| d["rule"] == "date/after-document-date").unwrap();
    assert!(
        url["path"].as_str().unwrap().contains("004_") && url["snippet"].as_str().unwrap().contains("/2026/04/05/")
    );
    // Correct dates stay silent: the seventy-fifth anniversary in 2019 of the 1944 liberation, and the rest.
    assert_eq!(diags.len(), 2, "{diags:#?}");
}

/// Every way of writing a date the family reads, in a table of paired
/// sentences: each line of `incorrect.txt` holds one wrong date (a weekday
/// that does not match, an impossible day, a range that ends before it
/// starts) and is reported; its twin in `correct.txt` is clean.
#[test]
fn date_forms_table() {
    let text = std::fs::read_to_string("tests/fixtures/date/weekday-mismatch.forms/incorrect.txt").unwrap();
    let expected: Vec<usize> =
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, _)| i + 1).collect();
    let mut lines: Vec<usize> = findings("date/weekday-mismatch.forms/incorrect.txt", "date")
        .iter()
        .map(|f| f.split(':').nth(1).unwrap().parse().unwrap())
        .collect();
    lines.dedup();
    assert_eq!(lines, expected, "{:?}", findings("date/weekday-mismatch.forms/incorrect.txt", "date"));
    assert_eq!(findings("date/weekday-mismatch.forms/correct.txt", "date"), Vec::<String>::new());
}

#[test]
fn a_weekday_without_a_year_is_checked_in_the_documents_year() {
    // Dated 20 December 2024: "Tuesday 5 December" is wrong for 2024;
    // "Friday 3 January" is the coming one, 2025, and right.
    assert_eq!(findings("date/weekday-mismatch.yearless.md", "date"), ["date/weekday-mismatch:7:Tuesday 5 December"]);
    let (_, v) = check(&["--select", "date", "tests/fixtures/date/weekday-mismatch.yearless.md"], true);
    let notes = v["diagnostics"][0]["notes"].to_string();
    assert!(notes.contains("taken from the document's date"), "{notes}");
}

#[test]
fn slashed_dates_take_the_documents_own_order() {
    // "25/03/2019" shows the document writes the day first, so "03/04/2019"
    // is 3 April (a Wednesday: right) and "05/04/2019" 5 April (a Friday,
    // not a Monday). Without such a date the ambiguous ones are not read.
    assert_eq!(findings("date/weekday-mismatch.order.txt", "date"), ["date/weekday-mismatch:7:Monday 05/04/2019"]);
}

#[test]
fn a_lexicon_sets_the_order_of_slashed_dates() {
    // The document shows no order: "03/04/2020" is not read by default, and
    // is 4 March (a Wednesday, not a Friday) in a month-first house style.
    assert_eq!(
        findings("date/weekday-mismatch.configured.txt", "date"),
        ["date/weekday-mismatch:5:Monday 25 March 2020"]
    );
    assert_eq!(
        findings_with_config("date/weekday-mismatch.configured.txt", "date", "config/date-month-first.toml"),
        [
            "date/weekday-mismatch weekday-mismatch.configured.txt:3",
            "date/weekday-mismatch weekday-mismatch.configured.txt:5"
        ]
    );
}
