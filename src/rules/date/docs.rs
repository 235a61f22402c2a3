//! The `date/*` rules: ids and documentation.

use crate::diagnostic::{Family, Severity};
use crate::rules::RuleInfo;

pub const CALENDAR: &str = "date/event-calendar-mismatch";
pub const AFTER_DOC: &str = "date/after-document-date";
pub const WEEKDAY: &str = "date/weekday-mismatch";
pub const IMPOSSIBLE: &str = "date/impossible";
pub const CONFLICT: &str = "date/conflicting-event-dates";
pub const SOURCE_PREDATES: &str = "date/source-predates-event";
pub const ANNIVERSARY: &str = "date/anniversary-arithmetic";

pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: CALENDAR,
        family: Family::Date,
        severity: Severity::Warning,
        summary: "a well-known event is placed at a time it did not take place",
        doc: "## What it does\nMatches mentions of events in the events calendar (`checks/events.toml`: the \
              World Economic Forum in Davos, the Munich Security Conference, NATO, G7 and G20 summits, UN climate \
              COPs, solar and total lunar eclipses and more) and the date attached to the mention, and reports a date that cannot overlap the \
              calendar's dates for that event. The diagnostic names the calendar entry and its source.\n\n\
              ## Why is this bad?\nA misdated event is a factual error that readers who know the event spot at \
              once, and that undermines everything around it.\n\n## Example\nTriggers it:\n\n    At the Davos \
              summit held in late 2022, the president said …\n\n(the 2022 meeting was held 22–26 May; Davos \
              meetings are in January)\n\nDoes not:\n\n    At the January 2023 Davos meeting, the president \
              said …\n\nAdd events with `calendars = [\"my-events.toml\"]` in corpuslint.toml.\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: AFTER_DOC,
        family: Family::Date,
        severity: Severity::Warning,
        summary: "a date (or a URL's date) later than the document's own date",
        doc: "## What it does\nFinds the document's own date (front matter `date:`, HTML `<meta>`/`<time>`, a \
              `Published:` line; otherwise inferred from its latest dated note or mention, and then only URLs \
              are checked) and reports past-tense statements and URLs dated after it. Plans, targets and \
              deadlines (`will`, `due to`, `by 2025`, `closes on`) are not reported.\n\n## Why is this bad?\n\
              A document cannot report what had not happened yet: the date is wrong, or the text was edited \
              later without saying so, or a link points to a different article.\n\n## Example\nTriggers it \
              (published 4 April 2023):\n\n    A fix was deployed on 2 May 2023.\n\nDoes not:\n\n    A fix will be \
              deployed by 2 May 2023.\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: WEEKDAY,
        family: Family::Date,
        severity: Severity::Warning,
        summary: "a weekday that does not match its date",
        doc: "## What it does\nChecks every date written with its weekday (`Tuesday, 3 March 2021`) and \
              reports a mismatch, suggesting both readings: the weekday of that date, and the nearest dates \
              that fall on the weekday written.\n\n## Why is this bad?\nOne of the two is wrong, and readers \
              cannot tell which.\n\n## Example\nTriggers it:\n\n    on Friday 30 March 2023\n\nDoes not:\n\n    \
              on Thursday 30 March 2023\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: IMPOSSIBLE,
        family: Family::Date,
        severity: Severity::Error,
        summary: "a date that does not exist (31 April, 29 February in a common year, month 13)",
        doc: "## What it does\nReports dates that cannot exist: a day past the end of its month, 29 February \
              in a year that is not a leap year, a month number above 12.\n\n## Why is this bad?\nThe date is \
              certainly wrong.\n\n## Example\nTriggers it:\n\n    on 29 February 2023\n\nDoes not:\n\n    \
              on 29 February 2024\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: CONFLICT,
        family: Family::Date,
        severity: Severity::Warning,
        summary: "the same event dated differently in two documents",
        doc: "## What it does\nLinks dated statements across the corpus that describe the same thing (they \
              share a distinctive pair of words, such as `open night` or `cycle bridge`) and reports those whose \
              dates differ by a few days or weeks, at the later-published document, with the other shown.\n\n\
              ## Why is this bad?\nAt least one of the two documents is wrong.\n\n## Example\nTriggers it:\n\n    \
              a.md: Our open night on 22 October 2022 was a success.\n    b.md: We joined the society's open \
              night on 15 October 2022.\n\nDoes not (the same date):\n\n    b.md: We joined the society's open \
              night on 22 October 2022.\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: SOURCE_PREDATES,
        family: Family::Date,
        severity: Severity::Warning,
        summary: "a claim supported by a source dated before the event it reports",
        doc: "## What it does\nFor a sentence that reports a dated event and cites a note, reads the note's \
              date (its `published` date, or its latest date) and reports the note when it is dated before the \
              event.\n\n## Why is this bad?\nA source cannot document something that happened after it was \
              written: the citation is wrong or belongs elsewhere.\n\n## Example\nTriggers it:\n\n    Artemis I \
              lifted off on 16 November 2022.[^2]\n\n    [^2]: NASA, Launch Update, 29 August 2022.\n\nDoes \
              not:\n\n    [^2]: NASA, Artemis I Launch, 16 November 2022.\n",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: ANNIVERSARY,
        family: Family::Date,
        severity: Severity::Warning,
        summary: "anniversary or elapsed-years arithmetic that does not add up",
        doc: "## What it does\nChecks `the 75th anniversary in 2019 of the 1945 …`, `founded in 1874 … its \
              140th anniversary this year`, `in 1910 … 76 years later, in 1982`, `in 1972, fifty years ago` and \
              `turns 60 next year` against the years given (or the document's date for `this year`, `next \
              year`, `ago`).\n\n## Why is this bad?\nThe arithmetic is checkable and wrong: one of the numbers \
              is a typo.\n\n## Example\nTriggers it:\n\n    She saw the comet in 1910 and again 76 years later, \
              in 1982.\n\nDoes not:\n\n    She saw the comet in 1910 and again 76 years later, in 1986.\n",
        options: &[],
        default_enabled: true,
    },
];
