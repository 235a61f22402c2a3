//! `repetition/exact-sentence`.

use super::{join_by_key, other_targets, same_section, sentence_key, Analysis, Corpus, IdMap, RepetitionRule};
use crate::diagnostic::RuleDef;
use crate::rules::{CorpusSink, Sink};

crate::declare_rule! {
    /// ## What it does
    /// Finds a sentence that repeats an earlier one after normalisation (Unicode NFKC, case, white space, quotes, dashes and punctuation, line-break hyphenation undone, note markers removed). Across the corpus, every later occurrence points at the first one (in path order).
    ///
    /// Not reported: two sentences that both link, to different places ("See [the guide](a) …" and "See [the guide](b) …"); headings, titles and lead-ins (a line with no closing `.`, `!` or `?`, such as a table-of-contents entry, a short question on a line of its own as FAQ entries and their contents list have it, or a line that ends with `:` before a list or code), sentences shorter than `min-words`, notes and reference lists, licence language and licence texts (a document where at least 15% of the sentences, and five or more, name "this License": fixed text, shared word for word by every project that uses it), quotations attributed to a speaker, sentences listed in `boilerplate`, parallel records (a sentence in two items of lists, two table cells, or entries under two release headings: each release lists the fix it shares with another branch), and templates: a sentence with three copies or more in a document (a page stamp, a stock line, a refrain; see `repetition/boilerplate`), unless a copy follows another in the same paragraph. An item that repeats a whole item of its own list is reported.
    ///
    /// Technical documentation (a document where at least 15% of the sentences, and three or more, name code: a manual, a README, a changelog) repeats itself on purpose: a feature list in the introduction and again under its own heading, the cross-reference that closes each section, an example shown as source and then as output. There an exact repeat is reported only when it follows its first occurrence closely (at most 5 sentences later: pasted twice), unless `technical-docs` is set.
    ///
    /// Across documents, a sentence under a heading of the same title in both (a section of a site's or a project's template: "About us", "Licence") is not reported, nor is one shared by two technical documents (a README, its changelog and its manual share paragraphs by design) unless `technical-docs` is set.
    ///
    /// ## Why is this bad?
    /// A repeated sentence is a copy-paste leftover or an unedited merge; across documents it can mean recycled text.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Keep the fire door clear of bikes and boxes at all times. … Keep the fire door clear of bikes and boxes at all times.
    ///
    /// Does not:
    ///
    ///     "We kept the shutters down," says Dace. … "We kept the shutters down," Dace repeats.
    pub struct ExactSentence {
        id: "repetition/exact-sentence",
        severity: Warning,
        summary: "the same sentence again, in this document or another one",
        options: Options,
    }
}

crate::rule_options! {
    pub struct Options {
        /// sentences with fewer words are never reported
        min_words: usize = 6,
        /// sentences that may repeat anywhere (a standard disclaimer); applies to the whole family
        boilerplate: Vec<String> = Vec::new(),
        /// in technical documents, also report repeats far from their first occurrence, and repeats across two technical documents
        technical_docs: bool = false,
    }
}

/// In technical documentation, how many sentences after its first
/// occurrence a copy is still reported (see the rule's documentation).
const TECHNICAL_NEARBY: usize = 5;

impl RepetitionRule for ExactSentence {
    /// Every later occurrence points at the first.
    fn check(a: &mut Analysis<'_>, options: &Options, out: &mut Sink<'_>) {
        let doc = a.doc;
        // The first occurrence of each sentence per record (see
        // `Analysis::other_records`): most sentences have one.
        let mut first: IdMap<u64, Vec<(usize, u32)>> = IdMap::default();
        first.reserve(a.units.len());
        let templates = &a.templates;
        // The last copy of each template sentence.
        let mut last: IdMap<u64, usize> = IdMap::default();
        for u in a.units.iter().filter(|u| !u.clause) {
            let s = u.sentence;
            // The earlier copy this one repeats, if any.
            let earlier = if templates[s] {
                // A template is set aside, but not a copy pasted twice in a
                // row (stanzas and entries, each a block, repeat their
                // lines on purpose).
                last.insert(u.exact, s).filter(|&f| a.pasted_twice(f, s))
            } else {
                // Also per link target: the same words sending the reader
                // to two places are two pointers.
                let firsts = first.entry(u.exact).or_default();
                let found = firsts
                    .iter()
                    .copied()
                    .find(|&(f, links)| !a.other_records(s, f) && !other_targets(links, u.links))
                    .map(|(f, _)| f);
                if found.is_none() {
                    firsts.push((s, u.links));
                }
                found.filter(|&f| f != s)
            };
            // Far apart in a manual: single-sourced on purpose.
            let nearby = |f: usize| !a.technical || options.technical_docs || s - f <= TECHNICAL_NEARBY;
            if let Some(f) = earlier.filter(|&f| u.len >= options.min_words && nearby(f)) {
                out.report_prose(Self::RULE, doc.sentences[s].prose.clone(), "this sentence repeats an earlier one")
                    .related(doc.sentences[f].src.clone(), "first occurrence");
                a.reported.insert(s, ());
            }
        }
    }

    /// Across documents: units joined by exact hash; each later occurrence
    /// (in path order) points at the first.
    fn check_corpus(c: &mut Corpus<'_>, options: &Options, out: &mut CorpusSink<'_>) {
        let ids = &c.ids;
        let exact = |g: u32| {
            let (d, u) = ids[g as usize];
            let u = &c.docs[d as usize].facts.units[u as usize];
            (!u.clause).then_some(u.exact)
        };
        // (later unit, first unit) of every repeat, in key order.
        let mut packed = std::mem::take(&mut c.packed);
        // Each with the number of files the sentence occurs in: units are in
        // path order, so a file's copies are together.
        let pairs = join_by_key(&mut packed, ids.len(), exact, |run, pairs| {
            let fd = ids[run[0].1 as usize].0;
            let files = 1 + run.windows(2).filter(|w| ids[w[0].1 as usize].0 != ids[w[1].1 as usize].0).count();
            pairs.extend(
                run[1..].iter().filter(|&&(_, g)| ids[g as usize].0 != fd).map(|&(_, g)| (g, run[0].1, files)),
            );
        });
        c.packed = packed;
        for (g, f, files) in pairs {
            let ((d, u), (fd, fu)) = (c.unit(g), c.unit(f));
            // Two documents' changelogs (parallel release branches) share
            // entries by design; a template of one document is no copy;
            // a section of the same title is a section of a template; and
            // technical documents single-source their text (a README, its
            // changelog and its manual share paragraphs).
            let technical = c.docs[d].facts.technical && c.docs[fd].facts.technical && !options.technical_docs;
            if u.record && fu.record || u.template || fu.template || same_section(u, fu) || technical {
                continue;
            }
            if !u.local && c.reported.insert(sentence_key(d, u), ()).is_none() {
                // A sentence copied into many files is one finding per
                // copy, each saying how large the cluster is.
                let message = if files > 2 {
                    format!("this sentence repeats one in {} (it occurs in {files} files)", c.docs[fd].path)
                } else {
                    format!("this sentence repeats one in {}", c.docs[fd].path)
                };
                c.cross(out, Self::RULE, (d, u), (fd, fu), message);
            }
        }
    }
}
