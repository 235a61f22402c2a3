//! Markdown (CommonMark with footnotes, tables and YAML front matter) via
//! pulldown-cmark's offset iterator.
//!
//! Prose is the text of paragraphs, headings, list items, table cells and
//! footnote definitions. Code (fenced, indented and inline), HTML, link
//! destinations and front matter are not prose: inline code becomes U+FFFC so
//! sentences keep their shape, comments are kept for directives, front matter
//! becomes metadata. `[^x]` references stay in the prose verbatim and are
//! recorded as [`NoteRef`](super::NoteRef)s.

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::plain::is_notes_heading;
use super::{BlockKind, Builder, RefKind, Section};

pub(super) fn parse(b: &mut Builder<'_>, text: &str, start: usize) {
    let body = &text[start..];
    let mut options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    options |= Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let parser = Parser::new_ext(body, options).into_offset_iter();

    let mut quote = 0usize;
    let mut skip = 0usize; // inside code blocks and images
    let mut in_note = 0usize;
    let mut in_item = 0usize;
    let mut metadata = false;
    let mut heading_start: Option<usize> = None;
    let mut links: Vec<(String, usize, usize)> = Vec::new();
    let mut block_first_text = true;
    let mut lists: Vec<Option<u64>> = Vec::new();
    // A heading, list, table, code block or HTML inside a footnote
    // definition is the note's content: it stays in the note's block.
    let mut heading_in_note = false;

    for (event, range) in parser {
        let range = range.start + start..range.end + start;
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    if (in_note > 0 || in_item > 0) && b.open_kind() == Some(BlockKind::Note) {
                        if b.prose_tail(1).is_empty() || b.prose_tail(2).trim().is_empty() {
                            continue;
                        }
                        b.push_break("\n\n");
                    } else if !(in_item > 0 && b.open_kind() == Some(BlockKind::ListItem) && block_first_text) {
                        b.start_block(if in_item > 0 { BlockKind::ListItem } else { BlockKind::Paragraph }, quote > 0);
                        block_first_text = true;
                    }
                }
                Tag::Heading { .. } if in_note > 0 && b.open_kind() == Some(BlockKind::Note) => {
                    heading_in_note = true;
                    b.push_break("\n\n");
                }
                Tag::Heading { .. } => {
                    b.start_block(BlockKind::Heading, quote > 0);
                    heading_start = Some(b.prose_len());
                    block_first_text = true;
                }
                Tag::Item if in_note > 0 && b.open_kind() == Some(BlockKind::Note) => {
                    in_item += 1;
                    b.push_break("\n");
                }
                Tag::Item => {
                    in_item += 1;
                    match lists.last_mut() {
                        // "1. Author, Title" under a Notes heading is note 1.
                        Some(Some(n)) if b.section() == Section::References => {
                            b.start_block(BlockKind::Note, quote > 0);
                            let marker = text[range.clone()].find([' ', '\t']).unwrap_or(0);
                            b.set_label(n.to_string(), range.start..range.start + marker);
                            *n += 1;
                        }
                        Some(Some(n)) => {
                            *n += 1;
                            b.start_block(BlockKind::ListItem, quote > 0);
                        }
                        _ => b.start_block(BlockKind::ListItem, quote > 0),
                    }
                    block_first_text = true;
                }
                Tag::List(start) => lists.push(start),
                Tag::TableCell if in_note > 0 && b.open_kind() == Some(BlockKind::Note) => b.push_break(" "),
                Tag::TableCell => {
                    b.start_block(BlockKind::TableCell, quote > 0);
                    block_first_text = true;
                }
                Tag::BlockQuote(_) => quote += 1,
                Tag::CodeBlock(_) => {
                    if in_note > 0 && b.open_kind() == Some(BlockKind::Note) {
                        b.push_text("\u{fffc}", range.clone());
                    }
                    skip += 1;
                }
                Tag::Image { .. } => skip += 1,
                Tag::FootnoteDefinition(label) => {
                    in_note += 1;
                    b.start_block(BlockKind::Note, quote > 0);
                    let src = &text[range.clone()];
                    let label_len = src.find("]:").map_or(label.len() + 3, |i| i + 2);
                    b.set_label(label.to_string(), range.start..range.start + label_len);
                    block_first_text = false;
                }
                Tag::Link { dest_url, .. } => links.push((dest_url.to_string(), b.prose_len(), range.start)),
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => metadata = true,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph if in_note == 0 && in_item == 0 => b.end_block(),
                TagEnd::Heading(_) if heading_in_note => heading_in_note = false,
                TagEnd::Heading(_) => {
                    let title =
                        heading_start.take().map(|s| b.prose_tail(b.prose_len() - s).to_string()).unwrap_or_default();
                    b.end_block();
                    b.set_section(if is_notes_heading(&title, b.lex()) { Section::References } else { Section::Body });
                }
                TagEnd::List(_) => {
                    lists.pop();
                }
                TagEnd::Item => {
                    in_item = in_item.saturating_sub(1);
                    if !(in_note > 0 && b.open_kind() == Some(BlockKind::Note)) {
                        b.end_block();
                    }
                }
                TagEnd::TableCell if in_note > 0 && b.open_kind() == Some(BlockKind::Note) => {}
                TagEnd::TableCell => b.end_block(),
                TagEnd::BlockQuote(_) => quote = quote.saturating_sub(1),
                TagEnd::CodeBlock | TagEnd::Image => skip = skip.saturating_sub(1),
                TagEnd::FootnoteDefinition => {
                    in_note = in_note.saturating_sub(1);
                    b.end_block();
                }
                TagEnd::Link => {
                    if let Some((url, prose_start, src_start)) = links.pop() {
                        b.link(url, src_start..range.end, prose_start..b.prose_len());
                    }
                }
                TagEnd::MetadataBlock(_) => metadata = false,
                _ => {}
            },
            Event::Text(t) if metadata => front_matter(b, &t, range),
            Event::Text(_) | Event::Code(_) if skip > 0 => {}
            Event::Text(t) => {
                block_first_text = false;
                b.push_text(&t, range);
            }
            Event::Code(_) => b.push_text("\u{fffc}", range),
            // A reference in an image's alt text is not rendered as one.
            Event::FootnoteReference(_) if skip > 0 => {}
            Event::FootnoteReference(label) => {
                let prose_start = b.prose_len();
                b.push_src(range.clone());
                b.note_ref(label.to_string(), RefKind::Markdown, prose_start..b.prose_len(), range);
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => b.push_text("\n", range),
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<!--") => {
                b.comment(h.to_string(), trim_range(text, range));
            }
            Event::Html(_) if in_note > 0 && b.open_kind() == Some(BlockKind::Note) => {
                b.push_text("\u{fffc}", range);
            }
            _ => {}
        }
    }
}

/// `key: value` lines of YAML front matter.
fn front_matter(b: &mut Builder<'_>, t: &str, range: Range<usize>) {
    let exact = t.len() == range.len();
    let mut offset = 0;
    for line in t.split_inclusive('\n') {
        let here = range.start + offset;
        offset += line.len();
        let trimmed = line.trim_end();
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        if key.starts_with([' ', '\t', '-', '#']) || key.is_empty() {
            continue;
        }
        let value = value.trim().trim_matches(['"', '\'']);
        let src = if exact { here..here + trimmed.len() } else { range.clone() };
        b.meta(key.trim().to_ascii_lowercase(), value.to_string(), src);
    }
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    range.start + lead..(range.end - trail).max(range.start + lead)
}
