//! HTML, read with a small linear tokenizer that keeps source offsets.
//!
//! Maintained HTML parsers (html5ever and friends) build a tree and drop the
//! byte offsets of text nodes, which are the one thing a linter cannot lose;
//! prose extraction needs only tags, text and entities, so we tokenize. The
//! scan is a single pass: unclosed and misnested tags cost nothing extra, and
//! `<script>`/`<style>` bodies are skipped by searching for their end tag.
//!
//! Block elements open blocks; `<sup>` and `<a href="#fn…">` become note
//! references; elements with ids like `fn3` or `note-3` become note blocks;
//! `<meta>` dates and `<time datetime>` become metadata.

use std::ops::Range;

use super::plain::is_notes_heading;
use super::{BlockKind, Builder, RefKind, Section};

const SKIP: &[&str] = &["script", "style", "template", "noscript", "svg", "math", "pre", "textarea", "select", "nav"];

struct Tag<'t> {
    name: String,
    closing: bool,
    attrs: &'t str,
    self_closing: bool,
}

#[derive(Default)]
struct State {
    quote: usize,
    heading: Option<usize>,
    sup: Option<(usize, usize)>,
    anchor: Option<(String, usize, usize)>,
    note_depth: usize,
    /// Next item number of each open `<ol>`.
    ordered: Vec<Option<u32>>,
}

pub(super) fn parse(b: &mut Builder<'_>, text: &str, start: usize) {
    let bytes = text.as_bytes();
    let mut st = State::default();
    let mut pos = start;
    let mut text_start = pos;
    b.start_block(BlockKind::Paragraph, false);
    while pos < bytes.len() {
        let Some(off) = bytes[pos..].iter().position(|&c| c == b'<' || c == b'&') else {
            pos = bytes.len();
            break;
        };
        let at = pos + off;
        if bytes[at] == b'&' {
            b.push_src(text_start..at);
            let (decoded, len) = entity(&text[at..]);
            b.push_text(&decoded, at..at + len);
            pos = at + len;
            text_start = pos;
            continue;
        }
        // '<'
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            b.push_src(text_start..at);
            let end = rest.find("-->").map_or(text.len(), |i| at + i + 3);
            b.comment(text[at..end].to_string(), at..end);
            pos = end;
            text_start = pos;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            b.push_src(text_start..at);
            pos = rest.find('>').map_or(text.len(), |i| at + i + 1);
            text_start = pos;
            continue;
        }
        let Some((tag, len)) = parse_tag(rest) else {
            // A lone '<' is text.
            pos = at + 1;
            continue;
        };
        b.push_src(text_start..at);
        pos = at + len;
        text_start = pos;
        if !tag.closing && SKIP.contains(&tag.name.as_str()) && !tag.self_closing {
            pos = find_close(text, pos, &tag.name);
            if tag.name == "pre" {
                b.push_text("\u{fffc}", at..pos);
            }
            text_start = pos;
            continue;
        }
        element(b, &mut st, &tag, at..at + len);
    }
    b.push_src(text_start..pos.min(text.len()));
    b.end_block();
}

