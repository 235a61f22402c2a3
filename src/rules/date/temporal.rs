//! Temporal expressions: find dates in prose and URLs and normalise each to
//! an interval of days.
//!
//! The grammar is the table [`RULES`]: one row per form, written with shared
//! pieces (`{D}` day, `{M}` month, `{Y}` year, `{WD}` weekday, `{R}` range
//! dash), most specific first. All rows are compiled into one alternation to
//! find matches in a single pass (leftmost-first), then the row that produced
//! a match is re-run on its span to read the parts. Forms without a year, and
//! relative ones ("last year", "a few days ago"), are anchored to the
//! document's own date, never to today's: without an anchor they are skipped.
//! Bare years are kept only in contexts that make them years (`in 2008`,
//! `the 2023 harvest`), never in citations' `(1990)`, page ranges or
//! identifiers. The test table in `tests/temporal.rs` has one row per case.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::civil::{self, Day};
use crate::text::lexicon::{alternation, Lexicon};
use crate::text::numbers;

/// How precise an expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Season,
    Year,
    Decade,
    Century,
}

/// One temporal expression, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Byte range in the text given to [`extract`].
    pub range: Range<usize>,
    pub start: Day,
    pub end: Day,
    pub precision: Precision,
    /// The weekday written with it (0 = Monday), for the start day.
    pub weekday: Option<u32>,
    /// The year was written in the expression (not taken from the anchor).
    pub year_stated: bool,
    /// Relative to the document date ("last year", "a few days ago").
    pub relative: bool,
    /// A date that does not exist ("31 June 2021"): `start`/`end` are the
    /// month's span and `impossible` says why.
    pub impossible: Option<String>,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";
/// A month in any case ("3 december 2014", "MONDAY 3 DECEMBER 2014"): only
/// in rows with a year, where "may" and "march" cannot be the verbs.
const MONTH_ANY_CASE: &str = r"(?i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:1[5-9][0-9][0-9]|20[0-9][0-9])";
/// Weekday names in any case, abbreviated to three or four letters with or
/// without a full stop, or to two capitalised letters (`Mo`, `Th`).
const WEEKDAY: &str = r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)|Mo|Tu|We|Th|Fr|Sa|Su";
const WD: &str = r"(?:(?P<wd>{WEEKDAY})\.?,?\s+(?:the\s+)?)";
/// A weekday after the date: "7 October 2014, a Tuesday", "2021-07-02
/// (Friday)".
const WD_AFTER: &str = r"(?:,?\s+(?:a|an|which\s+was\s+a)\s+(?P<wd2>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?-u:\b)|\s*\((?P<wd3>{WEEKDAY})\.?\))";
const RANGE: &str =
    r"\s*(?:–|—|-|(?-u:\b)to(?-u:\b)|(?-u:\b)until(?-u:\b)|(?-u:\b)till(?-u:\b)|(?-u:\b)through(?-u:\b))\s*";
const MOD: &str = r"(?P<mod>(?i:early|mid|late|the\s+beginning\s+of|the\s+start\s+of|the\s+end\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of))";
const SEASON: &str = r"(?P<season>(?i:spring|summer|autumn|fall|winter))";

/// What a row builds from its captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// d1 m1 – d2 m2 y1, m1 d1 – m2 d2 y1, d1–d2 m1 y1, m1 d1–d2 y1 (and without year).
    DayRange,
    /// d1 m1 y1 / m1 d1 y1 (and without year).
    Date,
    /// y1-mn-dn, y1/mn/dn, dn.mn.y1
    Numeric,
    /// na/nb/y1: day and month in an order the numbers must tell.
    Slashed,
    MonthYear,
    SeasonYear,
    ModYear,
    Decade,
    SpelledDecade,
    Century,
    YearRange,
    MonthOnly,
    SeasonOnly,
    Relative,
    Year,
}

