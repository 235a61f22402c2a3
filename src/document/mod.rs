//! The document model every check reads.
//!
//! Loading gives a [`Source`] (decoded text). A format parser (`plain`,
//! `markdown`, `html`) walks it once and feeds a [`Builder`]: runs of prose
//! copied from the source, synthetic separators, block boundaries and the
//! structure markup carries (footnote references and definitions, links,
//! metadata). The builder concatenates the prose into one string and keeps a
//! source map from prose offsets back to source offsets, so a check can work on
//! clean prose and still report exact spans in the original file. Finally the
//! segmenter splits every block into sentences.
//!
//! Offsets: `prose` ranges index [`Document::prose`]; `src` ranges index the
//! decoded source text; rules report `src` ranges, which become on-disk bytes
//! when reported and lines and columns only when rendered.

mod columns;
mod html;
mod markdown;
pub mod notes;
mod pages;
mod plain;
pub mod segment;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use crate::source::Source;
use crate::text::lexicon::Lexicon;

pub use notes::{
    label_key, superscript_char, superscript_digit, superscript_number, Malformed, Marker, MarkerKind, Note, NoteBody,
    NoteSystem,
};

/// The markup a file is written in, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Plain,
    Markdown,
    Html,
}

impl Format {
    /// The format of a path by its extension; `None` for files we don't read.
    /// Files with no extension are read as plain text.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
            None => Some(Format::Plain),
            Some(ext) => match ext.as_str() {
                "txt" | "text" => Some(Format::Plain),
                "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
                "html" | "htm" | "xhtml" => Some(Format::Html),
                _ => None,
            },
        }
    }
}

/// What kind of unit a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
    /// A footnote/endnote text: a Markdown definition, an HTML note, a
    /// page-bottom note of a PDF extraction, a `[n] …` endnote line.
    Note,
    /// Running headers, page numbers, table-of-contents lines and similar
    /// PDF page-break debris.
    PageDebris,
}

/// Where a block sits: running text, or the notes/references apparatus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Body,
    References,
}

/// A paragraph-level unit.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub section: Section,
    pub prose: Range<usize>,
    pub src: Range<usize>,
    /// The note label (`1`, `label`, `fn3`'s `3`, or `\u{fffd}` for a
    /// mangled one) of a `Note` block.
    pub label: Option<String>,
    /// Source range of the label as written (`[^1]:`, `10`, `[3]`, `�`).
    pub label_src: Option<Range<usize>>,
    /// Inside a block quote.
    pub quoted: bool,
}

/// A sentence of a block.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub prose: Range<usize>,
    pub src: Range<usize>,
    pub block: usize,
}

/// How a footnote reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `[^label]`
    Markdown,
    /// `<sup>…</sup>` or `<a href="#fn…">` in HTML.
    Html,
}

/// A footnote reference known from markup.
#[derive(Debug, Clone)]
pub struct NoteRef {
    pub label: String,
    pub kind: RefKind,
    pub prose: Range<usize>,
    pub src: Range<usize>,
}

/// A link or URL.
#[derive(Debug, Clone)]
pub struct Link {
    pub url: String,
    pub src: Range<usize>,
    /// Prose position the link is attached to (its text, or the URL itself).
    pub prose: Range<usize>,
}

/// A metadata field: front matter `key: value`, HTML `<meta>`/`<time>`.
#[derive(Debug, Clone)]
pub struct MetaField {
    pub key: String,
    pub value: String,
    pub src: Range<usize>,
}

/// A comment in the source (HTML/Markdown comments), kept for directives.
#[derive(Debug, Clone)]
pub struct Comment {
    pub text: String,
    pub src: Range<usize>,
}

