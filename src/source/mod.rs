//! Source files as stored on disk, decoded once.
//!
//! A [`Source`] owns the decoded text of one file and knows how to turn an
//! offset in that text back into the byte offset of the file *as stored*
//! (the JSON contract speaks in on-disk bytes) and into a 1-based line and
//! column. It is the only place that converts between bytes and characters.
//!
//! Decoding never fails: valid UTF-8 (with or without a BOM, LF or CRLF) is
//! kept byte for byte, so decoded offsets equal on-disk offsets; invalid
//! sequences are replaced by U+FFFD and the first bad byte is remembered so the
//! loader can report it.
//!
//! [`SourceDb`] numbers the files of a run and resolves spans into lines,
//! columns and snippets when a report is rendered.

mod db;

use std::ops::Range;

pub use db::{FileId, SourceDb, Stamp};

/// A 1-based line and column, the column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Decoded text of one file plus the maps back to the stored bytes.
#[derive(Debug, Clone)]
pub struct Source {
    text: String,
    /// Start offset (in `text`) of every line; lines split on `\n`.
    line_starts: Vec<usize>,
    /// Only for lossily decoded input: `(decoded_offset, stored_offset)` at
    /// the start of every run that follows a replaced sequence.
    remap: Vec<(usize, usize)>,
    /// Byte offset in the stored file of the first invalid UTF-8 sequence.
    first_invalid: Option<usize>,
    has_bom: bool,
}

impl Source {
    /// Decodes `bytes`, replacing invalid UTF-8 rather than failing.
    pub fn decode(bytes: Vec<u8>) -> Source {
        let (text, remap, first_invalid) = match String::from_utf8(bytes) {
            Ok(text) => (text, Vec::new(), None),
            Err(err) => {
                let bytes = err.into_bytes();
                decode_lossy(&bytes)
            }
        };
        Source::from_parts(text, remap, first_invalid)
    }

    /// Wraps text that is already valid UTF-8 (tests, stdin, generated input).
    pub fn from_text(text: impl Into<String>) -> Source {
        Source::from_parts(text.into(), Vec::new(), None)
    }

    fn from_parts(text: String, remap: Vec<(usize, usize)>, first_invalid: Option<usize>) -> Source {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let has_bom = text.starts_with('\u{feff}');
        Source { text, line_starts, remap, first_invalid, has_bom }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn has_bom(&self) -> bool {
        self.has_bom
    }

    /// Offset where the content starts, after a byte-order mark if any.
    pub fn content_start(&self) -> usize {
        if self.has_bom {
            '\u{feff}'.len_utf8()
        } else {
            0
        }
    }

    pub fn first_invalid_byte(&self) -> Option<usize> {
        self.first_invalid
    }

    /// Whether the U+FFFD at decoded `offset` was put there by decoding
    /// (as opposed to being in the file).
    pub fn is_decoding_replacement(&self, offset: usize) -> bool {
        self.remap.binary_search_by(|&(d, _)| d.cmp(&offset)).is_ok_and(|i| {
            // Entries come in pairs: (start of replacement, end of replacement).
            self.remap.get(i + 1).is_some_and(|&(d, _)| d == offset + '\u{fffd}'.len_utf8())
        })
    }

    /// Decoded range of the replacement character that stands for the first
    /// invalid sequence.
    pub fn first_invalid_decoded(&self) -> Option<Range<usize>> {
        self.remap.first().map(|&(d, _)| d..d + '\u{fffd}'.len_utf8())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Offset where the 0-based line `line` starts (the text's end past the
    /// last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The stored-file byte offset of a decoded offset.
    pub fn stored_offset(&self, offset: usize) -> usize {
        if self.remap.is_empty() {
            return offset;
        }
        match self.remap.binary_search_by(|&(d, _)| d.cmp(&offset)) {
            Ok(i) => self.remap[i].1,
            Err(0) => offset,
            Err(i) => {
                let (d, s) = self.remap[i - 1];
                s + (offset - d)
            }
        }
    }

    /// The decoded offset of a stored-file byte offset (the inverse of
    /// [`Source::stored_offset`]; inside a replaced sequence it gives the
    /// replacement character's start).
    pub fn decoded_offset(&self, stored: usize) -> usize {
        if self.remap.is_empty() {
            return stored.min(self.text.len());
        }
        match self.remap.partition_point(|&(_, s)| s <= stored) {
            0 => stored,
            i => {
                let (d, s) = self.remap[i - 1];
                let next_stored = self.remap.get(i).map_or(usize::MAX, |&(_, s2)| s2);
                // Between a replacement's start and end entries: clamp to it.
                if i % 2 == 1 && stored < next_stored {
                    d
                } else {
                    (d + (stored - s)).min(self.text.len())
                }
            }
        }
    }

    /// The stored-file byte range of a decoded range.
    pub fn stored_span(&self, range: Range<usize>) -> Range<usize> {
        self.stored_offset(range.start)..self.stored_offset(range.end)
    }

    /// 1-based line and column of a decoded offset (clamped to the text and
    /// moved back to a character boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_boundary(offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        LineCol { line: line as u32 + 1, column: column as u32 }
    }

    /// Range of the 0-based line `line`, without its line terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line];
        let mut end = self.line_starts.get(line + 1).map_or(self.text.len(), |&n| n - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The largest character boundary at or before `offset`.
    pub fn floor_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The smallest character boundary at or after `offset`.
    pub fn ceil_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset += 1;
        }
        offset
    }

    /// The text of `range` shortened to at most `max_chars` characters, with
    /// line breaks folded to spaces: what a diagnostic shows as its snippet.
    pub fn snippet(&self, range: Range<usize>, max_chars: usize) -> String {
        let start = self.floor_boundary(range.start);
        let end = self.ceil_boundary(range.end.max(start));
        let mut out = String::new();
        let mut last_space = false;
        for (n, c) in self.text[start..end].chars().enumerate() {
            if n >= max_chars {
                break;
            }
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.push(c);
                last_space = false;
            }
        }
        out
    }
}

