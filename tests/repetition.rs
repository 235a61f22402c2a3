//! `repetition/*`: exact, near and restated repeats in a document and across
//! files, the near misses that must stay silent, and the sample corpus.

mod common;

use common::{check, findings_with_config, findings_with_related as found};

/// Findings with near-duplicates and restatements looked for in technical
/// documentation too.
fn found_in_technical(fixture: &str) -> Vec<String> {
    findings_with_config(fixture, "repetition", "config/repetition-technical-docs.toml")
}

#[test]
fn exact_repeats_survive_hyphenation_quotes_and_markers() {
    // Headings, two-word sentences and repeated notes ("Ibid.") are not repeats.
    assert_eq!(
        found("repetition/exact-sentence.txt", "repetition"),
        ["repetition/exact-sentence exact-sentence.txt:6 → exact-sentence.txt:1"]
    );
}

#[test]
fn inline_code_counts_in_the_comparison() {
    // Lines 3 and 4 differ only in their code: two statements. Lines 5
    // and 6 are the same, code included.
    assert_eq!(
        found("repetition/exact-sentence.code.md", "repetition"),
        ["repetition/exact-sentence exact-sentence.code.md:6 → exact-sentence.code.md:5"]
    );
}

#[test]
fn parallel_release_entries_are_records_not_repeats() {
    // The same fix under two release headings is how changelogs of
    // parallel branches are written; listed twice under one release, it is
    // a slip.
    assert_eq!(
        found("repetition/exact-sentence.changelog.md", "repetition"),
        ["repetition/exact-sentence exact-sentence.changelog.md:11 → exact-sentence.changelog.md:10"]
    );
}

#[test]
fn entries_of_an_option_reference_are_records() {
    // Each option's entry says the same thing of another option; only the
    // sentence repeated inside one entry (line 20, restating the entry's
    // first sentence, which includes its term) is a repeat. (Before entries
    // were records, lines 11 and 18 were reported as repeats of the entries
    // above them.)
    assert_eq!(
        found_in_technical("repetition/near-duplicate.options.txt"),
        ["repetition/restated-sentence near-duplicate.options.txt:20 → near-duplicate.options.txt:18"]
    );
}

#[test]
fn parallel_statements_about_other_code_or_names_are_not_repeats() {
    // The first two documents name code in most sentences: technical
    // documentation, where near-duplicates and restatements are looked for
    // only on request.
    // Lines 5 and 9 say of another switch or another person what lines 3
    // and 7 said; line 11 restates line 3, switch included.
    assert_eq!(
        found_in_technical("repetition/restated-sentence.parallel.txt"),
        ["repetition/restated-sentence restated-sentence.parallel.txt:11 → restated-sentence.parallel.txt:3"]
    );
    // HTML inline code counts like Markdown's: line 4 names another
    // setting, line 5 says line 3 again in other words.
    assert_eq!(
        found_in_technical("repetition/near-duplicate.parallel.html"),
        ["repetition/near-duplicate near-duplicate.parallel.html:5 → near-duplicate.parallel.html:3"]
    );
    // List items that say of the argument what the one before said of the
    // option are parallel; a sentence rewritten in place (one word changed)
    // and left beside its first version is a repeat.
    assert_eq!(
        found_in_technical("repetition/near-duplicate.parallel.md"),
        ["repetition/near-duplicate near-duplicate.parallel.md:8 → near-duplicate.parallel.md:8"]
    );
}

#[test]
fn technical_documentation_is_searched_for_exact_repeats_only() {
    // The same documents as above, with the default options: they name code
    // in most sentences, and parallel wording is how they are written.
    for fixture in ["restated-sentence.parallel.txt", "near-duplicate.parallel.html", "near-duplicate.options.txt"] {
        assert_eq!(found(&format!("repetition/{fixture}"), "repetition"), Vec::<String>::new(), "{fixture}");
    }
}

#[test]
fn items_of_lists_and_cells_of_tables_are_records() {
    // Line 11 says under "After a shift" what line 7 said under "Before a
    // shift", and two table cells share a note: records. Line 14 repeats
    // the item before it whole: a duplicated item.
    assert_eq!(
        found("repetition/exact-sentence.lists.md", "repetition"),
        ["repetition/exact-sentence exact-sentence.lists.md:14 → exact-sentence.lists.md:13"]
    );
}

