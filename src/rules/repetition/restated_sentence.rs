//! `repetition/restated-sentence`.

use super::fingerprint::intersection;
use super::{other_targets, Analysis, RepetitionRule};
use crate::diagnostic::RuleDef;
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds a sentence whose content words (stemmed, stop words left out) are almost all contained in one of the sentences shortly before it (and that does not link somewhere else than that one does): containment, not symmetric similarity, so a short sentence that restates part of a long one is found. A sentence that names a number, a name or code the earlier one does not ("Thanks to Ada …" after "Thanks to Alan …") says something new and is not reported, as does one that names other code or quotes another term as a whole (`w(b,a)` after `w(a,b)`, "full (single)" after "full (family)"); nor is a sentence that shares only names with the earlier one ("Ada Brook and Tom Reyes will be missed." after the sentence telling of their retirement).
    ///
    /// Technical documentation (a document where at least 15% of the sentences, and three or more, name code) says of each option or function what it says of the next in the same words, and is left out unless `technical-docs` is set.
    ///
    /// ## Why is this bad?
    /// It tells the reader again what they have just read.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     The Dayton Agreement of 1995 put an end to the Bosnian War, and … In 1995, the Dayton Agreement brought an end to the Bosnian War.
    ///
    /// Does not:
    ///
    ///     The Dayton Agreement ended the war. Its constitution still governs Bosnia.
    pub struct RestatedSentence {
        id: "repetition/restated-sentence",
        severity: Info,
        summary: "a sentence whose content is almost all contained in one sentence shortly before it",
        options: Options,
    }
}

crate::rule_options! {
    pub struct Options {
        /// sentences with fewer words are never reported
        min_words: usize = 6,
        /// share of the sentence's content words found in the earlier one
        containment: f64 = 0.7,
        /// how many sentences back to look
        window: usize = 20,
        /// minimum shared content words
        min_shared: usize = 5,
        /// also look in technical documentation
        technical_docs: bool = false,
    }
}

impl RepetitionRule for RestatedSentence {
    /// Content words contained in a sentence shortly before.
    fn check(a: &mut Analysis<'_>, options: &Options, out: &mut Sink<'_>) {
        if a.technical && !options.technical_docs {
            return;
        }
        let (doc, content) = (a.doc, &a.content);
        // A 256-bit mask of each sentence's words rules out most earlier
        // sentences before counting shared words exactly. Two shared words
        // can fall on one bit, so the bound allows one collision.
        let masks: Vec<[u128; 2]> = content
            .iter()
            .map(|c| {
                c.words.iter().fold([0u128; 2], |mut m, h| {
                    m[(h >> 7 & 1) as usize] |= 1u128 << (h & 127);
                    m
                })
            })
            .collect();
        let overlap =
            |a: &[u128; 2], b: &[u128; 2]| ((a[0] & b[0]).count_ones() + (a[1] & b[1]).count_ones()) as usize;
        for (k, c) in content.iter().enumerate() {
            let (s, words) = (&c.sentence, &c.words);
            if a.reported.contains_key(s) || a.template(*s) || c.len < options.min_words || words.len() < options.min_shared {
                continue;
            }
            let from = k.saturating_sub(options.window);
            let hit = (from..k)
                .filter(|&e| content[e].words.len() >= words.len())
                .filter(|&e| !a.other_records(content[e].sentence, *s) && !a.template(content[e].sentence))
                .filter(|&e| content[e].negations == c.negations && !other_targets(content[e].links, c.links))
                .filter(|&e| overlap(&masks[e], &masks[k]) + 1 >= options.min_shared)
                .filter(|&e| c.specifics.iter().all(|n| content[e].tokens.binary_search(n).is_ok()))
                .filter(|&e| c.terms.iter().all(|t| content[e].terms.binary_search(t).is_ok()))
                // Sharing only names is talking of the same people, not
                // saying the same thing (a name opening the sentence is a
                // name where the other sentence writes it as one).
                .filter(|&e| {
                    let other = &content[e];
                    c.plain.iter().any(|(stem, token)| {
                        other.words.binary_search(stem).is_ok() && other.specifics.binary_search(token).is_err()
                    })
                })
                .map(|e| (&content[e].sentence, intersection(words, &content[e].words)))
                .filter(|&(_, shared)| {
                    shared >= options.min_shared && shared as f64 / words.len() as f64 >= options.containment
                })
                .filter(|&(e, _)| !a.parallel(*e, *s))
                .max_by_key(|&(e, shared)| (shared, *e));
            if let Some((e, shared)) = hit {
                let ratio = shared as f64 / words.len() as f64;
                let message = format!(
                    "this sentence restates an earlier one ({shared} of its {} content words, {ratio:.2})",
                    words.len()
                );
                out.report_prose(Self::RULE, doc.sentences[*s].prose.clone(), message)
                    .related(doc.sentences[*e].src.clone(), "the sentence it restates");
                a.reported.insert(*s, ());
            }
        }
    }
}
