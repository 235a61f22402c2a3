//! `figure/*`: unsupported and vaguely attributed figures, the many supported
//! and non-figure numbers that must stay silent, and the sample corpus.

mod common;

use common::{check, findings};

#[test]
fn unsupported_figures_of_every_kind() {
    // Lines 10–15 are supported: a marker, a link, a parenthetical citation,
    // an attribution to a named source, and a citation on the next sentence
    // that refers back to the figure. Line 4's next sentence cites something else.
    assert_eq!(
        findings("figure/unsupported.md", "figure"),
        [
            "figure/unsupported:3:14 per cent",
            "figure/unsupported:4:£212,000",
            "figure/unsupported:5:46 km",
            "figure/unsupported:6:96",
            "figure/unsupported:7:57 swimmers",
            "figure/unsupported:8:third-busiest",
            "figure/unsupported:9:six MiG-29 fighter jets",
        ]
    );
    // One diagnostic per sentence; the other figures are shown beside it.
    let (_, v) = check(&["--select", "figure", "tests/fixtures/figure/unsupported.md"], true);
    let multi = v["diagnostics"].as_array().unwrap().iter().find(|d| d["start"]["line"] == 9).unwrap();
    let related: Vec<&str> =
        multi["related"].as_array().unwrap().iter().map(|r| r["message"].as_str().unwrap()).collect();
    assert_eq!(related, ["ratio with no source", "count with no source"]);
    assert!(multi["message"].as_str().unwrap().contains("`three times` (ratio)"));
}

#[test]
fn ranges_are_one_figure() {
    // A range reads whole, with its unit, a hyphenated scale included; a
    // season written "2021-22" is no range.
    assert_eq!(
        findings("figure/unsupported.ranges.txt", "figure"),
        [
            "figure/unsupported:3:1.5–2 million tonnes",
            "figure/unsupported:5:12-18%",
            "figure/unsupported:7:40 to 60 volunteers",
            "figure/unsupported:9:$25-million",
            "figure/unsupported:11:£2–3 million",
            "figure/unsupported:15:3,400 supporters",
            "figure/unsupported:17:300 people",
        ]
    );
}

#[test]
fn issue_references_cite() {
    // References in the sentence, after it, or after a credit; a
    // parenthesis that names nothing does not.
    assert_eq!(findings("figure/unsupported.references.md", "figure"), ["figure/unsupported:12:90,000 visitors"]);
}

#[test]
fn the_sentences_around_a_figure() {
    // Lines 3 and 5 go on with the previous sentence's named source; line 7
    // opens with "This" after a sentence that names none; a date in
    // parentheses (line 9) cites nothing; "100% rye" and "remain 100%
    // behind" are manners of speaking, "the 1.5 °C limit" a named goal;
    // "100% of its apples" is a share.
    assert_eq!(
        findings("figure/unsupported.context.md", "figure"),
        ["figure/unsupported:7:80,000 passengers", "figure/unsupported:9:3,000 people", "figure/unsupported:15:100%"]
    );
}

#[test]
fn pull_quotes_restate() {
    // A short paragraph of one sentence whose figures were stated before
    // (a pull quote, a summary line) is no new claim; list items are, even
    // when inside an HTML paragraph.
    assert_eq!(
        findings("figure/unsupported.restated.md", "figure"),
        [
            "figure/unsupported:7:12,000 pies",
            "figure/unsupported:13:9,000 cars",
            "figure/unsupported:17:9,000 source packages",
            "figure/unsupported:18:9,000 source packages",
        ]
    );
    assert_eq!(
        findings("figure/unsupported.restated.html", "figure"),
        ["figure/unsupported:6:9,000 source packages", "figure/unsupported:7:9,000 source packages"]
    );
}

#[test]
fn vague_attributions() {
    // The Met Office is a named source.
    assert_eq!(
        findings("figure/vague-attribution.txt", "figure"),
        [
            "figure/vague-attribution:1:70%",
            "figure/vague-attribution:2:120,000 people",
            "figure/vague-attribution:3:3,000 homes"
        ]
    );
}

#[test]
fn shares_written_in_words() {
    // Lines 3–9 state shares; line 9 names its source. Lines 10–16 are time,
    // distance, idioms, a year, a voting threshold and "the second half".
    // Line 17: "twice as many" is a ratio ("printed twice" is not: traps).
    // Line 19: "a third party" is an ordinal; line 21 a share again.
    assert_eq!(
        findings("figure/unsupported.proportions.md", "figure"),
        [
            "figure/unsupported:3:two-thirds",
            "figure/unsupported:4:by a third",
            "figure/unsupported:5:Three out of ten",
            "figure/unsupported:6:More than half",
            "figure/unsupported:7:A quarter of",
            "figure/vague-attribution:8:by a fifth",
            "figure/unsupported:17:twice",
            "figure/unsupported:21:by a fifth",
        ]
    );
}

#[test]
fn numbers_that_are_not_unsupported_figures() {
    // Identifiers, years, clock times, titles, tables with a source line,
    // cited figures and figures inside notes.
    assert_eq!(findings("figure/traps.md", "figure"), Vec::<String>::new());
}

#[test]
fn the_dense_paragraph_rule_is_opt_in() {
    // Five figures and one citation in the first paragraph; each cited in the second.
    assert_eq!(
        findings("figure/figure-dense-paragraph.md", "figure/figure-dense-paragraph"),
        ["figure/figure-dense-paragraph:1:9%"]
    );
    let (_, v) = check(&["tests/fixtures/figure/figure-dense-paragraph.md"], true);
    assert!(v["diagnostics"].as_array().unwrap().iter().all(|d| d["rule"] != "figure/figure-dense-paragraph"));
}

#[test]
fn the_cue_lists_are_valid() {
    let text = std::fs::read_to_string("checks/figures.toml").unwrap();
    let cues = corpuslint::rules::figure::Cues::parse(&[("checks/figures.toml", &text)]).unwrap();
    assert!(cues.phrases.iter().any(|p| p == "according to"));
    assert!(cues.vague_subjects.iter().any(|p| p == "experts"));
    assert_eq!(text, corpuslint::rules::figure::DEFAULT_CUES);
}

#[test]
fn sample_corpus() {
    let (_, v) = check(&["--select", "figure", "corpus"], true);
    let diags = v["diagnostics"].as_array().unwrap();
    let in_002: Vec<String> = diags
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("002_"))
        .map(|d| format!("{} {}", d["snippet"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    for figure in ["90 percent", "€400 million", "31.5 billion cubic meters", "€50 million", "67 known oil fields"]
    {
        assert!(in_002.iter().any(|d| d.contains(figure)), "{figure} not flagged: {in_002:#?}");
    }
    // The survey that names its source is supported.
    assert!(!in_002.iter().any(|d| d.contains("survey")));
    let vague = diags.iter().find(|d| d["rule"] == "figure/vague-attribution").unwrap();
    assert!(vague["path"].as_str().unwrap().contains("004_") && vague["snippet"] == "120,000 people");
    assert!(
        diags.iter().all(|d| !d["path"].as_str().unwrap().contains("001_")),
        "the cited sentences of 001 are clean"
    );
}
