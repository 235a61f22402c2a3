//! Finding figures in a sentence: a table of patterns for percentages,
//! money, quantities, counts, ratios, rankings and shares, with identifiers,
//! years, clock times and markers masked.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// What kind of figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Percentage,
    Money,
    Quantity,
    Count,
    Ratio,
    Ranking,
    /// "one in four", "two-thirds of", "fell by a third", "more than half".
    Proportion,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Percentage => "percentage",
            Kind::Money => "amount of money",
            Kind::Quantity => "quantity",
            Kind::Count => "count",
            Kind::Ratio => "ratio",
            Kind::Ranking => "ranking",
            Kind::Proportion => "proportion",
        }
    }
}

/// A figure found in a sentence (range in the sentence text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub kind: Kind,
    pub range: Range<usize>,
}

const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";
const WORDNUM: &str = r"(?:three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|dozens|hundreds|thousands|millions|tens of thousands|hundreds of thousands)";
const SCALE: &str = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)(?-u:\b))?";

static PATTERNS: LazyLock<Vec<(Kind, Regex)>> = LazyLock::new(|| {
    let p = |s: &str| {
        Regex::new(&s.replace("{N}", NUM).replace("{W}", WORDNUM).replace("{S}", SCALE)).expect("figure pattern")
    };
    vec![
        (Kind::Money, p(r"(?:US\$|A\$|C\$|[€£$¥₹]|(?-u:\b)(?:USD|EUR|GBP|CHF|RSD)\s?)\s?{N}{S}")),
        (
            Kind::Money,
            p(r"(?-u:\b){N}{S}\s?(?:euros?|dollars?|pounds?|dinars?|roubles?|rubles?|francs?|yen|USD|EUR|GBP)(?-u:\b)"),
        ),
        (Kind::Percentage, p(r"(?-u:\b){N}\s?(?:%|per\s?cent(?-u:\b)|percent(?-u:\b)|percentage points?(?-u:\b))")),
        (
            Kind::Quantity,
            p(
                r"(?-u:\b){N}{S}\s?(?:km²|km2|km/h|km|kilometres|kilometers|miles|mi|metres|meters|m²|m³|mm|cm|m(?-u:\b)|kg|kilograms|tonnes|tons|t(?-u:\b)|litres|liters|litre|liter|hectolitres|hl|MWh|GWh|kWh|TWh|MW|GW|kW|TW|bcm|cubic (?:metres|meters|feet)|hectares|ha(?-u:\b)|acres|°C|°F|degrees|barrels|bpd|square (?:kilometres|kilometers|miles|metres|meters)|calories|kcal|decibels|dB(?-u:\b)|mph|knots|kilobytes|megabytes|gigabytes|terabytes|KB|MB|GB|TB|KiB|MiB|GiB|nanoseconds|microseconds|milliseconds|ns|µs|ms)(?:(?-u:\b)|$)",
            ),
        ),
        (
            Kind::Ratio,
            p(
                r"(?i:(?-u:\b)(?:(?:twice|thrice)\s+(?:as|the|that|what|its|their|our|his|her|this|a|an)(?-u:\b)|(?:more\s+than|almost|nearly|roughly|about|over|at\s+least)\s+(?:twice|thrice)(?-u:\b)|(?:two|three|four|five|six|seven|eight|nine|ten|{N})(?:\s?-?\s?fold|\s+times\s+(?:more|less|fewer|higher|lower|larger|smaller|greater|as|the|that|what))|between\s+\w+\s+and\s+\w+\s+times\s+(?:more|less|higher|greater)))",
            ),
        ),
        (
            Kind::Ranking,
            p(
                r"(?i:(?-u:\b)(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[0-9]+(?:st|nd|rd|th))[\s-](?:largest|biggest|highest|lowest|most|least|best|worst|fastest|busiest|richest|poorest|smallest|oldest|leading|top)(?-u:\b)|(?-u:\b)ranks?\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[0-9]+(?:st|nd|rd|th))(?-u:\b))",
            ),
        ),
        (
            Kind::Proportion,
            p(
                r"(?i:(?-u:\b)(?:(?:one|two|three|four|five|six|seven|eight|nine|{N})\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|{N})(?-u:\b)|(?:two|three|four|five|seven|nine)[\s-](?:thirds|quarters|fifths|eighths|tenths)(?-u:\b)|(?:by|than|to|of)\s+(?:a|one)\s+(?:third|quarter|fifth|tenth)(?-u:\b)|(?:a|one)\s+(?:third|quarter|fifth|tenth)\s+of(?-u:\b)|(?:by|nearly|almost|about|roughly|around|over|more\s+than|less\s+than|fewer\s+than|just\s+over|just\s+under|some)\s+half(?-u:\b)))",
            ),
        ),
        (
            Kind::Count,
            p(
                r"(?i:(?-u:\b)(?:stands|stood|reached|reaches|rose|rises|fell|falls|grew|grows|climbed|dropped|declined|increased|decreased|totalled|totaled|totals|numbered|numbers|amounted)\s+(?:to|at)?\s*(?:about|around|roughly|nearly|almost|over|more than|some|just over|just under)?\s*){N}{S}",
            ),
        ),
        (
            Kind::Count,
            p(
                r"(?-u:\b){N}{S}(?:\s+(?:[A-Za-z][\w'’-]*|[A-Z][\w-]*))?(?:\s+[\w'’-]+)?\s+(?:people|persons|children|men|women|staff|police|[a-z]{2,}[^s\W]s)(?-u:\b)",
            ),
        ),
        (
            Kind::Count,
            p(r"(?i:(?-u:\b){W})(?:\s+[\w'’-]+){0,2}\s+(?:people|persons|children|men|women|[a-z]{2,}[^s\W]s)(?-u:\b)"),
        ),
    ]
});

