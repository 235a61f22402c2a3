//! The pages of a PDF extraction: where each page starts, the lines that
//! every page repeats (running heads, publisher stamps), and the notes at the
//! foot of each page.
//!
//! Extractors write a page's notes after its last body line, often with no
//! blank line between them and the text or list item above, so the line by
//! line classification of `plain` cannot tell them from a wrapped line that
//! happens to start with a number. A page is read from its foot upwards
//! instead: below the body sit the page number, the running head and the
//! stamps; above them, a run of lines that start with consecutive note
//! numbers (each with at most a few lines of its own text), and above that,
//! sometimes, a rule line. Such a run is taken for the page's notes only when
//! the page's body cites their numbers: a number glued to a word or after
//! punctuation (`them10.`), a superscript, or a U+FFFD where the number was.
//! A table of contents or a list of numbered code lines at the foot of a page
//! cites nothing, and stays text.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::notes::{glued, superscript_digit, superscript_number};

/// What the page reading decided about a line; `plain` classifies the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Forced {
    /// A running head, a stamp or a rule line.
    Debris,
    /// The first line of a note: its label and the label's source range.
    Note(String, Range<usize>),
    /// A further line of the note above it.
    NoteRest,
}

pub(super) struct Pages {
    /// Index of the first line of every page after the first.
    pub breaks: Vec<usize>,
    pub forced: Vec<Option<Forced>>,
}

/// Text lines a note may run to (its first line included) before the next
/// note starts, and after the last note's first line on the page.
const MAX_NOTE_LINES: usize = 10;
const MAX_LAST_NOTE_LINES: usize = 14;

/// Reads the pages of `text`, given its lines (without line ends). `None`
/// when the text has no page breaks (form feeds).
pub(super) fn read(text: &str, lines: &[Range<usize>]) -> Option<Pages> {
    let line = |i: usize| &text[lines[i].clone()];
    let breaks: Vec<usize> = (1..lines.len()).filter(|&i| line(i).contains('\u{c}')).collect();
    if breaks.is_empty() {
        return None;
    }
    let mut forced: Vec<Option<Forced>> = vec![None; lines.len()];
    let bounds: Vec<Range<usize>> = std::iter::once(0)
        .chain(breaks.iter().copied())
        .zip(breaks.iter().copied().chain(std::iter::once(lines.len())))
        .map(|(a, b)| a..b)
        .collect();
    for i in furniture(text, lines, &bounds) {
        forced[i] = Some(Forced::Debris);
    }
    for page in &bounds {
        foot_notes(text, lines, page.clone(), &mut forced);
    }
    Some(Pages { breaks, forced })
}

/// Lines repeated near the top or foot of at least three pages and a quarter
/// of all pages, once digits are ignored: running heads and stamps.
fn furniture(text: &str, lines: &[Range<usize>], pages: &[Range<usize>]) -> Vec<usize> {
    if pages.len() < 3 {
        return Vec::new();
    }
    // The first and last three lines with text (read from each end only).
    let edge = |page: &Range<usize>| -> Vec<usize> {
        let has_text = |i: &usize| !text[lines[*i].clone()].trim().is_empty();
        let mut out: Vec<usize> = page.clone().filter(has_text).take(3).collect();
        let tail: Vec<usize> = page.clone().rev().filter(has_text).take(3).collect();
        let first = out.last().copied();
        out.extend(tail.into_iter().rev().filter(|&i| first.is_none_or(|f| i > f)));
        out
    };
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    let mut at: Vec<(usize, String)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        // A note line at a page's foot is never furniture, however alike
        // the notes of several pages are ("12 Ibid., p. 4."): its number is
        // cited on its page.
        let mut cited: Option<Cited> = None;
        for i in edge(page) {
            let line = &text[lines[i].clone()];
            let Some(key) = furniture_key(line) else { continue };
            if let Some((Some(n), _)) = note_start(line) {
                let region = page.clone().map(|k| lines[k].start).min().unwrap_or(0)
                    ..page.clone().map(|k| lines[k].end).max().unwrap_or(0);
                if cited.get_or_insert_with(|| cited_numbers(&text[region])).numbers.contains(&n) {
                    continue;
                }
            }
            seen.entry(key.clone()).or_default().insert(p);
            at.push((i, key));
        }
    }
    let need = 3.max(pages.len() / 4);
    at.into_iter().filter(|(_, k)| seen[k].len() >= need).map(|(i, _)| i).collect()
}

