//! `date/event-calendar-mismatch`.

use super::calendar;
use super::civil::{self, Day};
use super::temporal::Precision;
use super::{in_body, Analysis, DateRule, Found};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Matches mentions of events in the events calendar (`checks/events.toml`: the World Economic Forum in Davos, the Munich Security Conference, NATO, G7 and G20 summits, UN climate COPs, Olympic Games, FIFA World Cups, the national elections of the G7 countries, solar and total lunar eclipses and more) and the date attached to the mention, and reports a date that cannot overlap the calendar's dates for that event. A date without a year in past narration is the most recent one before the document's date (`met at the G7 summit in June`, in a page of March 2024, is June 2023). The diagnostic names the calendar entry and its source.
    ///
    /// ## Why is this bad?
    /// A misdated event is a factual error that readers who know the event spot at once, and that undermines everything around it.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     At the Davos summit held in late 2022, the president said …
    ///
    /// (the 2022 meeting was held 22–26 May; Davos meetings are in January)
    ///
    /// Does not:
    ///
    ///     At the January 2023 Davos meeting, the president said …
    ///
    /// Add events with `calendars = ["my-events.toml"]` in corpuslint.toml.
    pub struct EventCalendarMismatch {
        id: "date/event-calendar-mismatch",
        severity: Warning,
        summary: "a well-known event is placed at a time it did not take place",
    }
}

impl DateRule for EventCalendarMismatch {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let doc = a.doc;
    for (i, s) in doc.sentences.iter().enumerate() {
        if !in_body(doc, s) {
            continue;
        }
        let text = doc.sentence_text(s);
        let dates: Vec<&Found> = a.of_sentence(i).iter().filter(|f| f.expr.impossible.is_none()).collect();
        if dates.is_empty() {
            continue;
        }
        let mentioned = a.calendar.any.matches(text);
        for (_, event) in a.calendar.events.iter().enumerate().filter(|(k, _)| mentioned.matched(*k)) {
            if event.requires.as_ref().is_some_and(|r| !r.is_match(text)) {
                continue;
            }
            for m in event.matcher.find_iter(text) {
                // The date attached to the mention: the nearest after it, else before it.
                let after = dates
                    .iter()
                    .filter(|f| f.expr.range.start >= m.end() && f.expr.range.start - m.end() <= 80)
                    .min_by_key(|f| f.expr.range.start);
                let before = dates
                    .iter()
                    .filter(|f| f.expr.range.end <= m.start() && m.start() - f.expr.range.end <= 40)
                    .max_by_key(|f| f.expr.range.end);
                let Some(f) = after.or(before) else { continue };
                let e = &f.expr;
                if e.precision > Precision::Year {
                    continue;
                }
                let number = event
                    .numbered
                    .as_ref()
                    .and_then(|r| r.captures(m.as_str()))
                    .and_then(|c| c["n"].parse::<u32>().ok());
                let (y, _, _) = civil::civil(e.start);
                let (y_end, _, _) = civil::civil(e.end);
                let candidates: Vec<&calendar::Occurrence> = match number {
                    Some(n) => event.occurrences.iter().filter(|o| o.number == Some(n)).collect(),
                    None => event
                        .occurrences
                        .iter()
                        .filter(|o| {
                            let (oy, _, _) = civil::civil(o.start);
                            oy >= y && oy <= y_end
                        })
                        .collect(),
                };
                let overlaps = |from: Day, to: Day| from - event.leeway <= e.end && e.start <= to + event.leeway;
                let (ok, evidence) = if !candidates.is_empty() {
                    let ok = candidates.iter().any(|o| overlaps(o.start, o.end));
                    let listed: Vec<String> = candidates
                        .iter()
                        .map(|o| format!("{} in {}", civil::format_span(o.start, o.end), o.place))
                        .collect();
                    (ok, listed.join("; "))
                } else if number.is_none() && y == y_end && e.precision <= Precision::Season {
                    match event.usual_span(y) {
                        Some((from, to)) => (
                            overlaps(from, to),
                            format!("it is held between {} and {} each year", civil::format(from), civil::format(to)),
                        ),
                        None => continue,
                    }
                } else {
                    continue;
                };
                if ok {
                    continue;
                }
                let written = &doc.source.text()[f.src.clone()];
                let which = match number {
                    Some(n) => format!("{} {n}", event.prefix.as_deref().unwrap_or(&event.name)),
                    None => format!("the {y} {}", event.name),
                };
                let mention = doc.src_range(s.prose.start + m.start()..s.prose.start + m.end());
                let mut finding = out.report(
                    Self::RULE,
                    f.src.clone(),
                    format!(
                        "{which} did not take place {} {written}: {evidence}",
                        if e.precision == Precision::Day { "on" } else { "in" }
                    ),
                );
                finding
                    .related(mention, format!("mention of the {}", event.name))
                    .note(format!("calendar entry `{}` ({}); source: {}", event.id, event.name, event.source));
                if !e.year_stated {
                    finding.note(format!(
                        "`{written}` names no year: read as {y}, the year the document's date and the tense point to"
                    ));
                }
                break;
            }
        }
    }
    }
}