/// Nouns after a number that do not make it a statistic.
const NOT_COUNT_NOUNS: &[&str] = &[
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "times",
    "ways",
    "reasons",
    "aspects",
    "factors",
    "areas",
    "dimensions",
    "pillars",
    "elements",
    "points",
    "questions",
    "issues",
    "levels",
    "types",
    "kinds",
    "stages",
    "phases",
    "steps",
    "options",
    "sides",
    "parties",
    "countries",
    "nations",
    "states",
    "pages",
    "chapters",
    "sections",
    "articles",
    "items",
    "words",
    "letters",
    "lines",
    "rounds",
    "seasons",
    "generations",
    "categories",
    "principles",
    "goals",
    "objectives",
    "priorities",
    "sessions",
    "classes",
    // Technical sizes and shapes, not statistics.
    "bits",
    "bytes",
    "digits",
    "characters",
    "chars",
    "pixels",
    "columns",
    "rows",
    "arguments",
    "parameters",
    "threads",
    "cores",
    "octets",
    "iterations",
];

/// Words that cannot be (or sit inside) a counted noun phrase.
const FUNCTION_WORDS: &[&str] = &[
    "this",
    "thus",
    "has",
    "was",
    "is",
    "its",
    "his",
    "hers",
    "ours",
    "yours",
    "theirs",
    "plus",
    "less",
    "unless",
    "across",
    "always",
    "perhaps",
    "whereas",
    "besides",
    "towards",
    "afterwards",
    "ago",
    "of",
    "in",
    "on",
    "at",
    "to",
    "the",
    "and",
    "or",
    "as",
    "per",
    "a",
    "an",
    "than",
    "since",
    "until",
    "for",
    "from",
    "by",
    "with",
    "was",
    "were",
    "does",
    "goes",
    "us",
    "yes",
    "alas",
    "various",
    "previous",
    "serious",
    "famous",
    "obvious",
    "numerous",
];

/// Words before a number that make it an identifier.
const IDENTIFIER_BEFORE: &[&str] = &[
    "no",
    "no.",
    "nos",
    "number",
    "port",
    "section",
    "article",
    "art",
    "stage",
    "phase",
    "level",
    "year",
    "grade",
    "class",
    "route",
    "room",
    "chapter",
    "part",
    "tier",
    "band",
    "zone",
    "type",
    "category",
    "version",
    "v",
    "http",
    "resolution",
    "page",
    "pp",
    "p",
    "vol",
    "volume",
    "issue",
    "table",
    "figure",
    "fig",
    "appendix",
    "annex",
    "item",
    "paragraph",
    "para",
    "rule",
    "step",
    "line",
    "flight",
    "platform",
    "gate",
    "bus",
    "call",
    "dial",
    "code",
    "key",
    "model",
    "series",
    "mark",
    "mk",
    "week",
    "day",
    "episode",
    "season",
    "act",
    "bill",
    "law",
    "decree",
    "formula",
    "interstate",
    "highway",
    "exit",
    "junction",
    "terminal",
    "channel",
    "division",
    "ward",
    "district",
    "block",
    "unit",
    "plot",
    "row",
    "seat",
    "track",
    "lane",
];