fn memchr_iter(needle: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(needle, haystack)
}

/// Lossy decoding that keeps a map from decoded offsets to stored offsets.
fn decode_lossy(bytes: &[u8]) -> (String, Vec<(usize, usize)>, Option<usize>) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut remap = Vec::new();
    let mut first_invalid = None;
    let mut stored = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        stored += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            first_invalid.get_or_insert(stored);
            // The replacement character stands for the whole invalid sequence.
            remap.push((text.len(), stored));
            text.push('\u{fffd}');
            stored += bad.len();
            remap.push((text.len(), stored));
        }
    }
    (text, remap, first_invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_offsets_are_stored_offsets() {
        let s = Source::decode("\u{feff}ab\r\ncé\nd".as_bytes().to_vec());
        assert!(s.has_bom());
        assert_eq!(s.content_start(), 3);
        assert_eq!(s.stored_offset(7), 7);
        assert_eq!(s.line_col(3), LineCol { line: 1, column: 2 });
        // "é" is two bytes but one column.
        assert_eq!(s.line_col(10), LineCol { line: 2, column: 3 });
        assert_eq!(s.line_range(0), 3 - 3..5);
        assert_eq!(s.line_col(11), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn invalid_bytes_map_back_to_stored_offsets() {
        let bytes = b"ab\xff\xfecd\nx\xc3".to_vec();
        let s = Source::decode(bytes);
        assert_eq!(s.first_invalid_byte(), Some(2));
        assert_eq!(s.text(), "ab\u{fffd}\u{fffd}cd\nx\u{fffd}");
        // 'c' is at decoded 8 (two 3-byte replacements), stored 4.
        assert_eq!(s.stored_offset(8), 4);
        assert_eq!(s.stored_offset(2), 2);
        assert_eq!(s.stored_offset(5), 3);
        assert_eq!(s.stored_offset(s.text().len()), 9);
        assert_eq!(s.line_col(8), LineCol { line: 1, column: 5 });
    }

    #[test]
    fn snippet_folds_whitespace_and_truncates() {
        let s = Source::from_text("one\r\n  two three");
        assert_eq!(s.snippet(0..16, 200), "one two three");
        assert_eq!(s.snippet(0..16, 3), "one");
    }
}
