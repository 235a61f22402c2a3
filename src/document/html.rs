//! HTML, read with a small linear tokenizer that keeps source offsets.
//!
//! Why not a maintained parser: a linter must map every character of prose
//! back to its bytes. html5ever and scraper build a tree and keep no byte
//! offsets for text; lol_html reports where a text chunk starts but hands its
//! text decoded, so inside a chunk with references (`&amp;`) the offsets are
//! lost; html5tokenizer has spans but emits one token per character, slower
//! than this whole parse. Prose extraction needs only tags, text and
//! character references, so we tokenize, in a single pass: unclosed and
//! misnested tags cost nothing extra, and `<script>`/`<style>` bodies are
//! skipped by searching for their end tag. Character references decode as
//! browsers do, from the complete list of HTML's named references (the
//! `entities` crate: WHATWG's 2,231 entries); a test decodes every one.
//!
//! Block elements open blocks; `<sup>` and `<a href="#fn…">` become note
//! references; elements with ids like `fn3` or `note-3` become note blocks;
//! `<meta>` dates and `<time datetime>` become metadata.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

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
    /// The label of the note a link inside the open `<sup>` points to.
    sup_target: Option<String>,
    anchor: Option<(String, usize, usize)>,
    note_depth: usize,
    /// Next item number of each open `<ol>`.
    ordered: Vec<Option<u32>>,
    /// Where the outermost open `<code>` (`<kbd>`, `<samp>`, `<tt>`) began
    /// in the prose, and how many are open.
    code: Option<(usize, usize)>,
    /// How many `<li>` are open: a paragraph inside one is part of the item.
    items: usize,
    /// Open `div`, `section`, `aside`, `footer` and `nav` elements, by name.
    containers: [usize; 5],
    /// The open page footer (`<footer>`, a `footer` class or id): the
    /// element's name and its nesting depth. Its text is page furniture.
    footer: Option<(usize, usize)>,
}