#[test]
fn a_sentence_on_every_page_is_a_template_said_once() {
    // The draft stamp has four copies: a template, not four repeats. Line
    // 14 was pasted twice in a row, and is reported.
    assert_eq!(
        found("repetition/boilerplate.txt", "repetition"),
        ["repetition/exact-sentence boilerplate.txt:14 → boilerplate.txt:13"]
    );
    // `repetition/boilerplate` (off by default) names the template once, at
    // its first copy, with the others beside it.
    assert_eq!(
        found("repetition/boilerplate.txt", "repetition/boilerplate"),
        ["repetition/boilerplate boilerplate.txt:1 → boilerplate.txt:6 → boilerplate.txt:11 → boilerplate.txt:16"]
    );
}

#[test]
fn titles_and_lead_ins_are_not_statements() {
    // The contents line names a heading, and each list is introduced in the
    // same words; line 20 repeats a statement.
    assert_eq!(
        found("repetition/exact-sentence.titles.md", "repetition"),
        ["repetition/exact-sentence exact-sentence.titles.md:20 → exact-sentence.titles.md:13"]
    );
}

#[test]
fn releases_are_records_and_numbered_sections_are_not() {
    // "2.1 Data collection" and "3.2 Results" are sections of one text: the
    // repeat is reported. Releases named by a pre-release version or a
    // written date are records.
    assert_eq!(
        found("repetition/exact-sentence.sections.md", "repetition"),
        ["repetition/exact-sentence exact-sentence.sections.md:9 → exact-sentence.sections.md:5"]
    );
}

#[test]
fn a_negation_makes_another_statement() {
    // Line 3 says the opposite of line 1; line 5 says it again.
    assert_eq!(
        found("repetition/near-duplicate.negation.txt", "repetition"),
        ["repetition/near-duplicate near-duplicate.negation.txt:5 → near-duplicate.negation.txt:1"]
    );
}

#[test]
fn credit_lines_repeat_by_design() {
    // The same credit for two related changes is how release notes are
    // written; another parenthesised sentence repeated is still a repeat.
    assert_eq!(
        found("repetition/exact-sentence.credits.md", "repetition"),
        ["repetition/exact-sentence exact-sentence.credits.md:10 → exact-sentence.credits.md:9"]
    );
}

#[test]
fn markup_left_in_the_text_is_code_not_prose() {
    // The TeX example lines repeat (a listing and its variant); the prose
    // sentence repeated on line 9 is reported.
    assert_eq!(
        found("repetition/exact-sentence.markup.txt", "repetition"),
        ["repetition/exact-sentence exact-sentence.markup.txt:9 → exact-sentence.markup.txt:1"]
    );
}

#[test]
fn index_entries_name_their_sections_by_design() {
    // Eleven index entries pointing at one section are silent; the prose
    // sentence repeated after them is reported.
    assert_eq!(
        found("repetition/near-duplicate.index.txt", "repetition"),
        ["repetition/exact-sentence near-duplicate.index.txt:28 → near-duplicate.index.txt:26"]
    );
}

#[test]
fn licence_language_is_copied_by_design() {
    // The licence notice repeats (line 7); the prose sentence repeated on
    // line 9 is reported.
    assert_eq!(
        found("repetition/exact-sentence.licence.txt", "repetition"),
        ["repetition/exact-sentence exact-sentence.licence.txt:9 → exact-sentence.licence.txt:3"]
    );
}

#[test]
fn near_repeats_are_scored_and_templates_with_other_numbers_are_not() {
    // Line 9 differs from line 4 only in its numbers: a different fact.
    // Line 11 repeats the first clause of line 10.
    assert_eq!(
        found("repetition/near-duplicate.md", "repetition"),
        [
            "repetition/near-duplicate near-duplicate.md:8 → near-duplicate.md:3",
            "repetition/near-duplicate near-duplicate.md:11 → near-duplicate.md:10",
            "repetition/near-duplicate near-duplicate.md:14 → near-duplicate.md:13",
        ]
    );
    let (_, v) = check(&["--select", "repetition", "tests/fixtures/repetition/near-duplicate.md"], true);
    assert!(v["diagnostics"][0]["message"].as_str().unwrap().contains("similarity 0.6"));
    // Line 14 has line 13's words in another order.
    assert!(v["diagnostics"][2]["message"].as_str().unwrap().contains("with its words reordered"));
}

