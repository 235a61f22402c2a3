//! Throughput benchmark (not a test): generates a corpus of plain text,
//! Markdown and HTML documents and measures load + parse + segment, then the
//! full check run, printing MB/s and peak RSS.
//!
//! ```text
//! cargo bench --bench throughput                 # 200 MB, both stages
//! cargo bench --bench throughput -- --mb 1000    # larger corpus
//! cargo bench --bench throughput -- --real       # copies of the real sample corpus
//! cargo bench --bench throughput -- --real --only footnote   # one family
//! cargo bench --bench throughput -- --pages --only footnote  # PDF extractions: pages, columns, page notes
//! ```
//!
//! The corpus is written once under `target/bench-corpus-<MB>` and reused.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use corpuslint::document::Document;
use corpuslint::engine::Input;
use corpuslint::session::{Overrides, Session};
use corpuslint::source::Source;

const SENTENCES: &[&str] = &[
    "The disintegration of the federation created a complicated geopolitical environment marked by conflicts.",
    "Exports rose 5% in 2021, according to the statistical office.",
    "In December 2017, Belgrade backed Moscow over a UN resolution put forward by Ukraine.[2]",
    "Mr. Smith met Dr. Jones on 21 November 2019 to discuss the €2.9 billion deal.",
    "Households that lost a harvest borrowed about twice as much in the following season.",
    "The energy sector comprised some 90 percent of all investments in the country in 2017.",
    "Nobody was paged about the pool itself, because the only alert watched the error rate.",
    "See pp. 33–43 in vol. 2 for the figures, e.g. the 31.5 bcm of gas delivered.",
];

/// A deterministic pseudo-random sequence (no dependency needed for this).
// The binary's allocator, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn paragraph(rng: &mut Lcg, out: &mut String, n: usize) {
    for i in 0..n {
        let s = SENTENCES[rng.next() % SENTENCES.len()];
        let _ = write!(out, "{s} {} ", rng.next() % 1000);
        if i % 3 == 2 {
            out.push('\n');
        }
    }
}

/// A corpus of real prose: the sample documents of `corpus/`, copied until
/// the size is reached (so every family meets the dates, notes and figures
/// of real text, not of templates).
fn copy_real(dir: &Path, mb: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    sources.sort();
    let mut total = 0;
    let mut i = 0;
    while total < mb * 1_000_000 {
        let src = &sources[i % sources.len()];
        let text = std::fs::read(src).unwrap();
        total += text.len();
        std::fs::write(dir.join(format!("copy{i:06}-{}", src.file_name().unwrap().to_string_lossy())), text).unwrap();
        i += 1;
    }
}

fn generate(dir: &Path, mb: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Lcg(42);
    let mut total = 0;
    let mut i = 0;
    while total < mb * 1_000_000 {
        let mut doc = String::new();
        let (ext, paras) = match i % 3 {
            0 => ("txt", 60),
            1 => ("md", 60),
            _ => ("html", 60),
        };
        for p in 0..paras {
            match ext {
                "md" if p % 10 == 0 => {
                    let _ = writeln!(doc, "## Section {p}\n");
                }
                "html" => doc.push_str("<p>"),
                _ => {}
            }
            paragraph(&mut rng, &mut doc, 8);
            doc.push_str(if ext == "html" { "</p>\n" } else { "\n\n" });
        }
        total += doc.len();
        std::fs::write(dir.join(format!("doc{i:06}.{ext}")), doc).unwrap();
        i += 1;
    }
}