/// Finds the figures of a sentence.
pub fn find_figures(text: &str) -> Vec<Figure> {
    // One scan says which patterns match at all; only those are run.
    static SET: LazyLock<regex::RegexSet> =
        LazyLock::new(|| regex::RegexSet::new(PATTERNS.iter().map(|(_, r)| r.as_str())).expect("figure patterns"));
    let hits = SET.matches(text);
    let mut out: Vec<Figure> = Vec::new();
    for (_, (kind, re)) in PATTERNS.iter().enumerate().filter(|(i, _)| hits.matched(*i)) {
        for m in re.find_iter(text) {
            let mut range = m.range();
            if out.iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
                continue;
            }
            if !plausible(text, &mut range, *kind) {
                continue;
            }
            out.push(Figure { kind: *kind, range });
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Filters identifiers, years, clock times and markers out of raw matches;
/// trims count matches to the number and its noun.
fn plausible(text: &str, range: &mut Range<usize>, kind: Kind) -> bool {
    let s = &text[range.clone()];
    let before = text[..range.start].trim_end();
    let prev_word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ','])
        .to_lowercase();
    let prev_char = text[..range.start].chars().next_back();
    let next_char = text[range.end..].chars().next();
    // Glued to letters or digits: an identifier (M31, v2, MiG-29) or a note marker.
    let starts_with_digit = s.starts_with(|c: char| c.is_ascii_digit());
    let glued = prev_char.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '#' | '.' | '_'));
    if glued && starts_with_digit && kind != Kind::Money {
        return false;
    }
    if next_char.is_some_and(|c| c == ':' && text[range.end + 1..].starts_with(|c: char| c.is_ascii_digit())) {
        return false; // 14:05
    }
    if IDENTIFIER_BEFORE.contains(&prev_word.as_str()) && s.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    match kind {
        Kind::Proportion => {
            // Time and distance, not shares: "a quarter of an hour", "half a
            // mile", "a third of the way", "one in the morning".
            let after = text[range.end..].trim_start().to_lowercase();
            let time = ["an hour", "a mile", "the way", "a century", "a second", "a minute", "a day", "a year"];
            if time.iter().any(|t| after.starts_with(t)) || after.starts_with("past ") || after.starts_with("to ") {
                return false;
            }
            // A voting threshold, not a share: "a two-thirds majority".
            if ["majority", "supermajority", "vote", "quorum"].iter().any(|t| after.starts_with(t)) {
                return false;
            }
            // "one in a million" is an idiom; "3 in 2021" a year; "1 in 1"
            // no share at all: the part must be smaller than the whole.
            let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
            let value = |w: &str| -> Option<f64> {
                let small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
                small.iter().position(|n| *n == w).map(|n| n as f64).or_else(|| w.replace(',', "").parse().ok())
            };
            if let (Some(part), Some(whole)) =
                (words.first().and_then(|w| value(w)), words.last().and_then(|w| value(w)))
            {
                if words.len() >= 3 && (part >= whole || (1500.0..=2100.0).contains(&whole)) {
                    return false;
                }
            }
            true
        }
        Kind::Count => {
            let mut words: Vec<&str> = s.split_whitespace().collect();
            // "320 teachers on staff": the count ends before a function word.
            let noun_phrase =
                words.first().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || has_word_number(w));
            let cut_at = (1..words.len()).find(|&i| FUNCTION_WORDS.contains(&words[i].to_lowercase().as_str()));
            if let Some(cut) = cut_at.filter(|_| noun_phrase) {
                let kept = &words[..cut];
                let last = kept.last().map(|w| w.to_lowercase()).unwrap_or_default();
                if cut < 2
                    || !(last.ends_with('s')
                        || ["people", "children", "men", "women", "staff", "police"].contains(&last.as_str()))
                {
                    return false;
                }
                // End of the `cut`-th word, counting the spacing as written.
                let mut end = 0;
                let mut seen = 0;
                for (at, c) in s.char_indices() {
                    if !c.is_whitespace() && (at == 0 || s[..at].ends_with(char::is_whitespace)) {
                        seen += 1;
                    }
                    if seen > cut {
                        break;
                    }
                    if !c.is_whitespace() {
                        end = at + c.len_utf8();
                    }
                }
                range.end = range.start + end;
                words.truncate(cut);
            }
            let Some(noun) = words.last() else { return false };
            let noun_l = noun.to_lowercase();
            if NOT_COUNT_NOUNS.contains(&noun_l.as_str()) {
                return false;
            }
            let first = words[0];
            // "1 teams" is never a count: a name ("Formula 1 teams") or a label.
            if first == "1" && words.len() > 1 && noun_l.ends_with('s') {
                return false;
            }
            // Things are counted in whole numbers: "OSX 10.6 fails", "regex
            // 1.0 requires" are versions. (With a scale, "2.5 million
            // people", the number is not the first word's whole.)
            let scaled = words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "million" | "billion" | "trillion" | "thousand" | "bn" | "mn" | "m" | "k"
                )
            });
            if first.starts_with(|c: char| c.is_ascii_digit()) && first.contains('.') && !scaled {
                return false;
            }
            // The words between number and noun describe the noun; time words
            // and function words mean the noun belongs to something else
            // ("fifty years ago this month").
            let verb_attached = !first.starts_with(|c: char| c.is_ascii_digit()) && !has_word_number(first);
            let middle = if verb_attached { &[][..] } else { &words[1..words.len() - 1] };
            let bad_middle = middle.iter().any(|w| {
                let w = w.to_lowercase();
                NOT_COUNT_NOUNS.contains(&w.as_str()) || FUNCTION_WORDS.contains(&w.as_str())
            });
            if !verb_attached && (bad_middle || FUNCTION_WORDS.contains(&noun_l.as_str())) {
                return false;
            }
            // Small numbers in words are narrative ("four libraries") unless
            // they count something named ("six MiG-29 fighter jets").
            let small_word =
                ["three", "four", "five", "six", "seven", "eight", "nine"].contains(&first.to_lowercase().as_str());
            if small_word
                && !middle
                    .iter()
                    .any(|w| w.starts_with(|c: char| c.is_uppercase()) || w.chars().any(|c| c.is_ascii_digit()))
            {
                return false;
            }
            let digits: String = first.chars().filter(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                // Years ("in 2019 elections") are not counts.
                let value: u64 = digits.parse().unwrap_or(0);
                if !first.contains([',', '.']) && (1500..=2100).contains(&value) && words.len() > 1 {
                    return false;
                }
                // A month after the number: a date.
                if words.iter().skip(1).any(|w| {
                    crate::rules::date::civil::MONTHS
                        .iter()
                        .any(|m| m.eq_ignore_ascii_case(w.trim_end_matches(['.', ','])))
                }) {
                    return false;
                }
            }
            // Verb-attached counts ("stands at 214"): keep just the number.
            if let Some(pos) = s.find(|c: char| c.is_ascii_digit()) {
                if !first.starts_with(|c: char| c.is_ascii_digit()) && words.len() <= 6 && !s[pos..].contains(' ') {
                    range.start += pos;
                }
            }
            true
        }
        Kind::Quantity => {
            // "2019 m" and other years with a unit-like word.
            let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
            !(digits.len() == 4
                && !s.contains([',', '.'])
                && s[4..].trim_start().starts_with(['m', 't'])
                && s.len() <= 7)
        }
        Kind::Ratio => {
            // "three times the (agreed price)": label the ratio itself.
            for tail in [" the", " as", " that", " what"] {
                if text[range.clone()].ends_with(tail) {
                    range.end -= tail.len();
                }
            }
            true
        }
        _ => true,
    }
}

