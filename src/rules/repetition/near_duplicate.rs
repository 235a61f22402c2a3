//! `repetition/near-duplicate`.

use super::fingerprint::{band_key, band_keys, jaccard, BANDS};
use super::{join_by_key, other_targets, same_section, sentence_key, sorted_set, Analysis, Corpus, IdMap, RepetitionRule};
use crate::diagnostic::RuleDef;
use crate::rules::{CorpusSink, Sink};

crate::declare_rule! {
    /// ## What it does
    /// Finds a sentence (or a long clause of one) whose words largely match an earlier sentence: Jaccard similarity of their word sets at or above `threshold`, found with MinHash signatures and LSH banding so the cost stays linear in the corpus. The score is exact, across documents too (from 16-bit word hashes kept with each sentence's facts). Sentences that differ in their numbers, names, quoted terms or code (inline code, or words written like code: `f_lines`, `--trace`) state different facts and are not reported, nor are two in one document that link to different places (across documents a copy's links are often rewritten), nor are parallel records (two list items, two table cells, entries under two release headings) or copies of a template (see `repetition/boilerplate`).
    ///
    /// Technical documentation (manuals, references, READMEs, changelogs: a document where at least 15% of the sentences, and three or more, name code) describes parallel items in parallel words by design, and is left out unless `technical-docs` is set; exact repeats are still looked for there.
    ///
    /// ## Why is this bad?
    /// A near-repeat is usually an edit that forgot the first version, and reads as padding.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Footfall was heaviest near the bus depot and the old quayside. … Footfall was busiest close to the bus depot and the old quayside.
    ///
    /// Does not:
    ///
    ///     Exports rose 5% in 2021. … Imports fell 7% in 2022.
    pub struct NearDuplicate {
        id: "repetition/near-duplicate",
        severity: Warning,
        summary: "nearly the same sentence again: a few words changed, clauses reordered, a phrase added",
        options: Options,
    }
}

crate::rule_options! {
    pub struct Options {
        /// sentences with fewer words are never reported
        min_words: usize = 6,
        /// minimum Jaccard similarity
        threshold: f64 = 0.6,
        /// also compare the sentences of technical documentation
        technical_docs: bool = false,
    }
}

impl RepetitionRule for NearDuplicate {
    /// LSH candidates (a bucket chain per band key, at most 16 long),
    /// confirmed with the exact score.
    fn check(a: &mut Analysis<'_>, options: &Options, out: &mut Sink<'_>) {
        if a.technical && !options.technical_docs {
            return;
        }
        let (doc, units) = (a.doc, &a.units);
        let mut head: IdMap<u64, u32> = IdMap::default();
        head.reserve(units.len() * BANDS);
        let mut next: Vec<u32> = vec![u32::MAX; units.len() * BANDS];
        let mut best: IdMap<usize, (f64, usize)> = IdMap::default();
        for (j, u) in units.iter().enumerate() {
            let mut seen: Vec<usize> = Vec::new();
            for (band, key) in band_keys(&u.sig).into_iter().enumerate() {
                let slot = (j * BANDS + band) as u32;
                let mut at = head.insert(key, slot).unwrap_or(u32::MAX);
                next[slot as usize] = at;
                let mut walked = 0;
                while at != u32::MAX && walked < 16 {
                    let i = at as usize / BANDS;
                    at = next[at as usize];
                    walked += 1;
                    let v = &units[i];
                    if v.sentence >= u.sentence
                        || seen.contains(&i)
                        || v.names != u.names
                        || v.exact == u.exact
                        || a.other_records(v.sentence, u.sentence)
                        || v.negations != u.negations
                        || other_targets(v.links, u.links)
                        || a.template(v.sentence)
                        || a.template(u.sentence)
                    {
                        continue;
                    }
                    seen.push(i);
                    if a.parallel_units(v, u) {
                        continue;
                    }
                    let score = jaccard(&sorted_set(v.hashes.clone()), &sorted_set(u.hashes.clone()));
                    if score >= options.threshold
                        && u.len >= options.min_words
                        && best.get(&u.sentence).is_none_or(|b| b.0 < score)
                    {
                        best.insert(u.sentence, (score, v.sentence));
                    }
                }
            }
        }
        let mut found: Vec<(usize, (f64, usize))> =
            best.into_iter().filter(|(s, _)| !a.reported.contains_key(s)).collect();
        found.sort_by_key(|(s, _)| *s);
        for (s, (score, earlier)) in found {
            let message = if score >= 1.0 {
                // Every word the same, in another order.
                "this sentence repeats an earlier one with its words reordered (similarity 1.00)".to_string()
            } else {
                format!("this sentence nearly repeats an earlier one (similarity {score:.2})")
            };
            out.report_prose(Self::RULE, doc.sentences[s].prose.clone(), message)
                .related(doc.sentences[earlier].src.clone(), "the earlier sentence");
            a.reported.insert(s, ());
        }
    }

    /// Band by band: join units by key and pair each unit with the first
    /// unit of another document in its run. Memory: one band at a time.
    /// Pairs are scored as they are found (a pair met again in another band
    /// is scored again, which is cheaper than remembering it), so memory
    /// holds only the pairs that pass.
    fn check_corpus(c: &mut Corpus<'_>, options: &Options, out: &mut CorpusSink<'_>) {
        let mut best: IdMap<u64, (f64, u32, u32)> = IdMap::default();
        let mut packed = std::mem::take(&mut c.packed);
        for band in 0..BANDS {
            let cc = &*c;
            let scored = join_by_key(
                &mut packed,
                cc.ids.len(),
                |g| Some(band_key(&cc.unit(g).1.sig, band)),
                |run, scored| {
                    for (k, &(_, g)) in run.iter().enumerate().skip(1) {
                        let doc_g = cc.ids[g as usize].0;
                        let Some(&(_, f)) = run[..k].iter().take(8).find(|&&(_, f)| cc.ids[f as usize].0 != doc_g)
                        else {
                            continue;
                        };
                        let ((fd, fu), (gd, gu)) = (cc.unit(f), cc.unit(g));
                        let technical = cc.docs[fd].facts.technical || cc.docs[gd].facts.technical;
                        if technical && !options.technical_docs
                            || fu.names != gu.names
                            || fu.exact == gu.exact
                            || fu.record && gu.record
                            || fu.template
                            || gu.template
                            || same_section(fu, gu)
                            || fu.negations != gu.negations
                            || gu.local
                            || cc.reported.contains_key(&sentence_key(gd, gu))
                        {
                            continue;
                        }
                        let score = cc.similarity((fd, fu), (gd, gu));
                        if score >= options.threshold {
                            scored.push((sentence_key(gd, gu), score, f, g));
                        }
                    }
                },
            );
            // In key order, as found: the first of equal scores stays.
            for (at, score, f, g) in scored {
                if best.get(&at).is_none_or(|b| b.0 < score) {
                    best.insert(at, (score, f, g));
                }
            }
        }
        c.packed = packed;
        let mut found: Vec<_> = best.into_values().collect();
        found.sort_by_key(|&(_, _, g)| g);
        for (score, f, g) in found {
            let ((fd, fu), (gd, gu)) = (c.unit(f), c.unit(g));
            let message = format!("this sentence nearly repeats one in {} (similarity {score:.2})", c.docs[fd].path);
            c.cross(out, Self::RULE, (gd, gu), (fd, fu), message);
        }
    }
}