/// The grammar: (form, pattern), most specific first.
static RULES: LazyLock<Vec<(Form, String)>> = LazyLock::new(|| {
    let p = |s: &str| {
        s.replace("{WDA}", WD_AFTER)
            .replace("{WD}", WD)
            .replace("{WEEKDAY}", WEEKDAY)
            .replace("{MI}", MONTH_ANY_CASE)
            .replace("{M}", MONTH)
            .replace("{D}", DAY)
            .replace("{Y}", YEAR)
            .replace("{WD}", WD)
            .replace("{R}", RANGE)
            .replace("{MOD}", MOD)
            .replace("{SEASON}", SEASON)
    };
    vec![
        (
            Form::DayRange,
            p(
                r"{WD}?(?P<d1>{D})(?:\s+of)?\s+(?P<m1>{MI}){R}(?P<d2>{D})(?:\s+of)?\s+(?P<m2>{MI}),?\s+(?P<y1>{Y})(?-u:\b)",
            ),
        ),
        (Form::DayRange, p(r"{WD}?(?P<m1>{MI})\s+(?P<d1>{D}){R}(?P<m2>{MI})\s+(?P<d2>{D}),?\s+(?P<y1>{Y})(?-u:\b)")),
        (Form::DayRange, p(r"{WD}?(?P<d1>{D}){R}(?P<d2>{D})\s+(?P<m1>{MI}),?\s+(?P<y1>{Y})(?-u:\b)")),
        (Form::DayRange, p(r"{WD}?(?P<m1>{MI})\s+(?P<d1>{D}){R}(?P<d2>{D}),\s*(?P<y1>{Y})(?-u:\b)")),
        (Form::Date, p(r"{WD}?(?P<d1>{D})(?:\s+of)?\s+(?P<m1>{MI}),?\s+(?P<y1>{Y})(?-u:\b){WDA}?")),
        (Form::Date, p(r"{WD}?(?P<m1>{MI})\s+(?P<d1>{D}),?\s+(?P<y1>{Y})(?-u:\b){WDA}?")),
        (Form::Numeric, p(r"{WD}?(?-u:\b)(?P<y1>{Y})-(?P<mn>[0-9]{2})-(?P<dn>[0-9]{2})(?-u:\b){WDA}?")),
        (Form::Numeric, p(r"{WD}?(?-u:\b)(?P<y1>{Y})/(?P<mn>[0-9]{1,2})/(?P<dn>[0-9]{1,2})(?-u:\b){WDA}?")),
        // "31.10.2014": day first.
        (Form::Numeric, p(r"{WD}?(?-u:\b)(?P<dn>[0-9]{1,2})\.(?P<mn>[0-9]{1,2})\.(?P<y1>{Y})(?-u:\b){WDA}?")),
        // "31/10/2014", "10/31/2014": read only when one of the two numbers
        // can only be the day.
        (Form::Slashed, p(r"{WD}?(?-u:\b)(?P<na>[0-9]{1,2})/(?P<nb>[0-9]{1,2})/(?P<y1>{Y})(?-u:\b){WDA}?")),
        (Form::DayRange, p(r"{WD}?(?P<d1>{D})(?:\s+of)?\s+(?P<m1>{M}){R}(?P<d2>{D})(?:\s+of)?\s+(?P<m2>{M})(?-u:\b)")),
        (Form::DayRange, p(r"{WD}?(?P<d1>{D}){R}(?P<d2>{D})\s+(?P<m1>{M})(?-u:\b)")),
        (Form::DayRange, p(r"{WD}?(?P<m1>{M})\s+(?P<d1>{D}){R}(?P<d2>{D})(?-u:\b)")),
        (Form::Date, p(r"{WD}?(?P<d1>{D})(?:\s+of)?\s+(?P<m1>{M})(?-u:\b)")),
        (Form::Date, p(r"{WD}?(?P<m1>{M})\s+(?P<d1>{D})(?-u:\b)")),
        (Form::MonthYear, p(r"(?:{MOD}[\s-]+)?(?P<m1>{M})(?:\s+of)?,?\s+(?P<y1>{Y})(?-u:\b)")),
        (Form::SeasonYear, p(r"(?:{MOD}[\s-]+)?{SEASON}(?:\s+of)?\s+(?P<y1>{Y})(?-u:\b)")),
        (Form::ModYear, p(r"{MOD}[\s-]+(?P<y1>{Y})(?-u:\b)")),
        (Form::Decade, p(r"(?:(?i:the)\s+)?(?:{MOD}[\s-]+)?(?P<dec>1[5-9][0-9]0|20[0-9]0)s(?-u:\b)")),
        (
            Form::SpelledDecade,
            p(
                r"(?i:the)\s+(?:{MOD}[\s-]+)?(?P<cent>(?i:eighteen|nineteen))[\s-](?P<decw>(?i:tens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?-u:\b)",
            ),
        ),
        (
            Form::Century,
            p(&format!(
                r"(?:(?i:the)\s+)?(?:{{MOD}}[\s-]+)?(?P<cent>[0-9]{{1,2}}(?:st|nd|rd|th)|(?i:{}))[\s-](?i:century)(?-u:\b)",
                century_words()
            )),
        ),
        (Form::YearRange, p(r"(?-u:\b)(?P<y1>{Y})\s*(?:–|—|-|(?-u:\b)to(?-u:\b))\s*(?P<y2>{Y}|[0-9]{2})(?-u:\b)")),
        (
            Form::MonthOnly,
            p(
                r"(?-u:\b)(?i:in|during|since|by|until|from|of|on|early|late|mid)[\s-]+(?:{MOD}[\s-]+)?(?P<m1>{M})(?:\s+(?P<d1>{D})(?:{R}(?P<d2>{D}))?(?-u:\b))?(?:,?\s+(?P<y1>{Y})(?-u:\b){WDA}?)?(?-u:\b)",
            ),
        ),
        (
            Form::SeasonOnly,
            p(
                r"(?-u:\b)(?i:in|during|this|last|next|over)\s+(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?{SEASON}(?:\s+(?:of\s+)?(?P<y1>{Y}))?(?-u:\b)",
            ),
        ),
        (
            Form::Relative,
            p(
                r"(?-u:\b)(?P<rel>(?i:(?:last|next|this|the\s+previous|the\s+following|earlier\s+this|later\s+this)\s+(?:year|month|week)|(?:a\s+few|several|a\s+couple\s+of|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2})\s+(?:days|weeks|months|years)\s+(?:ago|earlier)|an?\s+(?:day|week|month|year)\s+ago|yesterday|today))(?-u:\b)",
            ),
        ),
        (Form::Year, p(r"(?-u:\b)(?P<y1>{Y})(?-u:\b)")),
    ]
});