/// One parsed, segmented file.
#[derive(Debug)]
pub struct Document {
    pub path: String,
    pub format: Format,
    pub source: Source,
    pub prose: String,
    map: Vec<Piece>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// References markup makes explicit (the parsers' record; rules read
    /// [`Document::markers`], which includes them).
    pub note_refs: Vec<NoteRef>,
    /// Every note, read from the note blocks ([`notes`]).
    pub notes: Vec<Note>,
    /// Every note marker, in source order ([`notes`]).
    pub markers: Vec<Marker>,
    /// Markdown footnote definitions that renderers drop.
    pub malformed: Vec<Malformed>,
    pub links: Vec<Link>,
    /// Prose ranges of inline code the prose spells out (HTML `<code>`,
    /// `<kbd>`, `<samp>`, `<tt>`), in order. Markdown's inline code is
    /// U+FFFC in the prose instead, its text read from the source.
    pub inline_code: Vec<Range<usize>>,
    pub meta: Vec<MetaField>,
    pub comments: Vec<Comment>,
    /// Prose offsets of the `-` of every line-break hyphenation (`con-\nnection`).
    pub hyphen_breaks: Vec<usize>,
    /// Source offsets where the pages of a PDF extraction after the first
    /// begin (form feeds); empty for text with no pages.
    pub page_breaks: Vec<usize>,
    /// See [`Document::technical`]; worked out when first asked.
    technical: std::sync::OnceLock<bool>,
}

/// Technical documentation: a document where at least this share of the
/// sentences of running text name code (inline code, words written like
/// code, markup). Manuals, references, READMEs and changelogs describe
/// parallel items in parallel words and state sizes, limits and counts of
/// their own parts ("… for the option." and "… for the argument.", "up to
/// 8 GiB", "14 bug fixes"); running prose (news, essays, reports,
/// encyclopedia articles, papers) rarely names code in more than one
/// sentence in twenty.
pub const TECHNICAL_SHARE: f64 = 0.15;

/// ... and at least this many sentences (a news brief that names one web
/// address is no manual).
pub const TECHNICAL_MIN: usize = 3;

/// A run of prose that stands for a run of source.
#[derive(Debug, Clone, Copy)]
struct Piece {
    prose: usize,
    src: usize,
    src_end: usize,
    /// Prose text equals source text byte for byte (so offsets map linearly).
    exact: bool,
}

/// The searcher for a double space, built once (building one per call
/// costs more than the search).
static TWO_SPACES: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

impl Document {
    /// Parses `source` as `format` and segments it, with the embedded word
    /// lists.
    pub fn parse(path: impl Into<String>, format: Format, source: Source) -> Document {
        Document::parse_with(path, format, source, Lexicon::builtin())
    }

    /// Parses `source` as `format` and segments it, reading abbreviations
    /// and section names from `lex`.
    pub fn parse_with(path: impl Into<String>, format: Format, source: Source, lex: &Lexicon) -> Document {
        let mut b = Builder::new(source.text(), lex);
        match format {
            Format::Plain => plain::parse(&mut b, source.text(), source.content_start()),
            Format::Markdown => markdown::parse(&mut b, source.text(), source.content_start()),
            Format::Html => html::parse(&mut b, source.text(), source.content_start()),
        }
        let parts = b.finish();
        let mut doc = Document {
            path: path.into(),
            format,
            source,
            hyphen_breaks: find_hyphen_breaks(&parts.prose),
            prose: parts.prose,
            map: parts.map,
            blocks: parts.blocks,
            sentences: Vec::new(),
            note_refs: parts.note_refs,
            notes: Vec::new(),
            markers: Vec::new(),
            malformed: Vec::new(),
            links: parts.links,
            inline_code: parts.inline_code,
            meta: parts.meta,
            comments: parts.comments,
            page_breaks: parts.page_breaks,
            technical: std::sync::OnceLock::new(),
        };
        find_bare_urls(&mut doc);
        if format != Format::Plain {
            doc.split_bracket_notes();
        }
        doc.recognise_notes(lex);
        doc.segment(lex);
        doc
    }

