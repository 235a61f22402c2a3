//! The document's own date: from metadata, a `Published:` line, or
//! inferred from its latest dated note or mention (and then only URLs are
//! checked against it).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::civil::{self, Day};
use super::temporal::{self, Precision};
use super::Found;
use crate::document::{BlockKind, Document, Section};

/// How the document's own date was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateSource {
    Metadata(String),
    PublishedLine,
    LatestCitation,
    LatestMention,
}

/// The document's own date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocDate {
    pub day: Day,
    pub source: DateSource,
    /// Where it was read (decoded source range): the metadata, the line, or
    /// the latest date the guess took.
    pub src: Option<std::ops::Range<usize>>,
}

impl DocDate {
    pub fn explicit(&self) -> bool {
        matches!(self.source, DateSource::Metadata(_) | DateSource::PublishedLine)
    }

    pub fn describe(&self) -> String {
        let d = civil::format(self.day);
        match &self.source {
            DateSource::Metadata(k) => format!("{d} (metadata `{k}`)"),
            DateSource::PublishedLine => format!("{d} (its publication line)"),
            DateSource::LatestCitation => format!("about {d} (inferred from its latest dated note)"),
            DateSource::LatestMention => format!("about {d} (inferred from the latest date it mentions)"),
        }
    }
}

static PUBLISHED_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:published|posted|dated|date|issued|released|updated)").expect("published hint regex")
});

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:published|posted|dated|date|issued|released|updated|last updated|first published)(?-u:\b)(?:\s+on)?\s*[:\-–—]?\s*$")
        .expect("published regex")
});

/// The document's own date.
pub fn explicit(doc: &Document) -> Option<DocDate> {
    const KEYS: &[&str] = &[
        "date",
        "published",
        "pubdate",
        "publish_date",
        "publishdate",
        "publication_date",
        "article:published_time",
        "dc.date",
        "dcterms.date",
        "dc.date.issued",
        "citation_publication_date",
        "og:published_time",
        "created",
        "time",
    ];
    for key in KEYS {
        if let Some(m) = doc.meta.iter().find(|m| m.key == *key) {
            let value = m.value.trim();
            let iso = value.get(..10).filter(|v| v.as_bytes().get(4) == Some(&b'-'));
            let parsed = iso
                .and_then(|v| {
                    let (y, rest) = v.split_once('-')?;
                    let (mo, d) = rest.split_once('-')?;
                    let (y, mo, d) = (y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?);
                    civil::valid(y, mo, d).then(|| civil::day(y, mo, d))
                })
                .or_else(|| {
                    temporal::extract(value, None).into_iter().find(|e| e.precision == Precision::Day).map(|e| e.start)
                });
            if let Some(day) = parsed {
                return Some(DocDate {
                    day,
                    source: DateSource::Metadata((*key).to_string()),
                    src: Some(m.src.clone()),
                });
            }
        }
    }
    // "Published: 4 April 2023" in the first blocks.
    for b in doc.blocks.iter().take(25) {
        // A generated footer's "Last updated on …" is furniture.
        if b.kind == BlockKind::PageDebris || !PUBLISHED_HINT.is_match(&doc.prose[b.prose.clone()]) {
            continue;
        }
        let text = doc.reading_text(b.prose.clone());
        for e in temporal::extract(&text, None) {
            if e.precision <= Precision::Month
                && e.year_stated
                && e.impossible.is_none()
                && PUBLISHED.find(&text[..e.range.start]).is_some_and(|m| labels_the_page(&text[..m.start()]))
            {
                return Some(DocDate { day: e.end, source: DateSource::PublishedLine, src: Some(b.src.clone()) });
            }
        }
    }
    None
}

/// The words before a publication cue leave it a label of the page
/// ("Published: …", "By A. Writer | Updated 4 May 2024", "Posted on …"),
/// not a verb of a sentence about something else ("Version 2.0 was
/// released on 16 October 2000").
fn labels_the_page(before: &str) -> bool {
    let line = before.rsplit(['\n', '|', '·', '•', '—', '–']).next().unwrap_or("").trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    // Nothing, or a byline: "By A. Writer", "A. Writer".
    let byline = words.len() <= 4
        && !line.ends_with([',', ';'])
        && (words.first().is_some_and(|w| w.eq_ignore_ascii_case("by"))
            || words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase())));
    line.is_empty() || byline
}

/// The document's date inferred from its dated notes, else from the
/// latest date it mentions (expressions found without an anchor).
pub fn inferred(doc: &Document, found: &[Found], lex: &crate::text::lexicon::Lexicon) -> Option<DocDate> {
    let latest = |notes: bool| {
        found
            .iter()
            .filter(|f| {
                let b = &doc.blocks[doc.sentences[f.sentence].block];
                (b.kind == BlockKind::Note || b.section == Section::References) == notes
            })
            // A footer's "Last updated on …" stamps the copy, not the text.
            .filter(|f| {
                let text = doc.sentence_text(&doc.sentences[f.sentence]);
                !super::is_stamp(&text[..f.expr.range.start.min(text.len())], lex)
            })
            .filter(|f| f.expr.year_stated && f.expr.impossible.is_none() && f.expr.precision <= Precision::Year)
            .max_by_key(|f| f.expr.end)
            .map(|f| (f.expr.end, f.src.clone()))
    };
    if let Some((day, src)) = latest(true) {
        return Some(DocDate { day, source: DateSource::LatestCitation, src: Some(src) });
    }
    latest(false).map(|(day, src)| DocDate { day, source: DateSource::LatestMention, src: Some(src) })
}
