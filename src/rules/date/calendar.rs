//! The events calendar (`checks/events.toml` and users' calendar files):
//! parsed, validated and compiled into matchers once per run.

use regex::Regex;
use serde::Deserialize;

use super::civil::{self, Day};

/// The embedded default calendar.
pub const DEFAULT: &str = include_str!("../../../checks/events.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    event: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    requires: Option<String>,
    numbered: Option<String>,
    usual: Option<[String; 2]>,
    #[serde(default)]
    leeway: u32,
    source: String,
    #[serde(default)]
    occurrence: Vec<RawOccurrence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOccurrence {
    start: toml::value::Datetime,
    end: toml::value::Datetime,
    place: String,
    number: Option<u32>,
}

/// One time an event took place.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub start: Day,
    pub end: Day,
    pub place: String,
    pub number: Option<u32>,
}

/// A calendar event, compiled.
#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub matcher: Regex,
    pub requires: Option<Regex>,
    /// The prefix a number follows ("COP"), and its matcher.
    pub prefix: Option<String>,
    pub numbered: Option<Regex>,
    /// Usual window as ((month, day), (month, day)).
    pub usual: Option<((u32, u32), (u32, u32))>,
    /// Days a mention may fall before or after an occurrence and still
    /// match it (local dates of an eclipse differ from its UTC date).
    pub leeway: i64,
    pub source: String,
    pub occurrences: Vec<Occurrence>,
}

/// All events of the loaded calendars.
#[derive(Debug)]
pub struct Calendar {
    pub events: Vec<Event>,
    /// Every event's matcher as one set: which events a sentence mentions,
    /// in one scan.
    pub any: regex::RegexSet,
}

fn to_day(d: &toml::value::Datetime) -> Result<Day, String> {
    let date = d.date.as_ref().ok_or_else(|| format!("`{d}` has no date"))?;
    let (y, m, dd) = (i64::from(date.year), u32::from(date.month), u32::from(date.day));
    if !civil::valid(y, m, dd) {
        return Err(format!("`{d}` is not a real date"));
    }
    Ok(civil::day(y, m, dd))
}

fn month_day(s: &str) -> Result<(u32, u32), String> {
    let (m, d) = s.split_once('-').ok_or_else(|| format!("`{s}` is not MM-DD"))?;
    let (m, d): (u32, u32) =
        (m.parse().map_err(|_| format!("`{s}` is not MM-DD"))?, d.parse().map_err(|_| format!("`{s}` is not MM-DD"))?);
    if !civil::valid(2024, m, d) {
        return Err(format!("`{s}` is not a real month and day"));
    }
    Ok((m, d))
}

impl Calendar {
    /// Parses calendar files; `name` is used in error messages.
    pub fn parse(files: &[(&str, &str)]) -> Result<Calendar, String> {
        let mut events: Vec<Event> = Vec::new();
        for (name, text) in files {
            let file: File = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            for raw in file.event {
                let err = |m: String| format!("{name}: event `{}`: {m}", raw.id);
                if events.iter().any(|e| e.id == raw.id) {
                    return Err(err("defined twice".into()));
                }
                let mut alternatives: Vec<String> =
                    raw.aliases.iter().map(|a| format!(r"(?-u:\b){}(?-u:\b)", regex::escape(a))).collect();
                // ASCII word boundaries keep the matchers on the fast (DFA) engines.
                alternatives.extend(raw.patterns.iter().map(|p| p.replace(r"\b", r"(?-u:\b)")));
                let numbered = match &raw.numbered {
                    Some(prefix) => {
                        // COP27, COP 27, COP-27.
                        let p = format!(r"(?-u:\b){}[\s-]?(?P<n>[0-9]{{1,3}})(?-u:\b)", regex::escape(prefix));
                        alternatives.push(p.replace("?P<n>", ""));
                        Some(Regex::new(&p).map_err(|e| err(e.to_string()))?)
                    }
                    None => None,
                };
                if alternatives.is_empty() {
                    return Err(err("has no aliases, patterns or numbered prefix".into()));
                }
                let matcher = Regex::new(&alternatives.join("|")).map_err(|e| err(e.to_string()))?;
                let requires = raw
                    .requires
                    .as_deref()
                    .map(|r| Regex::new(&r.replace(r"\b", r"(?-u:\b)")))
                    .transpose()
                    .map_err(|e| err(e.to_string()))?;
                let usual = match &raw.usual {
                    Some([a, b]) => Some((month_day(a).map_err(err)?, month_day(b).map_err(err)?)),
                    None => None,
                };
                let mut occurrences = Vec::new();
                for o in &raw.occurrence {
                    let (start, end) = (to_day(&o.start).map_err(err)?, to_day(&o.end).map_err(err)?);
                    if end < start {
                        return Err(err(format!("occurrence at {} ends before it starts", o.place)));
                    }
                    occurrences.push(Occurrence { start, end, place: o.place.clone(), number: o.number });
                }
                events.push(Event {
                    id: raw.id.clone(),
                    name: raw.name.clone(),
                    aliases: raw.aliases.clone(),
                    matcher,
                    requires,
                    prefix: raw.numbered.clone(),
                    numbered,
                    usual,
                    leeway: i64::from(raw.leeway),
                    source: raw.source.clone(),
                    occurrences,
                });
            }
        }
        let any = regex::RegexSet::new(events.iter().map(|e| e.matcher.as_str())).map_err(|e| e.to_string())?;
        Ok(Calendar { events, any })
    }

    pub fn default_calendar() -> Calendar {
        Calendar::parse(&[("checks/events.toml", DEFAULT)]).expect("the embedded calendar is valid (tested)")
    }
}

impl Event {
    /// The span the event could have in `year` when no occurrence is listed.
    pub fn usual_span(&self, year: i64) -> Option<(Day, Day)> {
        let ((m1, d1), (m2, d2)) = self.usual?;
        let end_year = if (m2, d2) < (m1, d1) { year + 1 } else { year };
        Some((civil::day(year, m1, d1), civil::day(end_year, m2, d2)))
    }
}