    /// Technical documentation (see [`TECHNICAL_SHARE`]): at least that
    /// share of the sentences of running text (paragraphs, list items and
    /// table cells of the body, not quotations) name code.
    pub fn technical(&self) -> bool {
        *self.technical.get_or_init(|| {
            let (mut read, mut naming) = (0usize, 0usize);
            for s in &self.sentences {
                let b = &self.blocks[s.block];
                if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell)
                    || b.section != Section::Body
                    || b.quoted
                {
                    continue;
                }
                read += 1;
                naming += usize::from(self.names_code(s));
            }
            naming >= TECHNICAL_MIN && naming as f64 >= TECHNICAL_SHARE * read as f64
        })
    }

    /// Sentence `s` names code: inline code, a word written like code, or
    /// markup left in the text.
    pub fn names_code(&self, s: &Sentence) -> bool {
        let prose = &self.prose[s.prose.clone()];
        let source = self.source.text();
        // Markdown inline code stands as U+FFFC; a code block or HTML does
        // too, but it is no code named in the sentence.
        let inline = prose.match_indices('\u{fffc}').any(|(i, c)| {
            let p = s.prose.start + i;
            let code = source.get(self.src_range(p..p + c.len())).unwrap_or("");
            code.len() >= 2 && code.starts_with('`') && code.ends_with('`') && !code.contains('\n')
        });
        let k = self.inline_code.partition_point(|r| r.end <= s.prose.start);
        inline
            || self.inline_code.get(k).is_some_and(|r| r.start < s.prose.end)
            || crate::text::code::is_markup_code(prose)
            || crate::text::code::has_code_word(&self.reading_text(s.prose.clone()))
    }

    /// Convenience for tests and tools: parse text given in memory.
    pub fn from_text(path: &str, format: Format, text: &str) -> Document {
        Document::parse(path, format, Source::from_text(text))
    }

    /// Source offset of a prose offset taken as the start of a range.
    pub fn src_start(&self, prose: usize) -> usize {
        let i = self.map.partition_point(|p| p.prose <= prose).saturating_sub(1);
        match self.map.get(i) {
            None => 0,
            Some(p) if p.exact => (p.src + (prose - p.prose)).min(p.src_end),
            Some(p) => {
                let next = self.map.get(i + 1).map_or(self.prose.len(), |n| n.prose);
                if prose >= next {
                    p.src_end
                } else {
                    p.src
                }
            }
        }
    }

    /// Source offset of a prose offset taken as the end of a range.
    pub fn src_end(&self, prose: usize) -> usize {
        if prose == 0 {
            return self.src_start(0);
        }
        let i = self.map.partition_point(|p| p.prose < prose).saturating_sub(1);
        match self.map.get(i) {
            None => 0,
            Some(p) if p.exact => (p.src + (prose - p.prose)).min(p.src_end),
            Some(p) => p.src_end,
        }
    }

    /// Source range of a prose range.
    pub fn src_range(&self, prose: Range<usize>) -> Range<usize> {
        let start = self.src_start(prose.start);
        let end = self.src_end(prose.end).max(start);
        start..end
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.prose[s.prose.clone()]
    }

    /// The page (0 for the first, or for text with no pages) that source
    /// offset `src` is on.
    pub fn page_of(&self, src: usize) -> usize {
        self.page_breaks.partition_point(|&b| b <= src)
    }

    /// Prose text with line-break hyphenation undone and all whitespace
    /// folded to single spaces: what a reader sees.
    pub fn reading_text(&self, prose: Range<usize>) -> Cow<'_, str> {
        let raw = &self.prose[prose.clone()];
        let first = self.hyphen_breaks.partition_point(|&h| h < prose.start);
        let has_break = self.hyphen_breaks.get(first).is_some_and(|&h| h < prose.end);
        let bytes = raw.as_bytes();
        // Vectorised scans (memchr), each far cheaper than a byte loop.
        let needs_fold = raw.starts_with(' ')
            || raw.ends_with(' ')
            || TWO_SPACES.find(bytes).is_some()
            || memchr::memchr3(b'\n', b'\r', b'\t', bytes).is_some()
            || memchr::memchr2(0x0b, 0x0c, bytes).is_some()
            || (!raw.is_ascii() && raw.chars().any(|c| c.is_whitespace() && c != ' '));
        if !has_break && !needs_fold {
            return Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len());
        let mut breaks = self.hyphen_breaks[first..].iter().copied().take_while(|&h| h < prose.end).peekable();
        let mut skip_ws = false;
        let mut pending_space = false;
        for (i, c) in raw.char_indices() {
            let at = prose.start + i;
            if breaks.peek() == Some(&at) {
                breaks.next();
                // Drop the hyphen unless the next line starts with one too:
                // some typesetting conventions repeat the hyphen of a
                // compound at the start of the next line (`Franco-\n-German`).
                let rest = raw[i + 1..].trim_start();
                skip_ws = true;
                if rest.starts_with('-') {
                    out.push('-');
                }
                continue;
            }
            if c.is_whitespace() {
                if !skip_ws {
                    pending_space = !out.is_empty();
                }
                continue;
            }
            if skip_ws && c == '-' && out.ends_with('-') {
                skip_ws = false;
                continue;
            }
            skip_ws = false;
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
        Cow::Owned(out)
    }

    /// Gives the decoded source back, once checks are done with the document.
    pub fn into_source(self) -> Source {
        self.source
    }
}