/// A line with its digits and spacing ignored, if it has two words or more.
fn furniture_key(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut key = String::with_capacity(line.len());
    for w in words {
        if !key.is_empty() {
            key.push(' ');
        }
        let mut digits = false;
        for c in w.chars() {
            if c.is_ascii_digit() {
                if !digits {
                    key.push('#');
                }
                digits = true;
            } else {
                key.push(c);
                digits = false;
            }
        }
    }
    Some(key)
}

/// A line of a rule: `______`, `———`, `-----` alone.
pub(super) fn is_rule_line(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 5 && t.chars().all(|c| matches!(c, '_' | '—' | '–' | '-' | '─' | '━'))
}

/// The number of a line that starts like a page-foot note (`None` inside
/// for a U+FFFD label) and the label's range within the line.
fn note_start(line: &str) -> Option<(Option<u32>, Range<usize>)> {
    let lead = line.len() - line.trim_start().len();
    let t = &line[lead..];
    if let Some(rest) = t.strip_prefix('\u{fffd}') {
        return rest.starts_with([' ', '\t']).then_some((None, lead..lead + 3));
    }
    let sup: usize = t.chars().take_while(|&c| superscript_digit(c).is_some()).map(char::len_utf8).sum();
    if sup > 0 {
        let n = superscript_number(&t[..sup]).parse().ok()?;
        return opens_note_text(t[sup..].trim_start()).then_some((Some(n), lead..lead + sup));
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&n) || t.starts_with('0') {
        return None;
    }
    // "115. See id." as many journals number their notes.
    let dotted = rest_after_dot(&t[n..]);
    let rest = dotted.unwrap_or(&t[n..]);
    let spaced = rest.starts_with([' ', '\t']);
    // "115See, e.g." where the extractor lost the space after a superscript.
    let tight =
        rest.chars().next().is_some_and(char::is_uppercase) && rest.chars().nth(1).is_some_and(char::is_lowercase);
    if !(spaced && opens_note_text(rest.trim_start()) || tight && dotted.is_none()) {
        return None;
    }
    Some((Some(t[..n].parse().ok()?), lead..lead + n + usize::from(dotted.is_some())))
}

/// The text after `.` in "115. See", if the number is followed by one.
fn rest_after_dot(rest: &str) -> Option<&str> {
    rest.strip_prefix('.').filter(|r| r.starts_with([' ', '\t']))
}

/// How note text starts: a capital, a quote, a bracket, a command, or an
/// abbreviation such as `cf.`, `e.g.`, `ibid.`.
fn opens_note_text(t: &str) -> bool {
    let Some(c) = t.chars().next() else { return false };
    if c.is_uppercase() || "“\"‘'([\\*§<".contains(c) {
        return true;
    }
    // "cf.", "e.g.", or a word ("see", "siehe"): the page's body citing
    // the number is what makes the line a note.
    let word: &str = t.split_whitespace().next().unwrap_or("");
    let bare = word.trim_end_matches(['.', ',', ':']);
    c.is_lowercase()
        && (word.len() <= 6 && word.ends_with('.') || bare.len() >= 2 && bare.chars().all(char::is_alphabetic))
}

