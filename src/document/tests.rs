//! Table-driven tests of parsing and segmentation: one row per case the
//! segmenter must get right.

use super::*;

fn sentences(format: Format, text: &str) -> Vec<String> {
    let doc = Document::from_text("t", format, text);
    doc.sentences.iter().map(|s| doc.reading_text(s.prose.clone()).into_owned()).collect()
}

#[test]
fn segmentation_table() {
    let cases: &[(&str, &[&str])] = &[
        // Abbreviations.
        ("The U.S. Senate voted. It passed.", &["The U.S. Senate voted.", "It passed."]),
        ("They met in the U.S. The talks failed.", &["They met in the U.S.", "The talks failed."]),
        ("Use tools, e.g. hammers. Then stop.", &["Use tools, e.g. hammers.", "Then stop."]),
        ("Some, i.e. Most, agreed. Fine.", &["Some, i.e. Most, agreed.", "Fine."]),
        (
            "Mr. Smith and Dr. Jones met Prof. Lee. They talked.",
            &["Mr. Smith and Dr. Jones met Prof. Lee.", "They talked."],
        ),
        ("See No. 5 and pp. 33–43 in vol. 2 of it. Next.", &["See No. 5 and pp. 33–43 in vol. 2 of it.", "Next."]),
        ("It was cited by P. Williams in 2004. Later too.", &["It was cited by P. Williams in 2004.", "Later too."]),
        ("Francis M. Deng wrote it. He did.", &["Francis M. Deng wrote it.", "He did."]),
        ("Smith et al. Found it. Odd.", &["Smith et al. Found it.", "Odd."]),
        ("It fell on Jan. 5 in Fig. 3 of the report. Next.", &["It fell on Jan. 5 in Fig. 3 of the report.", "Next."]),
        ("It ended at 5 p.m. The next day began.", &["It ended at 5 p.m.", "The next day began."]),
        ("We said no. Then we left.", &["We said no.", "Then we left."]),
        // Decimals and amounts.
        ("It cost €2.9 billion. Gas was 31.5 bcm. Done.", &["It cost €2.9 billion.", "Gas was 31.5 bcm.", "Done."]),
        (
            "Version v3.8.11 shipped. See example.com for more.",
            &["Version v3.8.11 shipped.", "See example.com for more."],
        ),
        // Quotations.
        ("He called it “a revolution.” Nobody agreed.", &["He called it “a revolution.”", "Nobody agreed."]),
        ("“Why?” she asked. “Because.” He left.", &["“Why?” she asked.", "“Because.”", "He left."]),
        ("He said \"stop!\" and ran.", &["He said \"stop!\" and ran."]),
        // Note markers after the full stop.
        ("It was signed.[3] Then ratified.", &["It was signed.[3]", "Then ratified."]),
        ("It was signed. [3] Then ratified.", &["It was signed. [3]", "Then ratified."]),
        ("It was signed.¹² Then ratified.", &["It was signed.¹²", "Then ratified."]),
        ("We interviewed them.5 Rates varied.", &["We interviewed them.5", "Rates varied."]),
        ("It was signed.” [4] Then ratified.", &["It was signed.” [4]", "Then ratified."]),
        ("See section 3.2. It explains.", &["See section 3.2.", "It explains."]),
        // Other terminals.
        (
            "Is it solid? And what is the price? Nobody knows!",
            &["Is it solid?", "And what is the price?", "Nobody knows!"],
        ),
        ("Wait... What happened? Nothing…", &["Wait...", "What happened?", "Nothing…"]),
        ("It went on … and on. End.", &["It went on … and on.", "End."]),
        // White space.
        ("One.\u{a0} Two.", &["One.", "Two."]),
        ("One.  Two.\nThree.", &["One.", "Two.", "Three."]),
        ("No final stop here", &["No final stop here"]),
    ];
    for (text, want) in cases {
        assert_eq!(sentences(Format::Plain, text), *want, "segmenting {text:?}");
    }
}

#[test]
fn hard_wraps_join_and_hyphenation_is_undone() {
    let got = sentences(
        Format::Plain,
        "The con-\nnection between the Serbian-\n-Russian sides is long-\n  standing. Next.\n",
    );
    assert_eq!(got, ["The connection between the Serbian-Russian sides is longstanding.", "Next."]);
    let doc = Document::from_text("t", Format::Plain, "a con-\nnection\n");
    assert_eq!(doc.hyphen_breaks, [5]);
    // Not a break: a dash before a capital or a digit.
    let doc = Document::from_text("t", Format::Plain, "pre-\nWar and 1990-\n1995\n");
    assert!(doc.hyphen_breaks.is_empty());
}

#[test]
fn headings_and_list_items_are_their_own_blocks() {
    let doc = Document::from_text(
        "t",
        Format::Plain,
        "Historical Context\n\nIt began. It ended.\n\n- first item\n- second item\n\n1. numbered\n2. again\n",
    );
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::ListItem
        ]
    );
    let got = sentences(Format::Markdown, "# Title here\n\n- one item\n- two items\n\nText. More.\n");
    assert_eq!(got, ["Title here", "one item", "two items", "Text.", "More."]);
}

