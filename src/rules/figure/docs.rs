//! The `figure/*` rules: ids, options and documentation.

use crate::diagnostic::{Family, Severity};
use crate::rules::{OptionKind, OptionSpec, RuleInfo};

pub const UNSUPPORTED: &str = "figure/unsupported";
pub const VAGUE: &str = "figure/vague-attribution";
pub const DENSE: &str = "figure/figure-dense-paragraph";

pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: UNSUPPORTED,
        family: Family::Figure,
        severity: Severity::Warning,
        summary: "a figure stated as fact with no citation, link or attribution",
        doc: "## What it does\nFinds percentages, amounts of money, quantities with units, counts of people \
              or things, ratios, rankings and shares (`one in four`, `two-thirds of`, `fell by a third`, `more \
              than half`), in digits or words, and reports those whose sentence has no note \
              marker, link, parenthetical citation or attribution to a named source, and whose next sentence \
              does not carry a citation for it. Years, dates, clock times, identifiers (`G20`, `M31`, \
              `port 6432`, `Article 5`), note markers, figures in notes or reference lists, time and \
              distance (`a quarter of an hour`, `half a mile`) and voting thresholds (`a two-thirds \
              majority`) are not figures. One diagnostic per sentence: the first figure is the primary label, the others are \
              shown beside it.\n\n## Why is this bad?\nA fact-checker's first question about any figure is \
              \"says who?\". An unsourced figure cannot be checked and is the first thing a critic attacks.\n\n\
              ## Example\nTriggers it:\n\n    School bookings grew by 27 per cent over the year.\n\nDoes \
              not:\n\n    School bookings grew by 27 per cent over the year.[^2]\n    According to the \
              booking system, school bookings grew by 27 per cent.\n",
        options: &[OptionSpec {
            name: "window",
            kind: OptionKind::Integer,
            default: "1",
            doc: "how many following sentences may carry the citation for a figure (when they state no figure of their own)",
        }],
        default_enabled: true,
    },
    RuleInfo {
        id: VAGUE,
        family: Family::Figure,
        severity: Severity::Info,
        summary: "a figure attributed to no one in particular (\"experts say\", \"according to media\")",
        doc: "## What it does\nFinds figures whose only support is an attribution that names no source: \
              `experts say`, `according to Serbian media`, `reports suggest`, `it is estimated`, `data \
              indicates`. The cue lists live in `checks/figures.toml`.\n\n## Why is this bad?\nIt reads like \
              a source but cannot be followed up.\n\n## Example\nTriggers it:\n\n    Experts say that around \
              80% of heat-related deaths occur in people aged 65 and over.\n\nDoes not:\n\n    According to \
              the Office for National Statistics, around 80% of heat-related deaths occur in people aged 65 \
              and over.\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: DENSE,
        family: Family::Figure,
        severity: Severity::Info,
        summary: "a paragraph stating many figures covered by one citation or none (off by default)",
        doc: "## What it does\nReports a paragraph that states at least `threshold` figures while carrying \
              at most one citation. Off by default: enable it with `[rules.\"figure/figure-dense-paragraph\"]` \
              `enabled = true`.\n\n## Why is this bad?\nOne note at the end of a paragraph of numbers rarely \
              covers all of them, and readers cannot tell which figure it sources.\n\n## Example\nTriggers it \
              (threshold 3):\n\n    Exports rose 12%, to 84,000 hectolitres. Prices reached €7.40 a litre. \
              The valley has 3,150 hectares under vine.[1]\n\nDoes not:\n\n    Exports rose 12%.[1] Prices \
              reached €7.40 a litre.[2] The valley has 3,150 hectares under vine.[3]\n",
        options: &[OptionSpec { name: "threshold", kind: OptionKind::Integer, default: "5", doc: "figures per paragraph" }],
        default_enabled: false,
    },
];
