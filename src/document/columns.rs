//! Two-column pages of a layout-preserving PDF extraction (`pdftotext
//! -layout`): each line holds a line of the left column, a gutter of
//! spaces, and a line of the right column. Read as written, every sentence
//! would alternate between two paragraphs, and the notes at the foot of the
//! right column would sit in the middle of the left column's last lines.
//!
//! A page is two columns when one column position is blank (two spaces) on
//! nearly every line and splits many of them into text on both sides. The
//! page is then read column by column: the left column's lines, then the
//! right column's, as segments of the original lines (source ranges stay
//! exact). A line that crosses the gutter (a title, a wide table) is read
//! where it stands, after the column text above it.

use std::ops::Range;

/// A page is read as two columns when at least this many of its lines are
/// split by the gutter …
const MIN_SPLIT_LINES: usize = 6;
/// … and at least this share of its text lines.
const MIN_SPLIT_SHARE: f64 = 0.3;
/// The share of text lines the gutter must leave blank.
const MIN_CLEAR_SHARE: f64 = 0.9;

/// A line or part of one, and where it ends with its newline.
type Segment = (Range<usize>, usize);

/// Lines reordered column by column, with the end of each (its newline
/// included where it had one), or `None` when no page has two columns.
pub(super) fn split(text: &str, lines: &[Range<usize>], ends: &[usize]) -> Option<(Vec<Range<usize>>, Vec<usize>)> {
    let starts: Vec<usize> =
        std::iter::once(0).chain((1..lines.len()).filter(|&i| text[lines[i].clone()].contains('\u{c}'))).collect();
    if starts.len() < 2 {
        return None;
    }
    let mut out_lines = Vec::with_capacity(lines.len() + lines.len() / 2);
    let mut out_ends = Vec::with_capacity(out_lines.capacity());
    let mut any = false;
    for (k, &a) in starts.iter().enumerate() {
        let b = starts.get(k + 1).copied().unwrap_or(lines.len());
        // A gutter needs two spaces inside many lines: most pages have none.
        let inner_gaps = (a..b).filter(|&i| text[lines[i].clone()].trim().contains("  ")).count();
        let cols: Vec<Vec<usize>> = if inner_gaps >= MIN_SPLIT_LINES {
            (a..b).map(|i| char_starts(&text[lines[i].clone()])).collect()
        } else {
            Vec::new()
        };
        let Some((gutter, right)) = gutter(text, &lines[a..b], &cols) else {
            out_lines.extend_from_slice(&lines[a..b]);
            out_ends.extend_from_slice(&ends[a..b]);
            continue;
        };
        any = true;
        let (mut left_col, mut right_col): (Vec<Segment>, Vec<Segment>) = (Vec::new(), Vec::new());
        let flush = |left_col: &mut Vec<_>, right_col: &mut Vec<_>, out_lines: &mut Vec<_>, out_ends: &mut Vec<_>| {
            for (r, e) in left_col.drain(..).chain(right_col.drain(..)) {
                out_lines.push(r);
                out_ends.push(e);
            }
        };
        for i in a..b {
            let range = lines[i].clone();
            let line = &text[range.clone()];
            let at = &cols[i - a];
            let byte = |col: usize| at.get(col).map_or(line.len(), |&o| o);
            if line.trim().is_empty() {
                left_col.push((range.clone(), ends[i]));
                right_col.push((range, ends[i]));
                continue;
            }
            if !clear(line, at, gutter) {
                flush(&mut left_col, &mut right_col, &mut out_lines, &mut out_ends);
                out_lines.push(range);
                out_ends.push(ends[i]);
                continue;
            }
            let cut = byte(gutter);
            let left = line[..cut].trim_end();
            let blank_at = range.start + cut;
            if left.trim().is_empty() {
                left_col.push((blank_at..blank_at, blank_at));
            } else {
                // No newline after a left-column line: its gutter spaces
                // separate it from the next.
                left_col.push((range.start..range.start + left.len(), blank_at));
            }
            let rest = &line[cut..];
            if rest.trim().is_empty() {
                right_col.push((range.end..range.end, ends[i]));
            } else {
                let first = cut + (rest.len() - rest.trim_start().len());
                let from = first.min(byte(right).max(cut));
                right_col.push((range.start + from..range.end, ends[i]));
            }
        }
        flush(&mut left_col, &mut right_col, &mut out_lines, &mut out_ends);
    }
    any.then_some((out_lines, out_ends))
}

/// The byte offset of each character of `line`; a form feed starting a
/// page takes no column.
fn char_starts(line: &str) -> Vec<usize> {
    let skip = usize::from(line.starts_with('\u{c}'));
    if line.is_ascii() {
        (skip..line.len()).collect()
    } else {
        line.char_indices().skip(skip).map(|(i, _)| i).collect()
    }
}