/// Collects prose, blocks and structure while a parser walks a source.
pub(crate) struct Builder<'s> {
    src: &'s str,
    lex: &'s Lexicon,
    prose: String,
    map: Vec<Piece>,
    blocks: Vec<Block>,
    open: Option<OpenBlock>,
    note_refs: Vec<NoteRef>,
    links: Vec<Link>,
    inline_code: Vec<Range<usize>>,
    meta: Vec<MetaField>,
    comments: Vec<Comment>,
    section: Section,
    page_breaks: Vec<usize>,
}

struct OpenBlock {
    kind: BlockKind,
    prose_start: usize,
    src_start: Option<usize>,
    src_end: usize,
    label: Option<String>,
    label_src: Option<Range<usize>>,
    quoted: bool,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str, lex: &'s Lexicon) -> Builder<'s> {
        Builder {
            src,
            lex,
            prose: String::with_capacity(src.len()),
            map: Vec::new(),
            blocks: Vec::new(),
            open: None,
            note_refs: Vec::new(),
            links: Vec::new(),
            inline_code: Vec::new(),
            meta: Vec::new(),
            comments: Vec::new(),
            section: Section::Body,
            page_breaks: Vec::new(),
        }
    }

    /// The word lists parsing reads (section names).
    pub(crate) fn lex(&self) -> &'s Lexicon {
        self.lex
    }

    /// Opens a block; an open one is closed first.
    pub(crate) fn start_block(&mut self, kind: BlockKind, quoted: bool) {
        self.end_block();
        if !self.prose.is_empty() {
            self.push_break("\n\n");
        }
        self.open = Some(OpenBlock {
            kind,
            prose_start: self.prose.len(),
            src_start: None,
            src_end: 0,
            label: None,
            label_src: None,
            quoted,
        });
    }

    /// Sets the label of the open (note) block.
    pub(crate) fn set_label(&mut self, label: String, src: Range<usize>) {
        if let Some(open) = &mut self.open {
            open.label = Some(label);
            open.src_start.get_or_insert(src.start);
            open.label_src = Some(src);
        }
    }

    pub(crate) fn open_kind(&self) -> Option<BlockKind> {
        self.open.as_ref().map(|o| o.kind)
    }

    /// Changes the kind of the open block (a paragraph found to be a heading).
    pub(crate) fn set_kind(&mut self, kind: BlockKind) {
        if let Some(open) = &mut self.open {
            open.kind = kind;
        }
    }

    /// Closes the open block; empty blocks are dropped.
    pub(crate) fn end_block(&mut self) {
        let Some(open) = self.open.take() else { return };
        let mut end = self.prose.len();
        while end > open.prose_start && self.prose.as_bytes()[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        if end == open.prose_start && open.kind != BlockKind::Note {
            return;
        }
        let src_start = open.src_start.unwrap_or(open.src_end);
        let section = self.section;
        self.blocks.push(Block {
            kind: open.kind,
            section,
            prose: open.prose_start..end,
            src: src_start..open.src_end.max(src_start),
            label: open.label,
            label_src: open.label_src,
            quoted: open.quoted,
        });
    }

    pub(crate) fn section(&self) -> Section {
        self.section
    }

    /// From now on blocks belong to `section`.
    pub(crate) fn set_section(&mut self, section: Section) {
        self.section = section;
    }

    fn note_src(&mut self, src: &Range<usize>) {
        if let Some(open) = &mut self.open {
            open.src_start.get_or_insert(src.start);
            open.src_end = open.src_end.max(src.end);
        }
    }

    /// Appends source text verbatim.
    pub(crate) fn push_src(&mut self, src: Range<usize>) {
        if src.is_empty() {
            return;
        }
        self.note_src(&src);
        self.map.push(Piece { prose: self.prose.len(), src: src.start, src_end: src.end, exact: true });
        self.prose.push_str(&self.src[src]);
    }

    /// Appends text that stands for `src` but is spelled differently (an
    /// entity, an escape, a placeholder).
    pub(crate) fn push_text(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        if &self.src[src.clone()] == text {
            return self.push_src(src);
        }
        self.note_src(&src);
        self.map.push(Piece { prose: self.prose.len(), src: src.start, src_end: src.end, exact: false });
        self.prose.push_str(text);
    }

    /// Appends a separator that stands for no source text (it maps to the
    /// end of the previous piece).
    pub(crate) fn push_break(&mut self, text: &str) {
        let at = self.map.last().map_or(0, |p| p.src_end);
        self.map.push(Piece { prose: self.prose.len(), src: at, src_end: at, exact: false });
        self.prose.push_str(text);
    }

    pub(crate) fn prose_len(&self) -> usize {
        self.prose.len()
    }

    pub(crate) fn prose_tail(&self, n: usize) -> &str {
        let mut start = self.prose.len().saturating_sub(n);
        while !self.prose.is_char_boundary(start) {
            start += 1;
        }
        &self.prose[start..]
    }

    pub(crate) fn note_ref(&mut self, label: String, kind: RefKind, prose: Range<usize>, src: Range<usize>) {
        self.note_refs.push(NoteRef { label, kind, prose, src });
    }

    pub(crate) fn link(&mut self, url: String, src: Range<usize>, prose: Range<usize>) {
        self.links.push(Link { url, src, prose });
    }

    /// Inline code spelled out in the prose at `prose`.
    pub(crate) fn inline_code(&mut self, prose: Range<usize>) {
        if !prose.is_empty() {
            self.inline_code.push(prose);
        }
    }

    pub(crate) fn meta(&mut self, key: String, value: String, src: Range<usize>) {
        self.meta.push(MetaField { key, value, src });
    }

    /// A new page begins at source offset `src`.
    pub(crate) fn page_break(&mut self, src: usize) {
        self.page_breaks.push(src);
    }

    pub(crate) fn comment(&mut self, text: String, src: Range<usize>) {
        self.comments.push(Comment { text, src });
    }

    fn finish(mut self) -> Parts {
        self.end_block();
        Parts {
            prose: self.prose,
            map: self.map,
            blocks: self.blocks,
            note_refs: self.note_refs,
            links: self.links,
            inline_code: self.inline_code,
            meta: self.meta,
            comments: self.comments,
            page_breaks: self.page_breaks,
        }
    }
}