/// Sentences with no digit, number word, ratio or ranking word state no
/// figure: one cheap scan before the pattern table runs.
pub static FIGURE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[0-9]|(?i:(?-u:\b)(?:{WORDNUM}|twice|thrice|times|largest|biggest|highest|lowest|most|leading|ranks?|one|half|third|thirds|quarter|quarters|fifth|fifths|eighths|tenth|tenths)(?-u:\b))"
    ))
    .expect("figure hint regex")
});

pub fn has_word_number(text: &str) -> bool {
    static WORDS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)(?-u:\b){WORDNUM}(?-u:\b)")).expect("word numbers"));
    WORDS.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<&str> {
        find_figures(text).into_iter().map(|f| &text[f.range]).collect::<Vec<_>>()
    }

    #[test]
    fn counts_are_the_number_and_its_noun() {
        assert_eq!(figures("The school has 320 teachers on staff."), ["320 teachers"]);
        assert_eq!(figures("roughly 640 households in the valley"), ["640 households"]);
        assert_eq!(figures("63 of Serbia's 67 known oil fields"), ["67 known oil fields"]);
        assert_eq!(figures("the two countries met in 2019"), Vec::<&str>::new());
        assert_eq!(figures("Membership now stands at 214, the highest."), ["214"]);
    }
}