/// Text as PDF extractors write it: pages ended by form feeds, a running
/// head and a page number on each, note numbers glued to words with their
/// notes at the page's foot, and every other document laid out in two
/// columns (`pdftotext -layout`), so page and column reading are timed.
fn generate_pages(dir: &Path, mb: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Lcg(7);
    let mut total = 0;
    let mut i = 0;
    while total < mb * 1_000_000 {
        let two_columns = i % 2 == 1;
        let mut doc = String::new();
        let mut note = 0;
        for page in 1..=12 {
            let _ = writeln!(doc, "Journal of Things, Vol. 3 (2008)                          {page}\n");
            let mut body = String::new();
            paragraph(&mut rng, &mut body, 14);
            note += 1;
            let _ = write!(body, "as the survey showed.{note} ");
            paragraph(&mut rng, &mut body, 6);
            // Wrapped at 60 characters, as a column is.
            let mut lines: Vec<String> = vec![String::new()];
            for w in body.split_whitespace() {
                let last = lines.last_mut().unwrap();
                if !last.is_empty() && last.len() + 1 + w.len() > 60 {
                    lines.push(w.to_string());
                } else {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(w);
                }
            }
            if two_columns {
                let half = lines.len().div_ceil(2);
                for k in 0..half {
                    let right = lines.get(k + half).map_or("", String::as_str);
                    let _ = writeln!(doc, "{:<64}{right}", lines[k]);
                }
            } else {
                for l in &lines {
                    let _ = writeln!(doc, "{l}");
                }
            }
            let _ = writeln!(doc, "\n{note} A. Evans, Forced Miracles (Oxford, 2002), pp. 33–43.\n\u{c}");
        }
        total += doc.len();
        std::fs::write(dir.join(format!("paper{i:06}.txt")), doc).unwrap();
        i += 1;
    }
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// Pathological but valid inputs: each must take time linear in its size.
fn pathological() {
    use corpuslint::document::Format;
    let mut notes = String::new();
    for i in 0..20_000 {
        let _ = writeln!(notes, "Claim {i}.[^{i}]");
    }
    notes.push('\n');
    for i in 0..20_000 {
        let _ = writeln!(notes, "[^{i}]: Note {i}.");
    }
    let cases: Vec<(&str, Format, String)> = vec![
        ("20 MB single line", Format::Plain, "Word word word word sentence. ".repeat(20_000_000 / 30)),
        ("50,000 nested block quotes", Format::Markdown, format!("{}deep text.\n", "> ".repeat(50_000))),
        ("20,000 footnotes", Format::Markdown, notes),
        ("200,000 unclosed HTML tags", Format::Html, format!("{}text", "<p><b><i><div>".repeat(200_000))),
    ];
    for (name, format, text) in cases {
        let t = Instant::now();
        let doc = Document::from_text("p", format, &text);
        println!("pathological {name}: {:.3} s ({} sentences)", t.elapsed().as_secs_f64(), doc.sentences.len());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb =
        args.iter().position(|a| a == "--mb").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(200);
    let real = args.iter().any(|a| a == "--real");
    let pages = args.iter().any(|a| a == "--pages");
    // `--only FAMILY` times that family alone (for profiling one check).
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let name = if real {
        format!("target/bench-real-{mb}")
    } else if pages {
        format!("target/bench-pages-{mb}")
    } else {
        format!("target/bench-corpus-{mb}")
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    if !dir.join(".done").exists() {
        eprintln!("generating {mb} MB corpus in {}", dir.display());
        if real {
            copy_real(&dir, mb);
        } else if pages {
            generate_pages(&dir, mb);
        } else {
            generate(&dir, mb);
        }
        std::fs::write(dir.join(".done"), "").unwrap();
    }
    let session = |o: Overrides| Session::from_config(None, &o).expect("default configuration");
    let nothing = session(Overrides { ignore: vec!["all".into()], ..Overrides::default() });
    let inputs = nothing.discover_inputs(std::slice::from_ref(&dir)).unwrap();
    let files: Vec<&PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File { path, .. } => Some(path),
            Input::Problem { .. } => None,
        })
        .collect();
    let bytes: u64 = files.iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    let mbytes = bytes as f64 / 1e6;
    println!("corpus: {} files, {mbytes:.0} MB, {} threads", files.len(), rayon::current_num_threads());

    let t = Instant::now();
    let sentences: usize = files
        .par_iter()
        .map(|p| {
            let format = corpuslint::document::Format::from_path(p).unwrap();
            let doc = Document::parse(p.display().to_string(), format, Source::decode(std::fs::read(p).unwrap()));
            doc.sentences.len()
        })
        .sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "load+parse+segment: {secs:.2} s, {:.0} MB/s, {sentences} sentences, peak RSS {:.0} MB",
        mbytes / secs,
        peak_rss_mb()
    );

    // The engine with no check: what every family pays before checking.
    let base_secs = {
        let t = Instant::now();
        nothing.check_inputs(&inputs, &|| {});
        t.elapsed().as_secs_f64()
    };
    println!("engine, no check: {base_secs:.2} s, {:.0} MB/s", mbytes / base_secs);
    // Checked and resolved (lines, snippets, fingerprints): what any output needs.
    let timed = |name: &str, session: &Session| {
        let t = Instant::now();
        let mut report = session.check_inputs(&inputs, &|| {});
        report.resolve(false);
        let secs = t.elapsed().as_secs_f64();
        // The check's own cost: this run minus the engine with no check.
        let own = (secs - base_secs).max(1e-3);
        println!(
            "{name}: {secs:.2} s, {:.0} MB/s ({:.0} MB/s for the check itself), {} diagnostics, peak RSS {:.0} MB",
            mbytes / secs,
            mbytes / own,
            report.diagnostics.len(),
            peak_rss_mb()
        );
    };
    // Each family alone (load + parse + segment + that family), then all of
    // them. Copies of the same documents make every sentence a repeat, so
    // on --real the repetition family (measured by benches/repetition_scale.rs)
    // is left out.
    for family in ["footnote", "date", "figure", "repetition", "style"] {
        if (real && family == "repetition") || only.as_ref().is_some_and(|o| o != family) {
            continue;
        }
        timed(
            &format!("check {family} only"),
            &session(Overrides { select: vec![family.into()], ..Overrides::default() }),
        );
    }
    if only.is_some() {
        return;
    }
    let ignore = if real { vec!["repetition".to_string()] } else { Vec::new() };
    timed(
        if real { "full check (without repetition)" } else { "full check" },
        &session(Overrides { ignore, ..Overrides::default() }),
    );
    pathological();
}