/// Finds the notes at the foot of `page` and marks their lines.
fn foot_notes(text: &str, lines: &[Range<usize>], page: Range<usize>, forced: &mut [Option<Forced>]) {
    let line = |i: usize| &text[lines[i].clone()];
    let blank = |i: usize| line(i).trim().is_empty();
    let skip = |i: usize, forced: &[Option<Forced>]| {
        blank(i) || forced[i] == Some(Forced::Debris) || super::plain::is_debris(line(i))
    };
    // Notes, bottom up: (line, number), and the lines below the lowest.
    let mut starts: Vec<(usize, Option<u32>)> = Vec::new();
    let mut since = 0usize;
    let mut rule = None;
    let mut i = page.end;
    while i > page.start {
        i -= 1;
        if skip(i, forced) {
            continue;
        }
        if is_rule_line(line(i)) {
            rule = Some(i);
            break;
        }
        match note_start(line(i)) {
            Some((n, _)) if fits(&starts, n) => {
                starts.push((i, n));
                since = 0;
            }
            Some(_) => break,
            None => {
                since += 1;
                let limit = if starts.is_empty() { MAX_LAST_NOTE_LINES } else { MAX_NOTE_LINES };
                if since >= limit {
                    break;
                }
            }
        }
    }
    let Some(&(top, _)) = starts.last() else { return };
    let numbers: Vec<u32> = starts.iter().filter_map(|&(_, n)| n).collect();
    let mangled = starts.len() - numbers.len();
    // Cited in the body above: at least half of the notes.
    let body_end = lines[top].start;
    let body = &text[lines[page.start].start..body_end];
    let cited = cited_numbers(body);
    let mut evidence = numbers.iter().filter(|n| cited.numbers.contains(n)).count();
    evidence += mangled.min(cited.mangled);
    let under_rule = rule.is_some_and(|r| (r + 1..top).all(&blank));
    if evidence == 0 || (evidence * 2 < starts.len() && !under_rule) {
        return;
    }
    if let Some(r) = rule.filter(|_| under_rule) {
        forced[r] = Some(Forced::Debris);
    }
    let start_at: HashMap<usize, Range<usize>> = starts
        .iter()
        .filter_map(|&(i, _)| note_start(line(i)).map(|(_, r)| (i, lines[i].start + r.start..lines[i].start + r.end)))
        .collect();
    for (k, slot) in forced.iter_mut().enumerate().take(page.end).skip(top) {
        if let Some(label) = start_at.get(&k) {
            let raw = &text[label.clone()];
            let name = if raw.starts_with(|c: char| superscript_digit(c).is_some()) {
                superscript_number(raw)
            } else {
                raw.trim_end_matches('.').to_string()
            };
            *slot = Some(Forced::Note(name, label.clone()));
        } else if slot.is_none() && !blank(k) && !super::plain::is_debris(line(k)) {
            *slot = Some(Forced::NoteRest);
        }
    }
}

/// Whether a note numbered `n` can stand right above the notes found so far
/// (read bottom up): one less than the lowest known number below it.
fn fits(starts: &[(usize, Option<u32>)], n: Option<u32>) -> bool {
    let mut below = 0u32;
    for &(_, m) in starts.iter().rev() {
        below += 1;
        if let Some(m) = m {
            // The nearest known number below, `below` notes down.
            let expect = m.checked_sub(below);
            return match n {
                None => expect.is_some_and(|e| e >= 1),
                Some(n) => expect == Some(n),
            };
        }
    }
    true
}

struct Cited {
    numbers: HashSet<u32>,
    mangled: usize,
}