const CONTAINERS: [&str; 5] = ["div", "section", "aside", "footer", "nav"];

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
            st.sup_target = None;
        }
        ("sup", true) => {
            if let Some((prose_start, src_start)) = st.sup.take() {
                let shown = marker_label(b.prose_tail(b.prose_len() - prose_start));
                let label = match st.sup_target.take() {
                    Some(target) if is_note_label(&shown) => target,
                    _ => shown,
                };
                // A superscript inside a link to a place in the text is not
                // a marker of its own: a link to a note is the marker (read
                // when it closes), any other is a back-link (`^ a b`).
                let in_anchor = st.anchor.as_ref().is_some_and(|(href, ..)| href.starts_with('#'));
                if is_note_label(&label) && !in_anchor {
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
                let label = marker_label(b.prose_tail(b.prose_len() - prose_start));
                // The note it links to names it: `<a href="#ftn.id41">[2]</a>`
                // cites the note with id `ftn.id41`.
                let target = href.strip_prefix('#').and_then(note_id).filter(|_| st.note_depth == 0);
                match target {
                    Some(target) if st.sup.is_some() => st.sup_target = Some(target.to_string()),
                    Some(target) if is_note_label(&label) => {
                        b.note_ref(target.to_string(), RefKind::Html, prose_start..b.prose_len(), src_start..range.end);
                    }
                    _ => {}
                }
                if !href.starts_with('#') {
                    b.link(href, src_start..range.end, prose_start..b.prose_len());
                }
            }
        }
        ("code" | "kbd" | "samp" | "tt", false) => {
            st.code = Some(st.code.map_or((b.prose_len(), 1), |(at, n)| (at, n + 1)));
        }
        ("code" | "kbd" | "samp" | "tt", true) => match st.code {
            Some((at, 1)) => {
                b.inline_code(at..b.prose_len());
                st.code = None;
            }
            Some((at, n)) => st.code = Some((at, n - 1)),
            None => {}
        },
        (
            "p" | "div" | "li" | "dt" | "dd" | "td" | "th" | "caption" | "figcaption" | "section" | "article" | "aside"
            | "header" | "footer" | "main" | "table" | "tr" | "ul" | "ol" | "dl" | "figure" | "address" | "hr" | "body"
            | "html" | "form" | "fieldset" | "legend" | "details" | "summary",
            closing,
        ) => {
            let class = attr(tag.attrs, "class").unwrap_or_default().to_ascii_lowercase();
            if let Some(k) = CONTAINERS.iter().position(|c| *c == name) {
                if closing {
                    if st.footer == Some((k, st.containers[k])) {
                        st.footer = None;
                    }
                    st.containers[k] = st.containers[k].saturating_sub(1);
                } else {
                    st.containers[k] += 1;
                    let id = attr(tag.attrs, "id").unwrap_or_default().to_ascii_lowercase();
                    let footer = name == "footer"
                        || class
                            .split_whitespace()
                            .chain(id.split_whitespace())
                            .any(|w| w == "footer" || w.ends_with("-footer") || w.starts_with("footer-"));
                    if footer && st.footer.is_none() {
                        st.footer = Some((k, st.containers[k]));
                    }
                }
            }
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
            match (name, closing) {
                ("li", false) => st.items += 1,
                ("li", true) => st.items = st.items.saturating_sub(1),
                _ => {}
            }
            let kind = match name {
                "li" => BlockKind::ListItem,
                "td" | "th" => BlockKind::TableCell,
                _ if st.items > 0 && !matches!(name, "ul" | "ol") => BlockKind::ListItem,
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
                None => {
                    let after = if st.items > 0 { BlockKind::ListItem } else { BlockKind::Paragraph };
                    b.start_block(if closing { after } else { kind }, st.quote > 0)
                }
            }
            // A page footer's text ("Last updated on …", "Created using …")
            // is furniture, not prose.
            if st.footer.is_some() && matches!(b.open_kind(), Some(BlockKind::Paragraph | BlockKind::ListItem)) {
                b.set_kind(BlockKind::PageDebris);
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
            // `fn3`, `en12`, but not `encodings`, `enum`, `notes`: without
            // a separator the label is a number.
            let spelled = skip == 0 && !label.bytes().all(|b| b.is_ascii_digit());
            if !label.is_empty()
                && !spelled
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

/// The label a marker shows: `3`, or `[3]` as encyclopedias print it.
fn marker_label(shown: &str) -> String {
    let t = shown.trim();
    t.strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or(t).trim().to_string()
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

/// Every named character reference of HTML (the WHATWG list: 2,231
/// entries, including the legacy ones written without a semicolon), by name
/// with its `&` and `;`.
static NAMED: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| entities::ENTITIES.iter().map(|e| (e.entity, e.characters)).collect());

/// The longest name in the list, `&` and `;` included.
const LONGEST_NAME: usize = 33;

/// What HTML puts for the numeric references 0x80–0x9F (Windows-1252).
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes the character reference at the start of `s` (`&amp;`, `&#8217;`,
/// `&#x2019;`, the legacy `&copy` without a semicolon) as a browser does;
/// returns the text and the length of the reference. A `&` that starts no
/// reference is kept as written.
fn entity(s: &str) -> (String, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let digits =
            b[start..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return ("&".to_string(), 1);
        }
        let end = start + digits;
        let value = u32::from_str_radix(&s[start..end], if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let c = match value {
            0x80..=0x9f => C1[(value - 0x80) as usize],
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        let len = if b.get(end) == Some(&b';') { end + 1 } else { end };
        return (c.to_string(), len);
    }
    let name = b[1..].iter().take(LONGEST_NAME).take_while(|c| c.is_ascii_alphanumeric()).count();
    if b.get(1 + name) == Some(&b';') {
        if let Some(text) = NAMED.get(&s[..name + 2]) {
            return (text.to_string(), name + 2);
        }
    }
    // The longest legacy name (`&not` of `&notit;`) that the text starts with.
    for len in (2..=name).rev() {
        if let Some(text) = NAMED.get(&s[..len + 1]) {
            return (text.to_string(), len + 1);
        }
    }
    ("&".to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every named reference of the HTML list decodes to its characters,
    /// alone and inside a paragraph (where the source map must hold).
    #[test]
    fn every_named_entity_decodes() {
        let mut html = String::from("<p>");
        let mut want = String::new();
        for e in entities::ENTITIES.iter() {
            assert_eq!(entity(e.entity), (e.characters.to_string(), e.entity.len()), "{}", e.entity);
            if e.entity.ends_with(';') {
                html.push_str(e.entity);
                html.push(' ');
                want.push_str(e.characters);
                want.push(' ');
            }
        }
        html.push_str("</p>");
        let doc = super::super::Document::from_text("e.html", super::super::Format::Html, &html);
        assert_eq!(doc.prose.trim_end(), want.trim_end());
        // Each decoded character maps back to its reference.
        let first = doc.src_range(0..'Á'.len_utf8());
        assert_eq!(&html[first], "&Aacute;");
    }

    #[test]
    fn numeric_and_legacy_references_decode_as_browsers_do() {
        for (s, text, len) in [
            ("&#8217;x", "’", 7),
            ("&#x2019;", "’", 8),
            ("&#8217 x", "’", 6),
            ("&#150;", "–", 6),
            ("&#0;", "\u{fffd}", 4),
            ("&#xD800;", "\u{fffd}", 8),
            ("&copy 2024", "©", 5),
            ("&notit;", "¬", 4),
            ("&CounterClockwiseContourIntegral;", "∳", 33),
            ("& x", "&", 1),
            ("&nosuch;", "&", 1),
        ] {
            assert_eq!(entity(s), (text.to_string(), len), "{s}");
        }
    }
}
