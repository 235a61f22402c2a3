//! The `footnote/*` rules: ids, severities and the documentation that
//! `corpuslint explain` prints.

use crate::diagnostic::{Family, Severity};
use crate::rules::RuleInfo;

pub const UNDEFINED_REFERENCE: &str = "footnote/undefined-reference";
pub const UNUSED_NOTE: &str = "footnote/unused-note";
pub const DUPLICATE_NOTE: &str = "footnote/duplicate-note";
pub const OUT_OF_SEQUENCE: &str = "footnote/out-of-sequence";
pub const REPLACEMENT_CHAR_MARKER: &str = "footnote/replacement-char-marker";
pub const GLUED_MARKER: &str = "footnote/glued-marker";
pub const DANGLING_IBID: &str = "footnote/dangling-ibid";
pub const EMPTY_NOTE: &str = "footnote/empty-note";
pub const MALFORMED_DEFINITION: &str = "footnote/malformed-definition";

const fn rule(id: &'static str, severity: Severity, summary: &'static str, doc: &'static str) -> RuleInfo {
    RuleInfo { id, family: Family::Footnote, severity, summary, doc, options: &[], default_enabled: true }
}

pub static RULES: &[RuleInfo] = &[
    rule(
        UNDEFINED_REFERENCE,
        Severity::Warning,
        "a footnote marker points to no note",
        "## What it does\nFinds footnote markers (`[^label]`, `[3]`, superscript digits, HTML `<sup>` and \
         `<a href=\"#fn3\">`) whose note does not exist.\n\n## Why is this bad?\nThe reader is promised a \
         source and gets none; Markdown renderers print an undefined `[^label]` literally.\n\n## Example\n\
         Triggers it:\n\n    Visitors rose by a third.[^7]\n\n    [^1]: Visitor counter data, 2023.\n\n\
         Does not (the note exists):\n\n    Visitors rose by a third.[^1]\n\n    [^1]: Visitor counter data, 2023.\n",
    ),
    rule(
        UNUSED_NOTE,
        Severity::Warning,
        "a note is never referenced from the text",
        "## What it does\nFinds notes (Markdown definitions, `[n]` endnotes, numbered notes) that no marker \
         points to. Numbered notes whose markers were all lost in extraction are not reported one by one.\n\n\
         ## Why is this bad?\nAn orphaned note is usually a marker deleted in editing: a claim has lost its \
         source.\n\n## Example\nTriggers it:\n\n    Catches fell.[1]\n\n    [1] Landings Bulletin 2021.\n    \
         [2] Crab Stock Assessment 2021.\n\nDoes not:\n\n    Catches fell.[1] Stocks too.[2]\n\n    \
         [1] Landings Bulletin 2021.\n    [2] Crab Stock Assessment 2021.\n",
    ),
    rule(
        DUPLICATE_NOTE,
        Severity::Warning,
        "two notes have the same label",
        "## What it does\nFinds a second note with a label already used by an earlier note.\n\n\
         ## Why is this bad?\nRenderers keep one of them silently; references can only reach one source.\n\n\
         ## Example\nTriggers it:\n\n    [^3]: Grant letter, 9 January 2023.\n    [^3]: Annual grants list 2023.\n\n\
         Does not:\n\n    [^3]: Grant letter, 9 January 2023.\n    [^4]: Annual grants list 2023.\n",
    ),
    rule(
        OUT_OF_SEQUENCE,
        Severity::Warning,
        "note numbers skip or go backwards in order of first reference",
        "## What it does\nFollows numbered markers (`[n]`, superscripts, numbers glued to words, HTML notes) \
         in reading order and reports a first reference that skips numbers (3 then 5) or comes before a lower \
         one (4 cited before 3). Citing an earlier note again is fine. Markdown `[^n]` footnotes are \
         renumbered by renderers and are not checked.\n\n## Why is this bad?\nNumbering out of order usually \
         means a note was deleted, moved or mislabelled, so readers land on the wrong source.\n\n## Example\n\
         Triggers it:\n\n    Trips rose.[1] Riders were young.[2] Most were students.[4] Others not.[3]\n\n\
         Does not:\n\n    Trips rose.[1] Riders were young.[2] Most were students.[3] As before.[1]\n",
    ),
    rule(
        REPLACEMENT_CHAR_MARKER,
        Severity::Warning,
        "a footnote marker or note number was replaced by U+FFFD during text extraction",
        "## What it does\nFinds U+FFFD replacement characters where a superscript note marker stood \
         (`alliances�.`) and at the start of note lines (`� Josip Glaurdić, …`). Markers and notes are paired \
         by their place in the numbering, and each diagnostic names the note it most likely was.\n\n\
         ## Why is this bad?\nThe link between claim and source is lost, and readers see a garbage \
         character.\n\n## Example\nTriggers it:\n\n    … security alliances�.\n\n    � Josip Glaurdić, The Hour of \
         Europe (2011).\n\nDoes not:\n\n    … security alliances.¹\n\n    ¹ Josip Glaurdić, The Hour of Europe (2011).\n",
    ),
    rule(
        GLUED_MARKER,
        Severity::Warning,
        "a note number is fused to the word before it",
        "## What it does\nFinds note numbers that PDF extraction printed as plain digits glued to the \
         preceding word or punctuation (`between them10.`, `interviewed.5`). A number counts as a marker only \
         when a note with that number exists and it ends a word or clause, so `G20`, `COVID-19`, `MiG-29` and \
         `30.1` are never reported. The fix puts the number in brackets.\n\n## Why is this bad?\nReaders \
         take the marker for part of the word or for a quantity (`them10`), and search misses the word.\n\n\
         ## Example\nTriggers it (note 10 exists):\n\n    … between them10.\n\n    10 Andrew Evans, Forced \
         Miracles (2002).\n\nDoes not:\n\n    … the G20 summit, the MiG-29 jets and COVID-19.\n",
    ),
    rule(
        DANGLING_IBID,
        Severity::Warning,
        "`Ibid.` with no earlier note to refer to",
        "## What it does\nFinds a note that says `Ibid.`/`Ibidem`/`Id.` when it is the first note, or when \
         the note before it is missing.\n\n## Why is this bad?\n`Ibid.` means \"the same source as the previous \
         note\"; with no previous note the source is unknown.\n\n## Example\nTriggers it:\n\n    [1] Ibid., p. 12.\n    \
         [2] Landings Bulletin 2021.\n\nDoes not:\n\n    [1] Landings Bulletin 2021.\n    [2] Ibid., p. 12.\n",
    ),
    rule(
        EMPTY_NOTE,
        Severity::Warning,
        "a note has no text",
        "## What it does\nFinds notes whose label is followed by nothing.\n\n## Why is this bad?\nThe marker \
         promises a source and the note gives none.\n\n## Example\nTriggers it:\n\n    [^2]:\n\nDoes not:\n\n    \
         [^2]: Ministry of Social Protection, Transfer Programme Review, 2019.\n",
    ),
    rule(
        MALFORMED_DEFINITION,
        Severity::Error,
        "a Markdown footnote definition that renderers silently drop",
        "## What it does\nFinds lines that were meant to define a Markdown footnote but do not parse as one: \
         `[^4] text` without the colon, or a label with a space (`[^ 4]: text`). Every reference to that \
         label is then undefined for every renderer; they are shown as related places rather than reported \
         again.\n\n## Why is this bad?\nThe note disappears from the rendered page (or is glued to the \
         previous note) and its references print as literal `[^4]`.\n\n## Example\nTriggers it:\n\n    \
         [^4] Loan agreement, November 2023.\n\nDoes not:\n\n    [^4]: Loan agreement, November 2023.\n",
    ),
];