/// What a builder hands back once the parser is done.
struct Parts {
    prose: String,
    map: Vec<Piece>,
    blocks: Vec<Block>,
    note_refs: Vec<NoteRef>,
    links: Vec<Link>,
    inline_code: Vec<Range<usize>>,
    meta: Vec<MetaField>,
    comments: Vec<Comment>,
    page_breaks: Vec<usize>,
}

impl Document {
    /// Turns paragraphs and list items made of `[n] …` lines (an endnote
    /// list written without blank lines) into one `Note` block per line.
    /// The plain-text parser does this line by line already.
    fn split_bracket_notes(&mut self) {
        let mut out = Vec::with_capacity(self.blocks.len());
        for block in std::mem::take(&mut self.blocks) {
            let text = &self.prose[block.prose.clone()];
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                || notes::bracket_note_label(text).is_none()
            {
                out.push(block);
                continue;
            }
            let mut starts = vec![0];
            starts.extend(
                text.match_indices('\n')
                    .map(|(i, _)| i + 1)
                    .filter(|&i| notes::bracket_note_label(&text[i..]).is_some()),
            );
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(text.len(), |&e| e);
                let line = &text[start..end];
                let Some(n) = notes::bracket_note_label(line) else { continue };
                let base = block.prose.start + start;
                let trimmed_end = base + line.trim_end().len();
                out.push(Block {
                    kind: BlockKind::Note,
                    section: block.section,
                    prose: base..trimmed_end,
                    src: self.src_range(base..trimmed_end),
                    label: Some(line[1..n - 1].to_string()),
                    label_src: Some(self.src_range(base..base + n)),
                    quoted: block.quoted,
                });
            }
        }
        self.blocks = out;
    }

    /// Splits every block (but page debris) into sentences.
    fn segment(&mut self, lex: &Lexicon) {
        let doc = &*self;
        let mut marker_ranges: Vec<Range<usize>> = doc.markers.iter().map(|m| m.prose.clone()).collect();
        marker_ranges.sort_by_key(|r| r.start);
        let mut sentences = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            if block.kind == BlockKind::PageDebris {
                continue;
            }
            for range in segment::sentences(&doc.prose, block.prose.clone(), &marker_ranges, lex) {
                sentences.push(Sentence { src: 0..0, prose: range, block: i });
            }
        }
        for s in &mut sentences {
            s.src = doc.src_range(s.prose.clone());
        }
        self.sentences = sentences;
    }
}