fn element(b: &mut Builder<'_>, st: &mut State, tag: &Tag<'_>, range: Range<usize>) {
    let name = tag.name.as_str();
    match (name, tag.closing) {
        ("head", false) => {}
        ("meta", false) => {
            let key =
                attr(tag.attrs, "name").or_else(|| attr(tag.attrs, "property")).or_else(|| attr(tag.attrs, "itemprop"));
            if let (Some(key), Some(value)) = (key, attr(tag.attrs, "content")) {
                b.meta(key.to_ascii_lowercase(), value, range);
            }
        }
        ("time", false) => {
            if let Some(value) = attr(tag.attrs, "datetime") {
                b.meta("time".into(), value, range);
            }
        }
        ("br", _) => b.push_text("\n", range),
        ("blockquote", false) => {
            st.quote += 1;
            b.start_block(BlockKind::Paragraph, true);
        }
        ("blockquote", true) => {
            st.quote = st.quote.saturating_sub(1);
            b.start_block(BlockKind::Paragraph, st.quote > 0);
        }
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title", false) => {
            b.start_block(BlockKind::Heading, st.quote > 0);
            st.heading = Some(b.prose_len());
        }
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title", true) => {
            let title = st.heading.take().map(|s| b.prose_tail(b.prose_len() - s).to_string()).unwrap_or_default();
            b.end_block();
            if name != "title" {
                b.set_section(if is_notes_heading(&title, b.lex()) { Section::References } else { Section::Body });
            }
            b.start_block(BlockKind::Paragraph, st.quote > 0);
        }
        ("sup", false) => {
            // "10<sup>6</sup>" is an exponent, not a marker.
            let after_digit = b.prose_tail(1).chars().next().is_some_and(|c| c.is_ascii_digit());
            st.sup = (!after_digit).then_some((b.prose_len(), range.start));
        }
        ("sup", true) => {
            if let Some((prose_start, src_start)) = st.sup.take() {
                let label = b.prose_tail(b.prose_len() - prose_start).trim().to_string();
                if is_note_label(&label) {
                    b.note_ref(label, RefKind::Html, prose_start..b.prose_len(), src_start..range.end);
                }
            }
        }
        ("a", false) => {
            if let Some(href) = attr(tag.attrs, "href") {
                st.anchor = Some((href, b.prose_len(), range.start));
            }
        }
        ("a", true) => {
            if let Some((href, prose_start, src_start)) = st.anchor.take() {
                let label = b.prose_tail(b.prose_len() - prose_start).trim().to_string();
                let note_target = href.strip_prefix('#').is_some_and(|id| note_id(id).is_some());
                if note_target && st.sup.is_none() && is_note_label(&label) && st.note_depth == 0 {
                    b.note_ref(label, RefKind::Html, prose_start..b.prose_len(), src_start..range.end);
                }
                if !href.starts_with('#') {
                    b.link(href, src_start..range.end, prose_start..b.prose_len());
                }
            }
        }
        ("code" | "kbd" | "samp", false) => {}
        (
            "p" | "div" | "li" | "dt" | "dd" | "td" | "th" | "caption" | "figcaption" | "section" | "article" | "aside"
            | "header" | "footer" | "main" | "table" | "tr" | "ul" | "ol" | "dl" | "figure" | "address" | "hr" | "body"
            | "html" | "form" | "fieldset" | "legend" | "details" | "summary",
            closing,
        ) => {
            let class = attr(tag.attrs, "class").unwrap_or_default().to_ascii_lowercase();
            if !closing && ["notes", "footnotes", "endnotes", "references"].iter().any(|c| class.contains(c)) {
                b.set_section(Section::References);
            }
            match (name, closing) {
                ("ol", false) => {
                    st.ordered.push(Some(attr(tag.attrs, "start").and_then(|s| s.parse().ok()).unwrap_or(1)))
                }
                ("ul", false) => st.ordered.push(None),
                ("ol" | "ul", true) => {
                    st.ordered.pop();
                }
                _ => {}
            }
            // "<li>" of an ordered list under a Notes heading is note n.
            let ordinal = match st.ordered.last_mut() {
                Some(Some(n)) if name == "li" && !closing => {
                    *n += 1;
                    (b.section() == Section::References).then(|| (*n - 1).to_string())
                }
                _ => None,
            };
            let kind = match name {
                "li" => BlockKind::ListItem,
                "td" | "th" => BlockKind::TableCell,
                _ => BlockKind::Paragraph,
            };
            let id = if closing { None } else { attr(tag.attrs, "id") };
            match id.as_deref().and_then(note_id).map(str::to_string).or(ordinal) {
                Some(label) => {
                    st.note_depth += 1;
                    b.start_block(BlockKind::Note, st.quote > 0);
                    b.set_label(label, range);
                }
                None if closing && st.note_depth > 0 && b.open_kind() == Some(BlockKind::Note) => {
                    st.note_depth -= 1;
                    b.end_block();
                    b.start_block(BlockKind::Paragraph, st.quote > 0);
                }
                None if st.note_depth > 0 && b.open_kind() == Some(BlockKind::Note) => {}
                None => b.start_block(if closing { BlockKind::Paragraph } else { kind }, st.quote > 0),
            }
        }
        _ => {}
    }
}

/// The note label in an element id: `fn3`, `fn:3`, `note-3`, `footnote_3`, `endnote3`, `ref-3`.
fn note_id(id: &str) -> Option<&str> {
    let lower = id.to_ascii_lowercase();
    for prefix in ["footnote", "endnote", "note", "fn", "en", "ftn", "edn"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let skip = rest.len() - rest.trim_start_matches(['-', '_', ':', '.']).len();
            let label = &id[prefix.len() + skip..];
            if !label.is_empty()
                && label.len() <= 12
                && label.chars().all(|c| c.is_ascii_alphanumeric())
                && !lower.contains("ref")
            {
                return Some(label);
            }
        }
    }
    None
}

/// Digits, one letter, or note symbols; never ordinal suffixes ("5<sup>th</sup>").
fn is_note_label(label: &str) -> bool {
    let mut chars = label.chars();
    let one_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.next().is_none();
    !label.is_empty()
        && label.len() <= 6
        && (label.bytes().all(|c| c.is_ascii_digit()) || one_letter || label.chars().all(|c| "*†‡§¶".contains(c)))
}

/// Parses a tag at the start of `s` ("<name …>" or "</name>").
fn parse_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let name_len = bytes[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[name_start..name_start + name_len].to_ascii_lowercase();
    // Find the closing '>' outside quotes.
    let mut quote: Option<u8> = None;
    let mut i = name_start + name_len;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                let attrs = &s[name_start + name_len..i];
                let self_closing = attrs.trim_end().ends_with('/');
                return Some((Tag { name, closing, attrs, self_closing }, i + 1));
            }
            None if c == b'<' => break,
            None => {}
        }
        i += 1;
    }
    None
}

/// Value of attribute `name` (entities in it decoded).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let before_ok = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
        let rest = attrs[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].split(q).next()?,
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
        };
        return Some(decode_entities(value));
    }
    None
}

fn find_close(text: &str, from: usize, name: &str) -> usize {
    let needle = format!("</{name}");
    let hay = &text.as_bytes()[from..];
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        .map(|i| {
            let at = from + i;
            text[at..].find('>').map_or(text.len(), |j| at + j + 1)
        })
        .unwrap_or(text.len())
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (decoded, len) = entity(&rest[i..]);
        out.push_str(&decoded);
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    out
}

/// Decodes the character reference at the start of `s` ("&amp;", "&#8217;").
/// Unknown or malformed references are kept as written.
fn entity(s: &str) -> (String, usize) {
    let end = s.as_bytes().iter().take(12).position(|&c| c == b';');
    let Some(end) = end else {
        return ("&".to_string(), 1);
    };
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        value.and_then(char::from_u32)
    } else {
        named_entity(name)
    };
    match c {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".to_string(), 1),
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "minus" => '−',
        "middot" => '·',
        "bull" => '•',
        "sect" => '§',
        "para" => '¶',
        "dagger" => '†',
        "Dagger" => '‡',
        "percnt" => '%',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "shy" => '\u{ad}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "szlig" => 'ß',
        _ => return None,
    })
}
