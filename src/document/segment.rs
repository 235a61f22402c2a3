//! Sentence segmentation.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (runs of them included) followed,
//! after any closing quotes, brackets and note markers, by white space and a
//! character that can start a sentence. The hard part is the full stop that
//! does not end one: abbreviations (`e.g.`, `Mr.`, `No. 5`, `pp. 33`),
//! initials (`P. Williams`), decimals (`€2.9 billion`) and note markers that
//! follow the stop (`…revolution.”[3]`, `…them.¹²`, `…interviewed.5`). The
//! word lists (titles, abbreviations, sentence starters) are data, in
//! `checks/words.toml`; marker shapes come from [`super::notes`]; tests in
//! `document/tests.rs` hold one case per row.

use std::ops::Range;

use crate::text::lexicon::Lexicon;

/// Sentence ranges (prose offsets) of `block`, trimmed of white space.
/// `markers` are prose ranges of note references known from markup, sorted.
pub fn sentences(prose: &str, block: Range<usize>, markers: &[Range<usize>], lex: &Lexicon) -> Vec<Range<usize>> {
    let text = &prose[block.clone()];
    let base = block.start;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Where the next `…` is (searched again only once passed), so that the
    // text between terminals is skipped by vectorised searches.
    let find_ellipsis = |from: usize| ELLIPSIS.find(&bytes[from..]).map_or(usize::MAX, |k| from + k);
    let mut ellipsis = find_ellipsis(0);
    while i < bytes.len() {
        if ellipsis < i {
            ellipsis = find_ellipsis(i);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map_or(usize::MAX, |k| i + k);
        i = stop.min(ellipsis);
        let Some(term_len) = terminal_at(text, i) else { break };
        let stop = i;
        // A run of terminals ("?!", "...", "…").
        let mut end = i + term_len;
        while let Some(l) = terminal_at(text, end) {
            end += l;
        }
        let after_terminals = end;
        end = skip_closers_and_markers(text, end, base, markers);
        let next_ws = end;
        let mut j = skip_space(text, end);
        // Markers written after a space belong to the sentence they close: "… territory. [1] Serbia …".
        // Not digits after an abbreviation that goes before a number ("Tue.
        // 6 October", "p. 12 For"): those are its number.
        let numbered = text[j.min(bytes.len())..].starts_with(|c: char| c.is_ascii_digit())
            && lex.before_number.contains_ignore_ascii_case(word_before(text, stop));
        if j > next_ws && j < bytes.len() && !numbered {
            let m = skip_closers_and_markers(text, j, base, markers);
            if m > j && (m == bytes.len() || skip_space(text, m) > m) && is_marker_run(&text[j..m]) {
                end = m;
                j = skip_space(text, m);
            }
        }
        let at_end = j >= bytes.len();
        let boundary = at_end || (j > end && ends_sentence(text, stop, after_terminals, &text[j..], lex));
        if boundary {
            push_trimmed(&mut out, text, start..end, base);
            start = j;
            i = j.max(end);
            if at_end {
                break;
            }
        } else {
            i = after_terminals;
        }
    }
    if start < bytes.len() {
        push_trimmed(&mut out, text, start..bytes.len(), base);
    }
    out
}

/// The first offset at or after `i` that is not white space (Unicode's, so
/// no-break spaces count).
fn skip_space(text: &str, i: usize) -> usize {
    text[i..].char_indices().find(|&(_, c)| !c.is_whitespace()).map_or(text.len(), |(k, _)| i + k)
}

static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// Length of a sentence-final mark at `i`, if there is one.
fn terminal_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i.min(text.len())..];
    match rest.first()? {
        b'.' | b'!' | b'?' => Some(1),
        _ if rest.starts_with("…".as_bytes()) => Some(3),
        _ => None,
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›' | '」' | '*' | '_')
}

fn is_superscript_digit(c: char) -> bool {
    super::superscript_digit(c).is_some()
}

