//! `io/*`: problems reading input. The loader reports these, not a check:
//! a file that cannot be read or decoded becomes a diagnostic for that file,
//! and every other file is still checked.

use crate::diagnostic::{Family, Severity};
use crate::rules::RuleInfo;

pub const INVALID_UTF8: &str = "io/invalid-utf8";
pub const BINARY_FILE: &str = "io/binary-file";
pub const UNREADABLE: &str = "io/unreadable";
pub const BROKEN_SYMLINK: &str = "io/broken-symlink";
pub const SYMLINK_LOOP: &str = "io/symlink-loop";
pub const SPECIAL_FILE: &str = "io/special-file";
pub const INTERNAL_ERROR: &str = "io/internal-error";

pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: INVALID_UTF8,
        family: Family::Io,
        severity: Severity::Warning,
        summary: "the file is not valid UTF-8; invalid bytes were replaced and the rest checked",
        doc: "## What it does\nReports the first byte sequence that is not valid UTF-8. The file is then decoded \
              with every invalid sequence replaced by U+FFFD and checked as usual.\n\n\
              ## Why is this bad?\nInvalid bytes usually mean a file saved in a legacy encoding (Latin-1, \
              Windows-1252) or damaged in transfer; readers and downstream tools will show mojibake.\n\n\
              ## Example\nA file containing the byte `0xE9` for `é` (Latin-1) triggers it. \
              The same text saved as UTF-8 (`0xC3 0xA9`) does not.",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: BINARY_FILE,
        family: Family::Io,
        severity: Severity::Info,
        summary: "the file contains NUL bytes and was skipped as binary",
        doc: "## What it does\nSkips files that contain a NUL byte, which no prose document does.\n\n\
              ## Why is this bad?\nIt is not: it tells you the file was not checked, so that a PDF or image \
              that slipped into the corpus is not silently passed.\n\n\
              ## Example\nA `.txt` file that is really a PDF triggers it; a UTF-8 text file does not.",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: UNREADABLE,
        family: Family::Io,
        severity: Severity::Error,
        summary: "the file could not be read",
        doc: "## What it does\nReports a file that exists but cannot be read (permissions, I/O error).\n\n\
              ## Why is this bad?\nAn unchecked file is an unknown: a CI gate must not pass it silently.\n\n\
              ## Example\nA file with mode `000` triggers it; a readable file does not.",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: BROKEN_SYMLINK,
        family: Family::Io,
        severity: Severity::Error,
        summary: "a symbolic link points to nothing",
        doc: "## What it does\nReports a symbolic link whose target does not exist.\n\n\
              ## Why is this bad?\nThe document it stood for is missing from the corpus.\n\n\
              ## Example\n`ln -s missing.txt a.txt` triggers it; a link to an existing file does not.",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: SYMLINK_LOOP,
        family: Family::Io,
        severity: Severity::Warning,
        summary: "a symbolic link loops back to a folder above it and was not followed",
        doc: "## What it does\nReports a link that leads back into a folder being walked; it is not followed.\n\n\
              ## Why is this bad?\nFollowing it would check the same files forever.\n\n\
              ## Example\n`ln -s .. corpus/up` triggers it; a link to a sibling folder does not.",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: SPECIAL_FILE,
        family: Family::Io,
        severity: Severity::Info,
        summary: "a FIFO, socket or device was found and not opened",
        doc: "## What it does\nReports FIFOs, sockets and device files named on the command line or found \
              in a folder. They are never opened: reading a FIFO would block the run forever.\n\n\
              ## Why is this bad?\nIt is not: it says why the path was not checked.\n\n\
              ## Example\n`mkfifo corpus/pipe` triggers it; a regular file does not.",
        options: &[],
        default_enabled: true,
    },
    RuleInfo {
        id: INTERNAL_ERROR,
        family: Family::Io,
        severity: Severity::Error,
        summary: "a check failed on this file; the other checks and files still ran",
        doc: "## What it does\nReports a check that panicked on a file. The run goes on with every other \
              check and file.\n\n## Why is this bad?\nThe file was only partly checked, and corpuslint has a \
              bug: please report it with the file.\n\n## Example\nNo input should trigger it.",
        options: &[],
        default_enabled: true,
    },
];
