//! Plain text, including text extracted from PDF.
//!
//! Paragraphs are runs of lines between blank lines; hard-wrapped lines stay
//! in one paragraph. PDF extractions add three kinds of debris that this
//! parser undoes: page-bottom notes (lines starting with a note number,
//! a superscript or a U+FFFD where the number was) that interrupt a sentence,
//! running headers and page numbers, and the page's first line, which some
//! extractors indent by one space. A paragraph interrupted by notes or debris
//! and resumed on the next page is stitched back into one block; the notes
//! become their own `Note` blocks after it.

use std::ops::Range;

use super::notes::{bracket_len, glued, superscript_digit, superscript_number};
use super::pages::{self, Forced};
use super::{BlockKind, Builder, Section};
use crate::text::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    Debris,
    Note,
    ListStart,
    Text,
}

struct Pending {
    kind: BlockKind,
    label: Option<(String, Range<usize>)>,
    lines: Vec<Range<usize>>,
}

struct Para {
    prose_start: usize,
    lines: usize,
    kind: BlockKind,
}

struct State<'b, 's> {
    b: &'b mut Builder<'s>,
    text: &'s str,
    para: Option<Para>,
    /// Notes and debris met while a paragraph may still resume.
    pending: Vec<Pending>,
    /// Lines since the last blank line belong to a note.
    in_note: bool,
    gap: bool,
    /// Every line is a paragraph (web extractions write one long line per
    /// paragraph with no blank line between them).
    line_mode: bool,
    /// The previous line was a bare URL (which may wrap onto this one).
    after_url: bool,
    /// Entries of the references section so far written `^ …` (encyclopedia
    /// pages copied as text: the list's numbers are not in the text, the
    /// back-link caret is).
    caret_entries: u32,
}

pub(super) fn parse<'s>(b: &mut Builder<'s>, text: &'s str, start: usize) {
    let line_mode = one_paragraph_per_line(&text[start..]);
    let mut st = State {
        b,
        text,
        para: None,
        pending: Vec::new(),
        in_note: false,
        gap: true,
        line_mode,
        after_url: false,
        caret_entries: 0,
    };
    // Lines without their ends, and the end of each with its newline.
    let mut lines = Vec::new();
    let mut ends = Vec::new();
    let mut pos = start;
    while pos < text.len() {
        let nl = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let mut end = nl;
        if end > pos && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        lines.push(pos..end);
        ends.push((nl + 1).min(text.len()));
        pos = nl + 1;
    }
    // Two-column pages (`pdftotext -layout`) are read column by column.
    if let Some((by_column, column_ends)) = super::columns::split(text, &lines, &ends) {
        lines = by_column;
        ends = column_ends;
    }
    let pages = pages::read(text, &lines);
    let mut next_break = 0;
    for (i, range) in lines.into_iter().enumerate() {
        let forced = match &pages {
            Some(p) => {
                if p.breaks.get(next_break) == Some(&i) {
                    st.b.page_break(range.start);
                    next_break += 1;
                }
                p.forced[i].clone()
            }
            None => None,
        };
        st.line(range, ends[i], forced);
    }
    st.close_para();
}