fn is_marker_run(s: &str) -> bool {
    let s = s.trim_matches(|c: char| is_closer(c) && c != ']');
    !s.is_empty()
        && (s.starts_with('[') || s.chars().all(|c| is_superscript_digit(c) || c == '\u{fffd}' || c.is_ascii_digit()))
}

/// Skips closing quotes/brackets and note markers after a sentence's stop.
fn skip_closers_and_markers(text: &str, mut i: usize, base: usize, markers: &[Range<usize>]) -> usize {
    let bytes = text.as_bytes();
    loop {
        // A marker known from markup (HTML <sup>, Markdown [^x]).
        let abs = base + i;
        let k = markers.partition_point(|m| m.start < abs);
        // (Only one that ends inside the block: markup may close a marker after it.)
        if let Some(m) = markers.get(k).filter(|m| m.start == abs && m.end > abs && m.end - base <= text.len()) {
            i = m.end - base;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            return i;
        };
        if is_closer(c) || is_superscript_digit(c) || c == '\u{fffd}' {
            i += c.len_utf8();
            continue;
        }
        // [12], [^label], [12, 13]
        if c == '[' {
            match super::notes::bracket_len(&text[i..]) {
                Some(len) => {
                    i += len;
                    continue;
                }
                None => return i,
            }
        }
        // A note number glued after the stop: "interviewed.5 Next" (then
        // white space or the end), never a decimal ("2.5").
        if c.is_ascii_digit() {
            let n = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            let ends = bytes.get(i + n).is_none() || skip_space(text, i + n) > i + n;
            // Or detached by a space, as extractions write superscripts:
            // "… taken). 3 The next".
            let detached = n <= 3 && text[..i].ends_with(char::is_whitespace);
            if ends && (detached || super::notes::glued(text, i, n) == Some(false)) {
                i += n;
                continue;
            }
        }
        return i;
    }
}

/// Decides whether the stop at `stop` ends the sentence, given the text after
/// the white space that follows it.
fn ends_sentence(text: &str, stop: usize, after_terminals: usize, next: &str, lex: &Lexicon) -> bool {
    let Some(first) = next.chars().next() else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    let single_dot = after_terminals == stop + 1 && text.as_bytes()[stop] == b'.';
    if !single_dot {
        return true;
    }
    let word = word_before(text, stop);
    if word.is_empty() {
        return true;
    }
    if lex.never_final.contains_ignore_ascii_case(word) {
        return false;
    }
    if first.is_ascii_digit() && lex.before_number.contains_ignore_ascii_case(word) {
        return false;
    }
    let next_len = next.char_indices().find(|&(_, c)| !c.is_alphanumeric()).map_or(next.len(), |(i, _)| i);
    let next_word = &next[..next_len];
    // Asked only where it decides (a linear scan of the list).
    let starter = || lex.sentence_starters.contains(next_word);
    if lex.titles.contains_ignore_ascii_case(word)
        && word.chars().next().is_some_and(char::is_uppercase)
        && first.is_uppercase()
    {
        // "Jr." and "Sr." end sentences often enough to ask the next word.
        return (word.eq_ignore_ascii_case("jr") || word.eq_ignore_ascii_case("sr")) && starter();
    }
    // An initial: "P. Williams", "Francis M. Deng".
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() && first.is_uppercase() {
            return next_word.len() > 1 && starter();
        }
    }
    // Dotted abbreviations: "U.S.", "a.m.", "Ph.D.".
    if word.contains('.') {
        return starter();
    }
    true
}

/// The word (letters and inner dots) right before `stop`.
fn word_before(text: &str, stop: usize) -> &str {
    let head = &text[..stop];
    let start =
        head.char_indices().rev().take_while(|&(_, c)| c.is_alphabetic() || c == '.').last().map_or(stop, |(i, _)| i);
    let word = head[start..].trim_start_matches('.');
    // "et al."
    if word == "al" && head[..start].ends_with("et ") {
        return "et al";
    }
    word
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>, base: usize) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(base + range.start + lead..base + range.end - trail);
    }
}