/// Note numbers a page's body cites: digits glued to a word or after
/// punctuation, superscripts, and U+FFFD where a marker was.
fn cited_numbers(body: &str) -> Cited {
    let mut numbers = HashSet::new();
    let mut mangled = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < body.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let n = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after_digit = i > 0 && bytes[i - 1].is_ascii_digit();
            if !after_digit && glued(body, i, n).is_some() {
                if let Ok(v) = body[i..i + n].parse() {
                    numbers.insert(v);
                }
            }
            i += n;
            continue;
        }
        if b >= 0x80 {
            let c = body[i..].chars().next().unwrap_or(' ');
            if superscript_digit(c).is_some() {
                let run: usize =
                    body[i..].chars().take_while(|&c| superscript_digit(c).is_some()).map(char::len_utf8).sum();
                if let Ok(v) = superscript_number(&body[i..i + run]).parse() {
                    numbers.insert(v);
                }
                i += run;
                continue;
            }
            if c == '\u{fffd}' {
                mangled += 1;
            }
            i += c.len_utf8();
            continue;
        }
        i += 1;
    }
    Cited { numbers, mangled }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut pos = 0;
        for l in text.split('\n') {
            out.push(pos..pos + l.len());
            pos += l.len() + 1;
        }
        out
    }

    fn notes(text: &str) -> Vec<(usize, String)> {
        let ls = lines(text);
        let pages = read(text, &ls).expect("pages");
        pages
            .forced
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match f {
                Some(Forced::Note(label, _)) => Some((i + 1, label.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn notes_after_a_list_item_with_no_blank_line() {
        let text = "Body text built on GLYPHMILL1 , with PageForm2\n\
                    output and more text here.\n\
                    6. Axes drawn on a log scale\n\
                    1 GLYPHMILL is a trademark of Northfield Press.\n\
                    2 PageForm is a registered trademark of Calder Systems.\n\
                    \n\
                    1\n\
                    \u{c}Next page.";
        assert_eq!(notes(text), vec![(4, "1".into()), (5, "2".into())]);
    }

    #[test]
    fn notes_alike_on_every_page_are_notes_not_running_heads() {
        // "Ibid., p. 4." at the foot of page after page looks like a
        // running stamp once digits are ignored; its number is cited above.
        let mut text = String::new();
        for n in 1..=6 {
            text.push_str(&format!(
                "Journal of Things {n}\nThe court said so in plain words.{n} It said more.\n{n} Ibid., p. 4.\n\n{n}\n\u{c}"
            ));
        }
        let found = notes(&text);
        assert_eq!(found.len(), 6, "{found:?}");
        assert!(found.iter().enumerate().all(|(k, (_, label))| *label == (k + 1).to_string()));
    }

    #[test]
    fn notes_numbered_with_a_dot() {
        let text = "The court denied it.14 The appeal followed,15 and failed.\n\
                    14. See Evans, Forced Miracles 33 (2002).\n\
                    15. Id. at 41.\n\
                    \n\
                    7\n\
                    \u{c}Next page.";
        assert_eq!(notes(text), vec![(2, "14".into()), (3, "15".into())]);
    }

    #[test]
    fn notes_may_start_in_lower_case() {
        let text = "Das Gericht hat es abgelehnt.3 Mehr Text.\n\
                    3 siehe oben, Rn. 12.\n\
                    \n\
                    7\n\
                    \u{c}Next page.";
        assert_eq!(notes(text), vec![(2, "3".into())]);
    }

    #[test]
    fn numbered_lines_nobody_cites_are_not_notes() {
        let text = "Contents\n\
                    3 Manipulating Big Numbers\n\
                    4 Typesetting Numbers\n\
                    \n\
                    11\n\
                    \u{c}Next page.";
        assert!(notes(text).is_empty());
    }

    #[test]
    fn a_note_below_numbered_code_lines() {
        let text = "Break a verse line by inserting \\newline.1 More text.\n\
                    74 \\newcommand{\\x}[1]{#1}\n\
                    75 \\newcommand{\\y}[1]{#1}\n\
                    1 In an email dated 2006/01/13 A. R. pointed out that\n\
                    this should include an \\ignorespaces.\n\
                    \n\
                    \u{c}4.2";
        assert_eq!(notes(text), vec![(4, "1".into())]);
        let ls = lines(text);
        let pages = read(text, &ls).unwrap();
        assert_eq!(pages.forced[4], Some(Forced::NoteRest));
        assert_eq!(pages.forced[2], None);
    }

    #[test]
    fn running_heads_are_furniture() {
        let mut text = String::new();
        for p in 0..4 {
            if p > 0 {
                text.push('\u{c}');
            }
            let body = ["Alpha beta.", "Gamma delta.", "Epsilon zeta.", "Eta theta."][p];
            text.push_str(&format!("Journal of Things, Vol. 3 (2008) {}\n{body}\n\n", 100 + p));
        }
        let ls = lines(&text);
        let pages = read(&text, &ls).unwrap();
        let debris: Vec<usize> =
            pages.forced.iter().enumerate().filter(|(_, f)| **f == Some(Forced::Debris)).map(|(i, _)| i).collect();
        assert_eq!(debris, vec![0, 3, 6, 9]);
    }

    #[test]
    fn notes_under_a_rule_line() {
        let text = "It was denied.115 Then granted.116\n\
                    __________\n\
                    115 See Smith v. Jones, 1 U.S. 1 (1999).\n\
                    116 Id. at 4.\n\
                    \u{c}Next.";
        let ls = lines(text);
        let pages = read(text, &ls).unwrap();
        assert_eq!(pages.forced[1], Some(Forced::Debris));
        assert_eq!(notes(text), vec![(3, "115".into()), (4, "116".into())]);
    }
}