impl State<'_, '_> {
    fn line(&mut self, range: Range<usize>, with_newline_end: usize, forced: Option<Forced>) {
        let line = &self.text[range.clone()];
        let kind = match forced {
            Some(Forced::Debris) => Line::Debris,
            Some(Forced::Note(label, label_range)) => {
                return self.open_note(Some((label, label_range)), range.start..with_newline_end);
            }
            Some(Forced::NoteRest) => {
                if let Some(p) = self.pending.last_mut().filter(|p| p.kind == BlockKind::Note) {
                    p.lines.push(range.start..with_newline_end);
                    self.in_note = true;
                    self.gap = false;
                    return;
                }
                classify(line, self.gap || self.in_note, self.gap)
            }
            None => {
                if let Some((mut label, label_range)) =
                    self.in_references().then(|| self.reference_entry(line, range.start)).flatten()
                {
                    self.close_para();
                    if label.is_empty() {
                        self.caret_entries += 1;
                        label = self.caret_entries.to_string();
                    }
                    return self.open_note(Some((label, label_range)), range.start..with_newline_end);
                }
                if self.b.section() != Section::References {
                    self.caret_entries = 0;
                }
                // A references list with no blank lines between entries.
                let entry = self.b.section() == Section::References
                    && line.trim_start().starts_with('[')
                    && super::notes::bracket_note_label(line.trim_start()).is_some();
                let url_tail = self.after_url && is_url_tail(line);
                if url_tail {
                    Line::Debris
                } else {
                    classify(line, self.gap || self.in_note || entry, self.gap)
                }
            }
        };
        self.after_url = kind == Line::Debris && (is_bare_urls(line) || self.after_url && is_url_tail(line));
        match kind {
            Line::Blank => {
                self.gap = true;
                self.in_note = false;
            }
            Line::Debris => {
                self.hold(Pending {
                    kind: BlockKind::PageDebris,
                    label: None,
                    lines: std::iter::once(range).collect(),
                });
                self.gap = true;
                self.in_note = false;
            }
            Line::Note => {
                self.open_note(note_label(line, range.start), range.start..with_newline_end);
            }
            Line::ListStart | Line::Text => {
                let page_start = is_page_start(line);
                if self.in_note && !page_start && kind == Line::Text {
                    // A note continued on the next line.
                    if let Some(p) = self.pending.last_mut().filter(|p| p.kind == BlockKind::Note) {
                        p.lines.push(range.start..with_newline_end);
                        return;
                    }
                }
                let src = range.start..with_newline_end;
                let resumes =
                    self.para.is_some() && !self.pending.is_empty() && (self.gap || self.in_note) && kind == Line::Text;
                if resumes && self.may_stitch(line, page_start) {
                    self.b.push_break("\n");
                    self.b.push_src(src);
                    if let Some(p) = &mut self.para {
                        p.lines += 1;
                    }
                } else if self.para.is_some()
                    && !self.gap
                    && !self.in_note
                    && kind == Line::Text
                    && !(page_start && self.prev_ends_sentence())
                {
                    self.b.push_src(src);
                    if let Some(p) = &mut self.para {
                        p.lines += 1;
                    }
                } else {
                    self.close_para();
                    if kind == Line::Text && is_section_label(line, self.b.lex()) {
                        // "Abstract" alone on a line, its text right below.
                        self.b.start_block(BlockKind::Heading, false);
                        self.b.push_src(src);
                        self.b.end_block();
                        self.b.set_section(if is_notes_heading(line, self.b.lex()) {
                            Section::References
                        } else {
                            Section::Body
                        });
                        self.gap = true;
                        return;
                    }
                    if kind == Line::ListStart && self.b.section() == Section::References {
                        if let Some((label, label_range)) = numbered_item_label(line, range.start) {
                            // "1. Author, Title" under a Notes heading is note 1.
                            return self.open_note(Some((label, label_range)), src);
                        }
                    }
                    let block = if kind == Line::ListStart { BlockKind::ListItem } else { BlockKind::Paragraph };
                    self.b.start_block(block, false);
                    self.para = Some(Para { prose_start: self.b.prose_len(), lines: 1, kind: block });
                    self.b.push_src(src);
                }
                self.gap = self.line_mode;
                self.in_note = false;
            }
        }
    }

    /// Starts a note at `line` (held until the open paragraph is known to
    /// be finished); the lines after it continue it.
    fn open_note(&mut self, label: Option<(String, Range<usize>)>, line: Range<usize>) {
        self.hold(Pending { kind: BlockKind::Note, label, lines: std::iter::once(line).collect() });
        self.in_note = true;
        self.gap = false;
    }

    /// In a references section, or right under its heading (a paragraph
    /// that is only "References", not yet closed).
    fn in_references(&self) -> bool {
        self.b.section() == Section::References
            || self.gap
                && self.para.as_ref().is_some_and(|p| {
                    p.lines <= 2
                        && is_notes_heading(self.b.prose_tail(self.b.prose_len() - p.prose_start), self.b.lex())
                })
    }

    /// An entry of a references list that the other line kinds miss: `^ …`
    /// (its number is its place in the list: returned empty) or a number
    /// alone (`4.`, `4. ^`: an entry whose text was lost).
    fn reference_entry(&self, line: &str, base: usize) -> Option<(String, Range<usize>)> {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        for caret in ["^", "↑"] {
            if t == caret || t.strip_prefix(caret).is_some_and(|r| r.starts_with([' ', '\t'])) {
                return Some((String::new(), base + lead..base + lead + caret.len()));
            }
        }
        let (label, range) = numbered_item_label(line, base)?;
        let rest = line[range.end - base..].trim();
        (rest.is_empty() || rest == "^" || rest == "↑").then_some((label, range))
    }

    /// Keeps a note or debris line until the open paragraph is known to be
    /// finished, so a paragraph resumed after it stays contiguous.
    fn hold(&mut self, p: Pending) {
        self.pending.push(p);
    }

    fn emit(&mut self, p: Pending) {
        self.b.start_block(p.kind, false);
        if let Some((label, range)) = p.label {
            self.b.set_label(label, range);
        }
        for (i, line) in p.lines.into_iter().enumerate() {
            if i > 0 && p.kind == BlockKind::PageDebris {
                self.b.push_break("\n");
            }
            self.b.push_src(line);
        }
        self.b.end_block();
    }

