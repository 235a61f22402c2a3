//! Scale benchmark of the repetition family (not a test).
//!
//! Generates a corpus of distinct synthetic sentences (default ≥ 1 GB,
//! ≥ 10 million sentences) with planted exact and near duplicates across
//! files, runs the repetition check alone through the engine, and prints the
//! recall of the planted pairs, throughput and peak RSS.
//!
//! ```text
//! cargo bench --bench repetition_scale                # 1 GB
//! cargo bench --bench repetition_scale -- --mb 100    # quicker
//! KEEP_BENCH_CORPUS=1 cargo bench …                     # keep the files to profile the CLI on
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use corpuslint::session::{Overrides, Session};

// The binary's allocator, so the figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A pronounceable synthetic word from an index (a vocabulary of 20,000).
fn word(mut i: usize) -> String {
    const C: &[u8] = b"bcdfghklmnprstvz";
    const V: &[u8] = b"aeiou";
    let mut w = String::new();
    for _ in 0..3 {
        w.push(C[i % C.len()] as char);
        i /= C.len();
        w.push(V[i % V.len()] as char);
        i /= V.len();
    }
    w
}

/// The words of the sentence at line `line` of file `file`.
fn sentence_at(file: usize, line: usize) -> Vec<String> {
    let mut rng = Lcg(((file as u64) << 32 | line as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xabc);
    rng.next();
    let n = 12 + rng.below(8);
    (0..n).map(|_| word(rng.below(20_000))).collect()
}

fn render(words: &[String]) -> String {
    let mut s = words.join(" ");
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s.push('.');
    s
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

const PER_FILE: usize = 20_000;
const PLANTED: usize = 5_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: usize = args
        .iter()
        .position(|a| a == "--mb")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/repetition-corpus-{mb}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    // Sentences one per line, 20,000 per file, each a pure function of its
    // place (so nothing is kept in memory while writing); planted copies
    // replace lines of later files, so each planted pair crosses files.
    let nfiles = (mb * 1_000_000).div_ceil(PER_FILE * 110);
    let sentences = nfiles * PER_FILE;
    let mut rng = Lcg(7);
    let mut plan: HashMap<(usize, usize), (usize, usize, bool)> = HashMap::new();
    let mut sources = HashSet::new();
    while plan.len() < 2 * PLANTED {
        let (a, b) = (rng.below(nfiles), rng.below(nfiles));
        if a >= b {
            continue;
        }
        let (src, dst) = ((a, rng.below(PER_FILE)), (b, rng.below(PER_FILE)));
        if plan.contains_key(&dst) || plan.contains_key(&src) || sources.contains(&dst) {
            continue;
        }
        sources.insert(src);
        let exact = plan.len() % 2 == 0;
        plan.insert(dst, (src.0, src.1, exact));
    }
    let mut total = 0usize;
    for f in 0..nfiles {
        let mut text = String::with_capacity(PER_FILE * 120);
        for l in 0..PER_FILE {
            let line = match plan.get(&(f, l)) {
                Some(&(sf, sl, true)) => render(&sentence_at(sf, sl)),
                Some(&(sf, sl, false)) => {
                    // Two words changed: Jaccard about 0.8 on a 12–19 word sentence.
                    let mut words = sentence_at(sf, sl);
                    let mut r = Lcg((f * PER_FILE + l) as u64);
                    for _ in 0..2 {
                        let i = 1 + r.below(words.len() - 1);
                        words[i] = word(20_000 + r.below(1_000));
                    }
                    render(&words)
                }
                None => render(&sentence_at(f, l)),
            };
            let _ = writeln!(text, "{line}");
        }
        total += text.len();
        std::fs::write(dir.join(format!("doc{f:05}.txt")), text).unwrap();
    }
    let at = |exact: bool| -> HashSet<(usize, usize)> {
        plan.iter().filter(|(_, v)| v.2 == exact).map(|(&(f, l), _)| (f, l + 1)).collect()
    };
    let (exact_at, near_at) = (at(true), at(false));
    println!(
        "corpus: {nfiles} files, {:.0} MB, {sentences} sentences, {} exact and {} near duplicates planted",
        total as f64 / 1e6,
        exact_at.len(),
        near_at.len()
    );

    let session = |o: Overrides| Session::from_config(None, &o).expect("default configuration");
    let nothing = session(Overrides { ignore: vec!["all".into()], ..Overrides::default() });
    let inputs = nothing.discover_inputs(std::slice::from_ref(&dir)).unwrap();
    // The engine with no check, to tell the family's own cost.
    let t = Instant::now();
    nothing.check_inputs(&inputs, &|| {});
    let base_secs = t.elapsed().as_secs_f64();
    let repetition = session(Overrides { select: vec!["repetition".into()], ..Overrides::default() });
    let t = Instant::now();
    // Checked and resolved (lines, snippets, fingerprints): what any output needs.
    let mut report = repetition.check_inputs(&inputs, &|| {});
    report.resolve(false);
    let secs = t.elapsed().as_secs_f64();

    let file_index = |p: &str| -> usize { p.rsplit("doc").next().unwrap().trim_end_matches(".txt").parse().unwrap() };
    let mut exact_found = 0;
    let mut near_found = 0;
    let mut other = 0;
    for (d, r) in report.iter() {
        let at = (file_index(report.path(d.file)), r.start.line as usize);
        match d.rule.id() {
            "repetition/exact-sentence" if exact_at.contains(&at) => exact_found += 1,
            "repetition/near-duplicate" if near_at.contains(&at) => near_found += 1,
            _ => other += 1,
        }
    }
    println!(
        "recall: exact {:.4} ({exact_found}/{}), near {:.4} ({near_found}/{}); {other} other findings",
        exact_found as f64 / exact_at.len() as f64,
        exact_at.len(),
        near_found as f64 / near_at.len() as f64,
        near_at.len()
    );
    println!(
        "repetition family: {secs:.1} s, {:.0} MB/s ({:.0} MB/s for the check itself; load+parse+segment alone {:.0} MB/s), peak RSS {:.0} MB",
        total as f64 / 1e6 / secs,
        total as f64 / 1e6 / (secs - base_secs).max(1e-3),
        total as f64 / 1e6 / base_secs,
        peak_rss_mb()
    );
    if std::env::var_os("KEEP_BENCH_CORPUS").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