/// `-` at the end of a line, between a letter and a lowercase letter (or a
/// second hyphen) on the next line: a word broken by the typesetter.
fn find_hyphen_breaks(prose: &str) -> Vec<usize> {
    let bytes = prose.as_bytes();
    let mut out = Vec::new();
    for (nl, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
        let mut dash = nl;
        while dash > 0 && matches!(bytes[dash - 1], b' ' | b'\t' | b'\r') {
            dash -= 1;
        }
        if dash == 0 || bytes[dash - 1] != b'-' {
            continue;
        }
        dash -= 1;
        if !prose[..dash].chars().next_back().is_some_and(char::is_alphabetic) {
            continue;
        }
        let rest = prose[nl + 1..].trim_start_matches([' ', '\t']);
        if rest.chars().next().is_some_and(|c| c.is_lowercase() || c == '-') {
            out.push(dash);
        }
    }
    out
}

/// Records `http(s)://…` and `www.…` written as plain text in the prose.
fn find_bare_urls(doc: &mut Document) {
    let prose = &doc.prose;
    let mut found = Vec::new();
    let mut from = 0;
    // One pass over the prose (not one search per URL and scheme).
    static START: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"https?://|(?-u:\b)www\.").expect("url start regex"));
    while let Some(i) = START.find_at(prose, from).map(|m| m.start()) {
        let end = prose[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '”' | '“'))
            .map_or(prose.len(), |e| e + i);
        let mut end_trim = end;
        while end_trim > i && matches!(prose.as_bytes()[end_trim - 1], b'.' | b',' | b';' | b':' | b')' | b']' | b'\'')
        {
            end_trim -= 1;
        }
        from = end.max(i + 1);
        let range = i..end_trim;
        let k = doc.links.partition_point(|l| l.prose.end < range.start);
        if doc.links[k.min(doc.links.len())..]
            .iter()
            .take_while(|l| l.prose.start <= range.start)
            .any(|l| range.end <= l.prose.end && l.url.contains(&prose[range.clone()]))
        {
            continue;
        }
        found.push((prose[range.clone()].to_string(), range));
    }
    for (url, range) in found {
        let src = doc.src_range(range.clone());
        doc.links.push(Link { url, src, prose: range });
    }
    doc.links.sort_by_key(|l| l.src.start);
}

#[cfg(test)]
mod tests;
