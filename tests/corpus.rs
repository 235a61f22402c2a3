//! The sample corpus checked whole, snapshotted as users see it, so every
//! change of behaviour on real prose shows up in review.

mod common;

#[test]
fn sample_corpus_findings() {
    let (code, out) = common::check(&["corpus"], false);
    assert_eq!(code, 1);
    insta::assert_snapshot!("corpus_text", out.as_str().unwrap());
}