#[test]
fn pdf_page_break_notes_are_lifted_out_of_a_resumed_sentence() {
    let text = "Body text that runs on to the\n\n10 Andrew Evans, “Forced Miracles”, Religion, 30.1 (2002), pp. 33–43.\n\n 11 Shaun Narine, “NATO”, 2016, 197–218.\n next page where it ends. Another one.\n";
    let doc = Document::from_text("t", Format::Plain, text);
    let got: Vec<String> = doc.sentences.iter().map(|s| doc.reading_text(s.prose.clone()).into_owned()).collect();
    assert_eq!(got[0], "Body text that runs on to the next page where it ends.");
    assert_eq!(got[1], "Another one.");
    let notes: Vec<&str> =
        doc.blocks.iter().filter(|b| b.kind == BlockKind::Note).filter_map(|b| b.label.as_deref()).collect();
    assert_eq!(notes, ["10", "11"]);
    // The stitched sentence maps back to the original lines.
    let s = &doc.sentences[0];
    assert_eq!(doc.source.line_col(s.src.start).line, 1);
    assert_eq!(doc.source.line_col(s.src.end).line, 6);
}

#[test]
fn pdf_notes_and_debris_are_classified() {
    let text = "Intro\n\nIt held an account in 2018,¹ as shown.² Next sentence.\n\n¹ Central Bank, Survey 2018, table 4.\n² Ministry, Review, 2019, p. 31.\n\nAuthor · Title of the paper                1\n\n\u{fffd} Josip Glaurdić, The Hour of Europe (Yale, 2011).\n\n12\n";
    let doc = Document::from_text("t", Format::Plain, text);
    let kinds: Vec<(BlockKind, Option<&str>)> = doc.blocks.iter().map(|b| (b.kind, b.label.as_deref())).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Heading, None),
            (BlockKind::Paragraph, None),
            (BlockKind::Note, Some("1")),
            (BlockKind::Note, Some("2")),
            (BlockKind::PageDebris, None),
            (BlockKind::Note, Some("\u{fffd}")),
            (BlockKind::PageDebris, None),
        ]
    );
    // A numbered heading is not a note.
    let doc = Document::from_text("t", Format::Plain, "1 Introduction\n\nText here.\n");
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
}

#[test]
fn superscript_digits_read_as_numbers() {
    assert_eq!(super::superscript_number("⁰¹²³⁴⁵⁶⁷⁸⁹"), "0123456789");
    assert_eq!(super::superscript_digit('2'), None);
    assert_eq!(super::superscript_digit('⁷'), Some(7));
}

#[test]
fn bracketed_endnotes_under_a_notes_heading() {
    let text =
        "Body sentence.[1]\n\nNotes\n\n[1] Sputnik Serbia, 3 December 2019\n\n[2] Arms Watch, 21 November 2019\n";
    let doc = Document::from_text("t", Format::Plain, text);
    let notes: Vec<(&str, Section)> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .map(|b| (b.label.as_deref().unwrap(), b.section))
        .collect();
    assert_eq!(notes, [("1", Section::References), ("2", Section::References)]);
    let b = doc.blocks.iter().find(|b| b.kind == BlockKind::Note).unwrap();
    assert_eq!(&text[b.label_src.clone().unwrap()], "[1]");
}

#[test]
fn an_underlined_or_capitalised_heading_ends_a_notes_section() {
    let text = "Body sentence.[1]\n\nNotes\n\n[1] Sputnik Serbia, 3 December 2019\n\nShort entry\n\n\
                LICENSE AGREEMENT\n\n1. This agreement is between the parties.\n\n\
                Terms of use\n============\n\n2. Use is permitted.\n";
    let doc = Document::from_text("t", Format::Plain, text);
    let kinds: Vec<(BlockKind, Section)> = doc.blocks.iter().map(|b| (b.kind, b.section)).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, Section::Body),
            (BlockKind::Heading, Section::Body),
            (BlockKind::Note, Section::References),
            // A short line among references is still an entry.
            (BlockKind::Paragraph, Section::References),
            (BlockKind::Heading, Section::References),
            (BlockKind::ListItem, Section::Body),
            (BlockKind::Heading, Section::Body),
            (BlockKind::ListItem, Section::Body),
        ]
    );
}