    fn prev_ends_sentence(&self) -> bool {
        strip_trailing_markers(self.b.prose_tail(24).trim_end()).ends_with(['.', '!', '?', '…', ':'])
    }

    fn may_stitch(&self, line: &str, page_start: bool) -> bool {
        let first = line.trim_start().chars().next();
        let lower = first.is_some_and(char::is_lowercase);
        !self.prev_ends_sentence()
            && (lower || page_start)
            && self.para.as_ref().is_some_and(|p| p.kind == BlockKind::Paragraph)
    }

    fn close_para(&mut self) {
        if let Some(para) = self.para.take() {
            if para.kind == BlockKind::Paragraph {
                let len = self.b.prose_len() - para.prose_start;
                // Inside a references section a short line is an entry, not a
                // heading, unless it is unmistakably one (underlined, or in
                // capitals): that ends the section.
                let in_refs = self.b.section() == Section::References;
                let text = self.b.prose_tail(len);
                let heading = para.lines <= 3 && (!in_refs || is_marked_heading(text)) && is_heading_text(text);
                if heading {
                    self.b.set_kind(BlockKind::Heading);
                }
                self.b.end_block();
                if heading {
                    let title = self.b.prose_tail(len).trim().to_string();
                    self.b.set_section(if is_notes_heading(&title, self.b.lex()) {
                        Section::References
                    } else {
                        Section::Body
                    });
                }
            } else {
                self.b.end_block();
            }
        }
        for p in std::mem::take(&mut self.pending) {
            self.emit(p);
        }
    }
}

/// Whether paragraphs are written one per line: many long lines and no
/// typical wrap width.
fn one_paragraph_per_line(text: &str) -> bool {
    let (mut lines, mut long) = (0usize, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        if line.len() > 250 {
            long += 1;
        }
    }
    lines > 0 && long * 4 >= lines
}

/// A page's first line indented by exactly one space (as some PDF extractors
/// write it).
fn is_page_start(line: &str) -> bool {
    line.starts_with(' ') && !line[1..].starts_with([' ', '\t']) && line.len() > 1
}

fn classify(line: &str, block_start: bool, after_gap: bool) -> Line {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if is_debris(line) {
        return Line::Debris;
    }
    if block_start && note_label(line, 0).is_some() && looks_like_note(line) {
        return Line::Note;
    }
    // The rest of a note carried over from the previous page: "pp. 982–1001; …".
    if after_gap && t.starts_with(|c: char| c.is_lowercase()) && looks_like_note(t) && is_citation_start(t) {
        return Line::Note;
    }
    // A line of bare URLs, as web extractions leave between paragraphs.
    if is_bare_urls(t) {
        return Line::Debris;
    }
    if is_list_start(line) {
        return Line::ListStart;
    }
    Line::Text
}

fn is_bare_urls(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www."))
}

/// The rest of a URL wrapped onto the next line: one token with a `/` or a
/// file name (`indexbyyear/2020/`, `ltnews31.pdf`).
fn is_url_tail(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && (t.contains('/') || t.rsplit_once('.').is_some_and(|(a, ext)| !a.is_empty() && (2..=5).contains(&ext.len())))
        && !t.ends_with([',', ';', ':'])
}

/// A page number alone, a form feed, or a running header ending (or
/// starting) with a page number after a wide gap.
pub(super) fn is_debris(line: &str) -> bool {
    let t = line.trim();
    if t.contains('\u{c}') && t.trim_matches('\u{c}').is_empty() {
        return true;
    }
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // A line of a table of contents: dot leaders to a page number
    // ("1.3 Overview . . . . . . . 4"). Six dots: an ellipsis, even the
    // spaced four of legal writing, has fewer.
    if t.contains(". . . . . .") || t.contains("......") {
        return true;
    }
    // `– 7 –`, `-12-`, `— 3`: a page number between dashes.
    let bare = t.trim_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace());
    if bare.len() < t.len() && !bare.is_empty() && bare.len() <= 4 && bare.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if t.len() < 20
        && t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("page "))
        && t[5..].split_whitespace().next().is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
    {
        return true;
    }
    // "Author · Title                1", or "1                Title".
    let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if (1..=4).contains(&(t.len() - head.len()))
        && head.ends_with("    ")
        && !head.trim_end().ends_with(['.', ',', ';'])
    {
        return true;
    }
    let tail = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if (1..=4).contains(&(t.len() - tail.len())) && tail.starts_with("    ") {
        return true;
    }
    false
}