struct Grammar {
    /// The rows as one alternation, without captures: finds matches fast.
    all: Regex,
    /// Each row anchored, as a set: which rows match a found span.
    set: regex::RegexSet,
    /// Each row anchored, with captures: reads the parts of a match.
    rows: Vec<(Form, Regex)>,
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| {
    let strip_names = |s: &str| -> String {
        // Group names must be unique in the alternation: drop them there.
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("(?P<") {
            out.push_str(&rest[..i]);
            out.push_str("(?:");
            let close = rest[i..].find('>').expect("named group") + i;
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    };
    // Every row starts at a word boundary: no date starts inside "32" or "v2".
    let all = RULES.iter().map(|(_, p)| format!(r"(?-u:\b)(?:{})", strip_names(p))).collect::<Vec<_>>().join("|");
    let anchored: Vec<String> = RULES.iter().map(|(_, p)| format!("^(?:{})$", strip_names(p))).collect();
    Grammar {
        // A large lazy-DFA cache: the union of all rows is big, and a cache
        // that keeps being cleared is what makes a DFA slow.
        all: regex::RegexBuilder::new(&all).dfa_size_limit(64 << 20).build().expect("temporal grammar compiles"),
        set: regex::RegexSet::new(&anchored).expect("temporal rows compile"),
        rows: RULES
            .iter()
            .map(|(f, p)| (*f, Regex::new(&format!("^(?:{p})$")).expect("temporal row compiles")))
            .collect(),
    }
});

fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_lowercase();
    let n = Lexicon::builtin().months.iter().position(|m| m.to_lowercase().starts_with(&s) && s.len() >= 3)? as u32 + 1;
    Some(n)
}