#[test]
fn restated_sentences_are_found_by_containment() {
    // Line 5's second sentence shares its words with the first but brings
    // new numbers: a new fact, not a restatement.
    assert_eq!(
        found("repetition/restated-sentence.txt", "repetition"),
        ["repetition/restated-sentence restated-sentence.txt:1 → restated-sentence.txt:1"]
    );
    let (_, v) = check(&["--select", "repetition", "tests/fixtures/repetition/restated-sentence.txt"], true);
    assert_eq!(v["diagnostics"][0]["snippet"], "In 1995, the Dayton Agreement brought an end to the Bosnian War.");
}

#[test]
fn attributed_quotations_are_not_repeats() {
    assert!(found("repetition/exact-sentence.quotes.html", "repetition").is_empty());
}

#[test]
fn repeats_across_files_point_at_the_first_occurrence() {
    // A block repeated in b.md reads as one finding per sentence; the third
    // occurrence (c.txt) points at the first (a.md), not at the second.
    assert_eq!(
        found("repetition/exact-sentence.cross", "repetition"),
        [
            "repetition/exact-sentence b.md:1 → a.md:1",
            "repetition/exact-sentence b.md:1 → a.md:1",
            "repetition/near-duplicate b.md:1 → a.md:1",
            "repetition/exact-sentence c.txt:1 → a.md:1",
        ]
    );
    let (_, v) = check(&["--select", "repetition", "tests/fixtures/repetition/exact-sentence.cross"], true);
    let snippets: Vec<&str> =
        v["diagnostics"].as_array().unwrap().iter().map(|d| d["snippet"].as_str().unwrap()).collect();
    assert_eq!(snippets[0], "Ringers practise on the second Tuesday of every month in the tower room.");
    assert!(snippets[2].starts_with("Growers expect apple prices to remain high"));
    // The copy in a third file says how large the cluster is.
    let messages: Vec<&str> =
        v["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(messages[3].ends_with("a.md (it occurs in 3 files)"), "{messages:?}");
}

#[test]
fn options_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/repetition/near-duplicate.md", dir.path().join("near.md")).unwrap();
    std::fs::write(dir.path().join("corpuslint.toml"), "[rules.\"repetition/near-duplicate\"]\nthreshold = 0.95\n")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_corpuslint"))
        .current_dir(dir.path())
        .args(["check", "--select", "repetition/near-duplicate", "--format", "jsonl", "."])
        .output()
        .unwrap();
    // Only the reordered sentence (similarity 1.00) passes 0.95.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].contains("\"line\":14"), "{stdout}");
}

#[test]
fn sample_corpus() {
    let (_, v) = check(&["--select", "repetition", "corpus"], true);
    let diags = v["diagnostics"].as_array().unwrap();
    let snippets: Vec<&str> = diags
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("000_") && d["rule"] == "repetition/restated-sentence")
        .map(|d| d["snippet"].as_str().unwrap())
        .collect();
    assert!(snippets.contains(&"In 1995, the Dayton Agreement brought an end to the Bosnian War."), "{snippets:#?}");
    assert!(snippets.iter().any(|s| s.starts_with("The battle has been mythologized in both countries")));
    assert!(diags.iter().all(|d| !d["path"].as_str().unwrap().contains("003_")));
}

#[test]
fn a_table_of_contents_is_not_text() {
    // The contents lines (dot leaders to a page number) name the sections
    // that follow: the first sentence of each is no repeat.
    assert_eq!(found("repetition/exact-sentence.contents.txt", "repetition"), Vec::<String>::new());
}

#[test]
fn a_quoted_term_is_a_name() {
    // The second sentence names another rate in quotes: another statement.
    // The third says the first again in other words.
    assert_eq!(
        found("repetition/near-duplicate.quoted.txt", "repetition"),
        ["repetition/near-duplicate near-duplicate.quoted.txt:1 → near-duplicate.quoted.txt:1"]
    );
}

#[test]
fn shared_sections_and_technical_documents_single_source_their_text() {
    // a.md and b.md end with the same "Helping out" section: one project's
    // template. d.md and e.md (a reference and a changelog, naming code in
    // most sentences) share a sentence by design. c.md repeats a sentence
    // of b.md's running text: reported.
    assert_eq!(
        found("repetition/exact-sentence.template.cross", "repetition"),
        ["repetition/exact-sentence c.md:3 → b.md:6"]
    );
}
