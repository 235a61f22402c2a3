//! Where rules report: a [`Sink`] per document, a [`CorpusSink`] for the
//! corpus phase. Reporting turns a decoded source range into stored bytes and
//! stamps the rule's configured severity; nothing else is computed until the
//! report is resolved.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Fix, Related, Rule, Severity, Span, SNIPPET_CHARS};
use crate::document::Document;
use crate::rules::RuleSet;
use crate::source::{FileId, Source};

/// Collects the findings of one document.
pub struct Sink<'a> {
    doc: &'a Document,
    file: FileId,
    set: &'a RuleSet,
    out: &'a mut Vec<Diagnostic>,
}

/// A finding being built: add related places, notes, help and a fix.
pub struct Finding<'s> {
    source: &'s Source,
    d: &'s mut Diagnostic,
}

/// Stored-byte span of a decoded range, moved out to character boundaries.
fn stored(source: &Source, src: Range<usize>) -> Span {
    let start = source.floor_boundary(src.start);
    let end = source.ceil_boundary(src.end.max(start));
    let s = source.stored_span(start..end);
    Span::new(s.start, s.end)
}

impl<'a> Sink<'a> {
    pub fn new(doc: &'a Document, file: FileId, set: &'a RuleSet, out: &'a mut Vec<Diagnostic>) -> Sink<'a> {
        Sink { doc, file, set, out }
    }

    pub fn doc(&self) -> &'a Document {
        self.doc
    }

    pub fn file(&self) -> FileId {
        self.file
    }

    /// Reports `rule` at the decoded source range `src`.
    pub fn report(&mut self, rule: Rule, src: Range<usize>, message: impl Into<String>) -> Finding<'_> {
        let span = stored(&self.doc.source, src);
        self.out.push(Diagnostic::new(rule, self.set.severity(rule), self.file, span, message));
        Finding { source: &self.doc.source, d: self.out.last_mut().expect("just pushed") }
    }

    /// Reports `rule` at a prose range (a sentence, say): located at its
    /// source span, showing the text as read, so a sentence stitched across a
    /// page break does not show the notes in between.
    pub fn report_prose(&mut self, rule: Rule, prose: Range<usize>, message: impl Into<String>) -> Finding<'_> {
        let doc = self.doc;
        let text = doc.reading_text(prose.clone());
        let f = self.report(rule, doc.src_range(prose), message);
        // Placeholders for inline code read badly: show the source then.
        if !text.contains('\u{fffc}') {
            f.d.shown = Some(text.chars().take(SNIPPET_CHARS).collect::<String>().into_boxed_str());
        }
        f
    }
}

impl Finding<'_> {
    /// A related place in the same document.
    pub fn related(&mut self, src: Range<usize>, message: impl Into<String>) -> &mut Self {
        let span = stored(self.source, src);
        self.d.related.push(Related { file: self.d.file, span, message: message.into() });
        self
    }

    /// A related place, when there is one.
    pub fn related_opt(&mut self, src: Option<Range<usize>>, message: impl Into<String>) -> &mut Self {
        match src {
            Some(src) => self.related(src, message),
            None => self,
        }
    }

    /// One severity lower than the rule's (a hint from a guess): an error
    /// becomes a warning, a warning a note.
    pub fn lower_severity(&mut self) -> &mut Self {
        self.d.severity = match self.d.severity {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        };
        self
    }

    pub fn note(&mut self, note: impl Into<String>) -> &mut Self {
        self.d.notes.push(note.into());
        self
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.d.help = Some(help.into());
        self
    }

    /// A suggested replacement of `src`.
    pub fn fix(&mut self, src: Range<usize>, replacement: impl Into<String>, message: impl Into<String>) -> &mut Self {
        let s = self.source.stored_span(src);
        self.d.fix =
            Some(Fix { span: Span::new(s.start, s.end), replacement: replacement.into(), message: message.into() });
        self
    }
}

/// Collects the findings of the corpus phase, which know places only by
/// file and stored span.
pub struct CorpusSink<'a> {
    set: &'a RuleSet,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> CorpusSink<'a> {
    pub fn new(set: &'a RuleSet, out: &'a mut Vec<Diagnostic>) -> CorpusSink<'a> {
        CorpusSink { set, out }
    }

    /// Reports `rule` at `span` of `file`; returns the diagnostic to add
    /// related places to.
    pub fn report(&mut self, rule: Rule, file: FileId, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::new(rule, self.set.severity(rule), file, span, message));
        self.out.last_mut().expect("just pushed")
    }
}