fn day_number(s: &str) -> u32 {
    s.trim_end_matches(|c: char| c.is_alphabetic()).parse().unwrap_or(0)
}

fn weekday_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches(['.', ',']).to_lowercase();
    Lexicon::builtin().weekdays.iter().position(|w| w.to_lowercase().starts_with(&s) && s.len() >= 2).map(|n| n as u32)
}

/// Narrows `(a, b)` by a modifier: early = first third, mid = middle third,
/// late = last third; "first half" and "second half" likewise.
fn narrow(a: Day, b: Day, modifier: Option<&str>) -> (Day, Day) {
    let Some(m) = modifier else { return (a, b) };
    let m = m.to_lowercase();
    let len = b - a + 1;
    let third = len / 3;
    if m.contains("first half") {
        (a, a + len / 2 - 1)
    } else if m.contains("second half") {
        (a + len / 2, b)
    } else if m.starts_with("early") || m.contains("beginning") || m.contains("start") {
        (a, a + third)
    } else if m.starts_with("late") || m.contains("end of") {
        (b - third, b)
    } else {
        (a + third, b - third)
    }
}

fn season_span(season: &str, y: i64) -> (Day, Day) {
    // Northern-hemisphere meteorological seasons; winter spans the new year.
    match season.to_lowercase().as_str() {
        "spring" => (civil::day(y, 3, 1), civil::day(y, 5, 31)),
        "summer" => (civil::day(y, 6, 1), civil::day(y, 8, 31)),
        "autumn" | "fall" => (civil::day(y, 9, 1), civil::day(y, 11, 30)),
        _ => (civil::day(y, 12, 1), civil::day(y + 1, 2, civil::month_len(y + 1, 2))),
    }
}

fn ordinal_value(s: &str) -> Option<i64> {
    let s = s.to_lowercase();
    if let Some(n) =
        s.strip_suffix(|c: char| c.is_alphabetic()).map(|t| t.trim_end_matches(|c: char| c.is_alphabetic()))
    {
        if let Ok(n) = n.parse() {
            return Some(n);
        }
    }
    numbers::value(Lexicon::builtin(), &s).filter(|n| (1..=22).contains(n))
}

/// Ordinal words of the centuries the grammar reads ("first" to
/// "twenty-second"), from the lexicon's number words.
fn century_words() -> String {
    let lex = Lexicon::builtin();
    let words: Vec<String> = (1..=22).filter_map(|n| numbers::ordinal(lex, n)).collect();
    alternation(words.iter().map(String::as_str))
}

/// The token before `at`, punctuation kept (`pp.`, `c.`, `'s` decide
/// whether a number is a year: the lexicon's `year-before` and
/// `not-year-before` lists are written so).
fn token_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[')
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether a bare year at `range` reads as a year here.
fn is_year_context(text: &str, range: &Range<usize>) -> bool {
    let before = token_before(text, range.start);
    let after = &text[range.end..];
    let prev_char = text[..range.start].chars().next_back();
    let next_char = after.chars().next();
    if Lexicon::builtin().not_year_before.contains(&before)
        || prev_char.is_some_and(|c| matches!(c, '/' | '#' | '.' | ',' | '-' | '–' | '€' | '$' | '£'))
    {
        return false;
    }
    let dash_digit = (after.starts_with('-') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (after.starts_with('–') && after['–'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()));
    if next_char.is_some_and(|c| c.is_ascii_digit() || c == '%' || c == '/') || dash_digit {
        return false;
    }
    // "(1990)" after a volume number or an author is a citation's year.
    if prev_char == Some('(') && next_char == Some(')') {
        let head = text[..range.start - 1].trim_end();
        if head.ends_with(|c: char| c.is_ascii_digit())
            || head.ends_with(',')
            || head.chars().next_back().is_some_and(char::is_alphabetic)
        {
            return false;
        }
    }
    // "2000 households": a count, unless a year word precedes it.
    let next_word: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    let count_noun = next_word.len() > 1 && next_word.chars().all(|c| c.is_lowercase()) && after.starts_with(' ');
    let year_word =
        Lexicon::builtin().year_before.contains(&before) || before.ends_with("'s") || before.ends_with("’s");
    if count_noun && !year_word {
        return false;
    }
    year_word || next_char.is_none_or(|c| !c.is_alphanumeric()) || count_noun
}

/// Finds and normalises every temporal expression in `text`. `anchor` is the
/// document's date, for forms without a year and relative forms.
pub fn extract(text: &str, anchor: Option<Day>) -> Vec<TimeExpr> {
    extract_noting_unanchored(text, anchor).0
}

/// [`extract`], also telling whether a match was left unread for want of
/// an anchor (always `false` when there is one): only then can reading the
/// text again with an anchor find more.
pub fn extract_noting_unanchored(text: &str, anchor: Option<Day>) -> (Vec<TimeExpr>, bool) {
    extract_in_order(text, anchor, None)
}

/// Which number comes first in a slashed date (`31/10/2014` is day first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    DayFirst,
    MonthFirst,
}

static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})/(?:1[5-9][0-9]{2}|20[0-9]{2})(?-u:\b)").expect("slashed regex")
});