/// The label of a line that starts like a note: `� `, `¹ `, `[3] `, `10 `.
fn note_label(line: &str, base: usize) -> Option<(String, Range<usize>)> {
    let lead = line.len() - line.trim_start().len();
    if lead > 1 {
        return None;
    }
    let t = &line[lead..];
    let at = base + lead;
    if let Some(rest) = t.strip_prefix('\u{fffd}') {
        return rest.starts_with([' ', '\t']).then(|| ("\u{fffd}".to_string(), at..at + 3));
    }
    let len: usize = t.chars().take_while(|&c| superscript_digit(c).is_some()).map(char::len_utf8).sum();
    if len > 0 {
        return t[len..].starts_with([' ', '\t']).then(|| (superscript_number(&t[..len]), at..at + len));
    }
    if let Some(rest) = t.strip_prefix('[') {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&n) && rest[n..].starts_with(']') {
            return Some((rest[..n].to_string(), at..at + n + 2));
        }
        return None;
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&n) && t[n..].starts_with([' ', '\t']) && !t.starts_with('0') {
        let next = t[n..].trim_start().chars().next()?;
        if next.is_uppercase() || matches!(next, '“' | '"' | '‘') {
            return Some((t[..n].to_string(), at..at + n));
        }
    }
    None
}

/// Bare-number note lines must read like a citation; the other label forms
/// are unambiguous.
fn looks_like_note(line: &str) -> bool {
    let t = line.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase()) {
        return true;
    }
    let lower = t.to_lowercase();
    super::notes::has_year(t)
        || lower.contains("pp.")
        || lower.contains("ibid")
        || lower.contains("http")
        || lower.contains("op. cit")
        || lower.contains(" p. ")
        || t.contains('“')
}

/// The number of a `1.` or `1)` list item.
fn numbered_item_label(line: &str, base: usize) -> Option<(String, Range<usize>)> {
    let lead = line.len() - line.trim_start().len();
    let t = &line[lead..];
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=3).contains(&n) && t[n..].starts_with(['.', ')']))
        .then(|| (t[..n].to_string(), base + lead..base + lead + n + 1))
}

/// Starts like the middle of a reference: a page range or a volume.
fn is_citation_start(t: &str) -> bool {
    ["pp.", "p.", "vol.", "no.", "ed.", "eds.", "in ", "ibid"].iter().any(|p| t.starts_with(p))
}

fn is_list_start(line: &str) -> bool {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '•', '–', '▪', '◦']) {
        return rest.starts_with([' ', '\t']) && !rest.trim().is_empty();
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&n) && t[n..].starts_with([')', '.']) && t[n + 1..].starts_with([' ', '\t']) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('(') {
        let n = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
        return (1..=3).contains(&n) && rest[n..].starts_with(") ");
    }
    false
}

/// A short line with no sentence-final punctuation reads as a heading.
fn is_heading_text(text: &str) -> bool {
    let t = strip_trailing_markers(text.trim());
    // Counting stops at 15 words: a paragraph is never read to its end.
    let words = t.split_whitespace().take(15).count();
    words > 0
        && words <= 14
        && !t.ends_with(['.', ',', ';', '!', '?', '”', '"', '-'])
        && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// A heading no reader could take for anything else: underlined with a
/// line of `=`, `-` or `~`, or at least two words all in capitals.
fn is_marked_heading(text: &str) -> bool {
    let text = text.trim();
    let underlined = text.lines().count() > 1
        && text.lines().last().is_some_and(|l| {
            let l = l.trim();
            l.len() >= 3
                && (l.bytes().all(|b| b == b'=') || l.bytes().all(|b| b == b'-') || l.bytes().all(|b| b == b'~'))
        });
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let capitals =
        words.len() >= 2 && words.iter().all(|w| w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase));
    underlined || capitals
}

/// `text.[3]`, `text.”¹`, `text.5` → `text.`: what ends the sentence.
fn strip_trailing_markers(mut t: &str) -> &str {
    loop {
        let before = t;
        if t.ends_with(']') {
            if let Some(open) = t.rfind('[').filter(|&o| bracket_len(&t[o..]) == Some(t.len() - o)) {
                t = t[..open].trim_end();
            }
        }
        t = t.trim_end_matches(|c: char| superscript_digit(c).is_some() || "\u{fffd}\"'”’)".contains(c));
        let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && glued(t, t.len() - digits, digits) == Some(false) {
            t = &t[..t.len() - digits];
        }
        if t == before {
            return t;
        }
    }
}

/// Section names that stand alone on a line even without a blank line after.
fn is_section_label(line: &str, lex: &Lexicon) -> bool {
    if line.len() > 40 {
        return false;
    }
    let t = line.trim().trim_end_matches([':', '.']).to_lowercase();
    is_notes_heading(&t, lex) || lex.section_headings.contains_lower(&t)
}

/// Headings that open a notes or references section.
pub(super) fn is_notes_heading(title: &str, lex: &Lexicon) -> bool {
    lex.notes_headings.contains_any_case(title.trim().trim_end_matches([':', '.']).trim())
}