/// Whether the two character columns before `col` are blank (or past the
/// end) in `line`.
fn clear(line: &str, at: &[usize], col: usize) -> bool {
    let blank = |c: usize| at.get(c).is_none_or(|&o| line.as_bytes()[o] == b' ');
    col >= 2 && blank(col - 1) && blank(col - 2)
}

/// Which character columns of a line are blank, and where its text starts
/// and ends (character columns).
struct Profile {
    blank: Vec<bool>,
    first: usize,
    last: usize,
}

impl Profile {
    fn of(line: &str, at: &[usize]) -> Option<Profile> {
        let blank: Vec<bool> = at.iter().map(|&o| line.as_bytes()[o] == b' ').collect();
        let first = blank.iter().position(|b| !b)?;
        let last = blank.iter().rposition(|b| !b)?;
        Some(Profile { blank, first, last })
    }

    /// The two columns before `col` are blank (or past the end).
    fn clear(&self, col: usize) -> bool {
        col >= 2 && self.blank.get(col - 1).is_none_or(|&b| b) && self.blank.get(col - 2).is_none_or(|&b| b)
    }

    /// Text on both sides of a clear `col`.
    fn splits(&self, col: usize) -> bool {
        self.first < col && self.last >= col
    }
}

/// The gutter of a two-column page (the character column the right column
/// is cut at) and where the right column's text starts.
fn gutter(text: &str, lines: &[Range<usize>], cols: &[Vec<usize>]) -> Option<(usize, usize)> {
    if cols.is_empty() {
        return None;
    }
    let profiles: Vec<Profile> =
        (0..lines.len()).filter_map(|i| Profile::of(&text[lines[i].clone()], &cols[i])).collect();
    let width = profiles.iter().map(|p| p.last + 1).max()?;
    if profiles.len() < MIN_SPLIT_LINES || width < 50 {
        return None;
    }
    let mut best: Option<(usize, usize)> = None; // (splits, column)
    for col in width * 3 / 10..=width * 7 / 10 {
        let (mut clear_lines, mut splits) = (0, 0);
        for p in &profiles {
            if p.clear(col) {
                clear_lines += 1;
                splits += usize::from(p.splits(col));
            }
        }
        let enough = splits >= MIN_SPLIT_LINES
            && splits as f64 >= MIN_SPLIT_SHARE * profiles.len() as f64
            && clear_lines as f64 >= MIN_CLEAR_SHARE * profiles.len() as f64;
        // The rightmost of the best columns: the gutter's right edge.
        if enough && best.is_none_or(|(s, _)| splits >= s) {
            best = Some((splits, col));
        }
    }
    let (_, col) = best?;
    // Where most right-column lines start.
    let mut starts = std::collections::HashMap::new();
    for p in profiles.iter().filter(|p| p.clear(col) && p.splits(col)) {
        let first = (col..p.blank.len()).find(|&c| !p.blank[c]).unwrap_or(col);
        *starts.entry(first).or_insert(0usize) += 1;
    }
    let right = starts.into_iter().max_by_key(|&(c, n)| (n, std::cmp::Reverse(c))).map_or(col, |(c, _)| c);
    Some((col, right))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> (Vec<Range<usize>>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut ends = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let nl = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
            lines.push(pos..nl);
            ends.push((nl + 1).min(text.len()));
            pos = nl + 1;
        }
        (lines, ends)
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let left = [
            "The first column starts here and",
            "runs down the page for a while,",
            "line after line, until it ends",
            "at the foot of the page where",
            "the reader moves to the right",
            "column and goes on reading there",
            "without a break in the sentence.",
        ];
        let right = [
            "The second column continues the",
            "argument of the first one, with",
            "its own lines, and at its foot",
            "there is a note marked after the",
            "word method1 as extraction left",
            "it.",
            "   1 On the archive, in macros.",
        ];
        let mut text = String::from("Head of page one\n\u{c}");
        for (l, r) in left.iter().zip(right) {
            text.push_str(&format!("{l:<40}{r}\n"));
        }
        let (lines, ends) = lines_of(&text);
        let (out, _) = split(&text, &lines, &ends).unwrap();
        let read: Vec<&str> = out.iter().map(|r| text[r.clone()].trim_start_matches('\u{c}')).collect();
        assert_eq!(read[0], "Head of page one");
        assert_eq!(&read[1..8], left);
        assert_eq!(read[8], right[0]);
        assert_eq!(read[14], "   1 On the archive, in macros.", "indentation within the column is kept");
    }

    #[test]
    fn single_column_pages_are_left_alone() {
        let mut text = String::from("One\n\u{c}");
        for _ in 0..10 {
            text.push_str("A line of ordinary prose that fills the width of the page as it should.\n");
        }
        let (lines, ends) = lines_of(&text);
        assert!(split(&text, &lines, &ends).is_none());
    }
}