/// The order a document writes its slashed dates in, when its dates tell
/// it one way only: some have a first number above 12 (day first), or some
/// a second one (month first), not both.
pub fn slashed_order(text: &str) -> Option<DayOrder> {
    if !text.contains('/') {
        return None;
    }
    let (mut day_first, mut month_first) = (false, false);
    for c in SLASHED.captures_iter(text) {
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        day_first |= (13..=31).contains(&a) && (1..=12).contains(&b);
        month_first |= (13..=31).contains(&b) && (1..=12).contains(&a);
    }
    match (day_first, month_first) {
        (true, false) => Some(DayOrder::DayFirst),
        (false, true) => Some(DayOrder::MonthFirst),
        _ => None,
    }
}

/// [`extract_noting_unanchored`], reading ambiguous slashed dates
/// (`03/04/2021`) in `order` when the document has told it.
pub fn extract_in_order(text: &str, anchor: Option<Day>, order: Option<DayOrder>) -> (Vec<TimeExpr>, bool) {
    let g = &*GRAMMAR;
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut unanchored = false;
    for m in g.all.find_iter(text) {
        let span = m.range();
        let Some(row) = g.set.matches(&text[span.clone()]).iter().next() else { continue };
        let (form, re) = &g.rows[row];
        let form = *form;
        let Some(caps) = re.captures(&text[span.clone()]) else { continue };
        let part = |name: &str| {
            caps.name(name)
                .map(|m| Part { text: &text[span.start + m.start()..span.start + m.end()], at: span.start + m.start() })
        };
        if let Some(mut e) = build(text, span.clone(), form, &part, anchor, order) {
            // "in January": the expression is the month, not the preposition.
            if matches!(form, Form::MonthOnly | Form::SeasonOnly) {
                let first = ["mod", "m1", "d1", "season"].iter().filter_map(|n| part(n)).map(|m| m.start()).min();
                if let Some(first) = first {
                    e.range.start = first;
                }
            }
            out.push(e);
        } else if anchor.is_none() {
            unanchored = true;
        }
    }
    borrow_years(text, &mut out);
    (out, unanchored)
}

/// A captured part of a match: its text and where it starts in the sentence.
#[derive(Clone, Copy)]
struct Part<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Part<'t> {
    fn as_str(&self) -> &'t str {
        self.text
    }

    fn start(&self) -> usize {
        self.at
    }
}