#[test]
fn markdown_structure_and_source_map() {
    let text = "---\ntitle: X\ndate: 2023-04-04\n---\n\n# Head\n\nSee [the *graph*](https://ex.org/2023/03/28/a) and `code 5%` now.[^1] Done.\n\n```\ngrep [^0-9:]\n```\n\n<!-- corpuslint-disable figure -->\n\n[^1]: A note. With two sentences.\n\n    Second paragraph.\n";
    let doc = Document::from_text("t.md", Format::Markdown, text);
    let sentences: Vec<String> = doc.sentences.iter().map(|s| doc.sentence_text(s).to_string()).collect();
    assert_eq!(
        sentences,
        ["Head", "See the graph and \u{fffc} now.[^1]", "Done.", "A note.", "With two sentences.", "Second paragraph."]
    );
    assert_eq!(
        doc.meta.iter().map(|m| (m.key.as_str(), m.value.as_str())).collect::<Vec<_>>(),
        [("title", "X"), ("date", "2023-04-04")]
    );
    assert_eq!(doc.links.len(), 1);
    assert_eq!(doc.links[0].url, "https://ex.org/2023/03/28/a");
    assert_eq!(doc.note_refs.len(), 1);
    assert_eq!(&text[doc.note_refs[0].src.clone()], "[^1]");
    let note = doc.blocks.iter().find(|b| b.kind == BlockKind::Note).unwrap();
    assert_eq!(note.label.as_deref(), Some("1"));
    assert_eq!(&text[note.label_src.clone().unwrap()], "[^1]:");
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(&text[doc.comments[0].src.clone()], "<!-- corpuslint-disable figure -->");
    // Source spans of sentences point at the original text.
    let s = &doc.sentences[1];
    assert!(text[s.src.clone()].starts_with("See [the *graph*]"));
    assert!(text[s.src.clone()].ends_with("now.[^1]"));
    // Code is never prose.
    assert!(!doc.prose.contains("grep"));
}

#[test]
fn html_structure_entities_and_notes() {
    let text = "<html><head><title>T</title><meta name=\"date\" content=\"2022-12-12\"><style>p{}</style></head><body>\n<p>It cost &euro;400&nbsp;million.<sup><a href=\"#fn1\">1</a></sup> See <a href=\"https://x.org/a\">this</a>.</p>\n<script>var a = \"No. 1. Two.\";</script>\n<ol><li id=\"fn1\">Source, 2021.</li></ol><p>Unclosed <b>tag\n";
    let doc = Document::from_text("t.html", Format::Html, text);
    let sentences: Vec<String> = doc.sentences.iter().map(|s| doc.reading_text(s.prose.clone()).into_owned()).collect();
    assert_eq!(sentences, ["T", "It cost €400 million.1", "See this.", "Source, 2021.", "Unclosed tag"]);
    assert_eq!(doc.note_refs.len(), 1);
    assert_eq!(doc.note_refs[0].label, "1");
    assert_eq!(doc.meta[0].key, "date");
    assert_eq!(doc.links[0].url, "https://x.org/a");
    let note = doc.blocks.iter().find(|b| b.kind == BlockKind::Note).unwrap();
    assert_eq!(note.label.as_deref(), Some("1"));
    // The entity maps back to its source.
    let s = &doc.sentences[1];
    assert!(text[s.src.clone()].starts_with("It cost &euro;400"));
}

#[test]
fn crlf_and_bom_keep_stored_offsets() {
    let text = "\u{feff}First line.\r\nSecond one. Third.\r\n";
    let doc = Document::from_text("t", Format::Plain, text);
    let s = &doc.sentences[2];
    assert_eq!(&text[s.src.clone()], "Third.");
    let at = doc.source.line_col(s.src.start);
    assert_eq!((at.line, at.column), (2, 13));
    assert_eq!(doc.source.stored_offset(s.src.start), text.find("Third").unwrap());
}

#[test]
fn bare_urls_are_links() {
    let doc = Document::from_text(
        "t",
        Format::Plain,
        "See https://www.themoscowtimes.com/2026/04/05/x. And www.b92.net, too.\n",
    );
    let urls: Vec<&str> = doc.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://www.themoscowtimes.com/2026/04/05/x", "www.b92.net"]);
}

/// The non-empty blocks of `doc`: their kinds and trimmed text.
fn kinds_and_text(doc: &Document) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .filter(|b| !doc.prose[b.prose.clone()].trim().is_empty())
        .map(|b| (b.kind, doc.prose[b.prose.clone()].trim().to_string()))
        .collect()
}

#[test]
fn a_paragraph_inside_an_html_list_item_is_the_item() {
    let text = "<ul><li><p>First entry.</p></li><li>Second <p>entry.</p></li></ul><p>After the list.</p>";
    let doc = Document::from_text("t.html", Format::Html, text);
    let kinds = kinds_and_text(&doc);
    assert_eq!(
        kinds,
        [
            (BlockKind::ListItem, "First entry.".to_string()),
            (BlockKind::ListItem, "Second".to_string()),
            (BlockKind::ListItem, "entry.".to_string()),
            (BlockKind::Paragraph, "After the list.".to_string()),
        ]
    );
}

#[test]
fn an_html_footer_is_page_furniture() {
    let text = "<div class=\"body\"><p>Text.</p></div><div class=\"footer\"><div>Last updated on 3 May 2031.</div> \
                <p>Created using a generator.</p></div><p>After.</p>";
    let doc = Document::from_text("t.html", Format::Html, text);
    let kinds = kinds_and_text(&doc);
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "Text.".to_string()),
            (BlockKind::PageDebris, "Last updated on 3 May 2031.".to_string()),
            (BlockKind::PageDebris, "Created using a generator.".to_string()),
            (BlockKind::Paragraph, "After.".to_string()),
        ]
    );
}
