//! The `repetition/*` rules: ids, options and documentation.

use crate::diagnostic::{Family, Severity};
use crate::rules::{OptionKind, OptionSpec, RuleInfo};

pub const EXACT: &str = "repetition/exact-sentence";
pub const NEAR: &str = "repetition/near-duplicate";
pub const RESTATED: &str = "repetition/restated-sentence";

const MIN_WORDS: OptionSpec = OptionSpec {
    name: "min-words",
    kind: OptionKind::Integer,
    default: "6",
    doc: "sentences with fewer words are never reported",
};

pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: EXACT,
        family: Family::Repetition,
        severity: Severity::Warning,
        summary: "the same sentence again, in this document or another one",
        doc: "## What it does\nFinds a sentence that repeats an earlier one after normalisation (Unicode NFKC, \
              case, white space, quotes, dashes and punctuation, line-break hyphenation undone, note markers \
              removed). Across the corpus, every later occurrence points at the first one (in path order).\n\n\
              Not reported: headings, sentences shorter than `min-words`, notes and reference lists, \
              quotations attributed to a speaker, and sentences listed in `boilerplate`.\n\n\
              ## Why is this bad?\nA repeated sentence is a copy-paste leftover or an unedited merge; across \
              documents it can mean recycled text.\n\n## Example\nTriggers it:\n\n    Never leave children or \
              pets in a parked car. … Never leave children or pets in a parked car.\n\nDoes not:\n\n    \
              \"We stopped waiting,\" says Fenn. … \"We stopped waiting,\" Fenn repeats.\n",
        options: &[
            MIN_WORDS,
            OptionSpec {
                name: "boilerplate",
                kind: OptionKind::StringList,
                default: "[]",
                doc: "sentences that may repeat anywhere (a standard disclaimer); applies to the whole family",
            },
        ],
        default_enabled: true,
    },
    RuleInfo {
        id: NEAR,
        family: Family::Repetition,
        severity: Severity::Warning,
        summary: "nearly the same sentence again: a few words changed, clauses reordered, a phrase added",
        doc: "## What it does\nFinds a sentence (or a long clause of one) whose words largely match an earlier \
              sentence: Jaccard similarity of their word sets at or above `threshold`, found with MinHash \
              signatures and LSH banding so the cost stays linear in the corpus. Within a document the score \
              is exact; across documents it is estimated from the signatures. Sentences that differ in their \
              numbers or names state different facts and are not reported.\n\n## Why is this bad?\nA \
              near-repeat is usually an edit that forgot the first version, and reads as padding.\n\n\
              ## Example\nTriggers it:\n\n    Demand was strongest near the university and the railway \
              station. … Demand was highest close to the university and the railway station.\n\nDoes not:\n\n    \
              Exports rose 5% in 2021. … Imports fell 7% in 2022.\n",
        options: &[
            MIN_WORDS,
            OptionSpec {
                name: "threshold",
                kind: OptionKind::Float,
                default: "0.6",
                doc: "minimum Jaccard similarity",
            },
        ],
        default_enabled: true,
    },
    RuleInfo {
        id: RESTATED,
        family: Family::Repetition,
        severity: Severity::Info,
        summary: "a sentence whose content is almost all contained in one sentence shortly before it",
        doc: "## What it does\nFinds a sentence whose content words (stemmed, stop words left out) are almost \
              all contained in one of the sentences shortly before it: containment, not symmetric \
              similarity, so a short sentence that restates part of a long one is found.\n\n## Why is this \
              bad?\nIt tells the reader again what they have just read.\n\n## Example\nTriggers it:\n\n    \
              The Dayton Agreement of 1995 put an end to the Bosnian War, and … In 1995, the Dayton Agreement \
              brought an end to the Bosnian War.\n\nDoes not:\n\n    The Dayton Agreement ended the war. \
              Its constitution still governs Bosnia.\n",
        options: &[
            MIN_WORDS,
            OptionSpec {
                name: "containment",
                kind: OptionKind::Float,
                default: "0.7",
                doc: "share of the sentence's content words found in the earlier one",
            },
            OptionSpec {
                name: "window",
                kind: OptionKind::Integer,
                default: "20",
                doc: "how many sentences back to look",
            },
            OptionSpec {
                name: "min-shared",
                kind: OptionKind::Integer,
                default: "5",
                doc: "minimum shared content words",
            },
        ],
        default_enabled: true,
    },
];