/// "Saturday 16 March and Sunday 17 March 2024": a date without a year takes
/// the year of the next dated expression close after it.
fn borrow_years(text: &str, exprs: &mut [TimeExpr]) {
    for i in 0..exprs.len() {
        if exprs[i].year_stated || exprs[i].relative || exprs[i].precision != Precision::Day {
            continue;
        }
        let Some(next) = exprs.get(i + 1).filter(|n| n.year_stated && n.range.start - exprs[i].range.end <= 40) else {
            continue;
        };
        if text[exprs[i].range.end..next.range.start].contains(['.', ';']) {
            continue;
        }
        let (ny, _, _) = civil::civil(next.start);
        let (y, m, d) = civil::civil(exprs[i].start);
        let (_, m2, d2) = civil::civil(exprs[i].end);
        if y != ny && civil::valid(ny, m, d) && civil::valid(ny, m2, d2) {
            let shift = civil::day(ny, m, d) - exprs[i].start;
            exprs[i].start += shift;
            exprs[i].end += shift;
        }
        exprs[i].year_stated = true;
    }
}

fn build<'t>(
    text: &'t str,
    span: Range<usize>,
    form: Form,
    part: &dyn Fn(&str) -> Option<Part<'t>>,
    anchor: Option<Day>,
    order: Option<DayOrder>,
) -> Option<TimeExpr> {
    // "on January 21, 2019": a preposition row that found a day is a date.
    let form = if form == Form::MonthOnly && part("d1").is_some() { Form::Date } else { form };
    let get = |n: &str| part(n).map(|m| m.as_str());
    let anchor_year = anchor.map(|a| civil::civil(a).0);
    let stated_year = get("y1").and_then(|y| y.parse::<i64>().ok());
    let year = stated_year.or(anchor_year);
    let weekday = get("wd").or_else(|| get("wd2")).or_else(|| get("wd3")).and_then(weekday_number);
    let modifier = get("mod");
    let mut e = TimeExpr {
        range: span.clone(),
        start: 0,
        end: 0,
        precision: Precision::Day,
        weekday,
        year_stated: stated_year.is_some(),
        relative: false,
        impossible: None,
    };
    let impossible = |e: &mut TimeExpr, y: i64, m: u32, d: u32| {
        let name = (1..=12).contains(&m).then(|| civil::month_name(m));
        e.impossible = Some(match name {
            Some(_) if m == 2 && d == 29 => format!("{y} is not a leap year: February {y} has 28 days"),
            Some(name) => format!("{name} has {} days", civil::month_len(y, m)),
            None => format!("there is no month {m}"),
        });
        let (a, b) = if (1..=12).contains(&m) { civil::month_span(y, m) } else { civil::year_span(y) };
        e.start = a;
        e.end = b;
    };
    match form {
        Form::Date | Form::DayRange => {
            let y = year?;
            let m1 = month_number(get("m1")?)?;
            let d1 = day_number(get("d1")?);
            let m2 = get("m2").and_then(month_number).unwrap_or(m1);
            let d2 = get("d2").map(day_number).unwrap_or(d1);
            // "31 December – 2 January 2024": the range starts the year before.
            let y1 = if m2 < m1 { y - 1 } else { y };
            if !civil::valid(y1, m1, d1) {
                impossible(&mut e, y1, m1, d1);
                return Some(e);
            }
            if !civil::valid(y, m2, d2) {
                impossible(&mut e, y, m2, d2);
                return Some(e);
            }
            e.start = civil::day(y1, m1, d1);
            e.end = civil::day(y, m2, d2);
            if e.end < e.start {
                // "January 10 – 1, 2016": a range that ends before it starts.
                if m1 == m2 && part("y1").is_some() {
                    e.impossible = Some(format!(
                        "the range ends before it starts ({} is before {})",
                        civil::format(e.end),
                        civil::format(e.start)
                    ));
                    (e.start, e.end) = civil::month_span(y, m1);
                    return Some(e);
                }
                return None;
            }
        }
        Form::Numeric => {
            let y = stated_year?;
            let m: u32 = get("mn")?.parse().ok()?;
            let d: u32 = get("dn")?.parse().ok()?;
            if !civil::valid(y, m, d) {
                if m == 0 || d == 0 || m > 31 {
                    return None;
                }
                impossible(&mut e, y, m, d);
                return Some(e);
            }
            e.start = civil::day(y, m, d);
            e.end = e.start;
        }
        Form::Slashed => {
            let y = stated_year?;
            let a: u32 = get("na")?.parse().ok()?;
            let b: u32 = get("nb")?.parse().ok()?;
            // Never guessed: when both could be the month, only the
            // document's own order decides.
            let (d, m) = match (a > 12, b > 12, order) {
                (true, false, _) => (a, b),
                (false, true, _) => (b, a),
                (false, false, Some(DayOrder::DayFirst)) => (a, b),
                (false, false, Some(DayOrder::MonthFirst)) => (b, a),
                _ => return None,
            };
            if m == 0 || d == 0 || d > 31 {
                return None;
            }
            if !civil::valid(y, m, d) {
                impossible(&mut e, y, m, d);
                return Some(e);
            }
            e.start = civil::day(y, m, d);
            e.end = e.start;
        }
        Form::MonthYear | Form::MonthOnly => {
            let y = year?;
            let m = month_number(get("m1")?)?;
            let (a, b) = civil::month_span(y, m);
            (e.start, e.end) = narrow(a, b, modifier);
            e.precision = Precision::Month;
        }
        Form::SeasonYear | Form::SeasonOnly => {
            let y = year?;
            let (a, b) = season_span(get("season")?, y);
            (e.start, e.end) = narrow(a, b, modifier);
            e.precision = Precision::Season;
        }
        Form::ModYear | Form::Year => {
            let y = stated_year?;
            if form == Form::Year && !is_year_context(text, &span) {
                return None;
            }
            let (a, b) = civil::year_span(y);
            (e.start, e.end) = narrow(a, b, modifier);
            e.precision = Precision::Year;
        }
        Form::YearRange => {
            let y1 = stated_year?;
            let y2s = get("y2")?;
            let mut y2: i64 = y2s.parse().ok()?;
            if y2s.len() == 2 {
                y2 += y1 / 100 * 100;
            }
            // Page ranges ("pp. 2468–2489") and identifiers are not years.
            if y2 <= y1 || y2 - y1 > 200 || Lexicon::builtin().not_year_before.contains(&token_before(text, span.start))
            {
                return None;
            }
            e.start = civil::year_span(y1).0;
            e.end = civil::year_span(y2).1;
            e.precision = Precision::Year;
        }
        Form::Decade => {
            let d: i64 = get("dec")?.parse().ok()?;
            (e.start, e.end) = narrow(civil::year_span(d).0, civil::year_span(d + 9).1, modifier);
            e.precision = Precision::Decade;
            e.year_stated = true;
        }
        Form::SpelledDecade => {
            let base = match get("cent")?.to_lowercase().as_str() {
                "eighteen" => 1800,
                _ => 1900,
            };
            let dec =
                ["tens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
                    .iter()
                    .position(|w| *w == get("decw").unwrap_or("").to_lowercase())? as i64
                    + 1;
            let d = base + dec * 10;
            (e.start, e.end) = narrow(civil::year_span(d).0, civil::year_span(d + 9).1, modifier);
            e.precision = Precision::Decade;
            e.year_stated = true;
        }
        Form::Century => {
            let n = ordinal_value(get("cent")?)?;
            let first = (n - 1) * 100 + 1;
            (e.start, e.end) = narrow(civil::year_span(first).0, civil::year_span(first + 99).1, modifier);
            e.precision = Precision::Century;
            e.year_stated = true;
        }
        Form::Relative => {
            let a = anchor?;
            let rel = get("rel")?.to_lowercase();
            let rel: String = rel.split_whitespace().collect::<Vec<_>>().join(" ");
            let (y, m, _) = civil::civil(a);
            e.relative = true;
            e.year_stated = false;
            let unit_of = |s: &str| {
                if s.contains("year") {
                    'y'
                } else if s.contains("month") {
                    'm'
                } else if s.contains("week") {
                    'w'
                } else {
                    'd'
                }
            };
            // "earlier this year" ends today, "later this month" starts today.
            let clip = |rel: &str, (s, t): (Day, Day)| {
                if rel.starts_with("earlier") {
                    (s, a)
                } else if rel.starts_with("later") {
                    (a, t)
                } else {
                    (s, t)
                }
            };
            let prev_month = |y: i64, m: u32| if m == 1 { (y - 1, 12) } else { (y, m - 1) };
            let next_month = |y: i64, m: u32| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            (e.start, e.end, e.precision) = if rel == "today" {
                (a, a, Precision::Day)
            } else if rel == "yesterday" {
                (a - 1, a - 1, Precision::Day)
            } else if rel.ends_with(" ago") || rel.ends_with(" earlier") {
                let first_two: String = rel.split(' ').take(2).collect::<Vec<_>>().join(" ");
                let first = if first_two == "a few" || first_two == "a couple" {
                    first_two.as_str()
                } else {
                    rel.split(' ').next().unwrap_or("")
                };
                let n = match first {
                    "a couple" => 2,
                    "a" | "an" => 1,
                    "two" => 2,
                    "three" => 3,
                    "four" => 4,
                    "five" => 5,
                    "six" => 6,
                    "seven" => 7,
                    "eight" => 8,
                    "nine" => 9,
                    "ten" => 10,
                    "a few" | "several" | "few" => 0,
                    n => n.parse().unwrap_or(0),
                };
                let unit_days = match unit_of(&rel) {
                    'y' => 365,
                    'm' => 30,
                    'w' => 7,
                    _ => 1,
                };
                if n == 0 {
                    // "a few days ago": two to nine units back.
                    (a - 9 * unit_days, a - 2 * unit_days, Precision::Day)
                } else {
                    let back = a - n * unit_days;
                    (back - unit_days / 2, back + unit_days / 2, Precision::Day)
                }
            } else {
                let which = if rel.starts_with("last") || rel.contains("previous") {
                    -1
                } else if rel.starts_with("next") || rel.contains("following") {
                    1
                } else {
                    0
                };
                match unit_of(&rel) {
                    'y' => {
                        let (s, t) = clip(&rel, civil::year_span(y + which));
                        (s, t, Precision::Year)
                    }
                    'm' => {
                        let (yy, mm) = match which {
                            -1 => prev_month(y, m),
                            1 => next_month(y, m),
                            _ => (y, m),
                        };
                        let (s, t) = clip(&rel, civil::month_span(yy, mm));
                        (s, t, Precision::Month)
                    }
                    _ => {
                        let monday = a - i64::from(civil::weekday(a)) + 7 * which;
                        (monday, monday + 6, Precision::Day)
                    }
                }
            };
        }
    }
    Some(e)
}

/// Dates written in a URL: `/2026/04/05/`, `/2019/10/`, `2019-10-24`,
/// `yyyy=2019&mm=01&dd=08`.
pub fn extract_url(url: &str) -> Option<TimeExpr> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[/_-](?P<y>(?:19|20)[0-9]{2})[/_-](?P<m>0[1-9]|1[0-2])(?:[/_-](?P<d>0[1-9]|[12][0-9]|3[01]))?(?:[/_.-]|$)").expect("url date regex")
    });
    static QUERY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:yyyy|year|y)=(?P<y>(?:19|20)[0-9]{2})&(?:mm|month|m)=(?P<m>[0-9]{1,2})(?:&(?:dd|day|d)=(?P<d>[0-9]{1,2}))?").expect("url query regex")
    });
    let c = PATH.captures(url).or_else(|| QUERY.captures(url))?;
    let y: i64 = c["y"].parse().ok()?;
    let m: u32 = c["m"].parse().ok()?;
    let (start, end, precision) = match c.name("d").and_then(|d| d.as_str().parse::<u32>().ok()) {
        Some(d) if civil::valid(y, m, d) => (civil::day(y, m, d), civil::day(y, m, d), Precision::Day),
        Some(_) => return None,
        None if (1..=12).contains(&m) => {
            let (a, b) = civil::month_span(y, m);
            (a, b, Precision::Month)
        }
        None => return None,
    };
    let whole = c.get(0)?.range();
    Some(TimeExpr {
        range: whole,
        start,
        end,
        precision,
        weekday: None,
        year_stated: true,
        relative: false,
        impossible: None,
    })
}
