//! Duckling Chinese time test vectors, in-scope rows only (see `support/duckling.rs`
//! and the crate docs for what is left out).

#[path = "support/duckling.rs"]
mod duckling;

use std::path::Path;

/// Floor on the in-scope pass rate, a little under what is reached.
const FLOOR: f64 = 97.0;

#[test]
fn duckling_in_scope_pass_rate() {
    let path = Path::new(duckling::DEFAULT_PATH);
    if !path.exists() {
        eprintln!(
            "notice: {} not found, Duckling evaluation skipped",
            path.display()
        );
        return;
    }
    let cases = duckling::load(path).expect("read zh_time.tsv");
    let r = duckling::evaluate(&cases);
    println!(
        "duckling pass rate: {}/{} = {:.1}%",
        r.pass,
        r.total,
        r.rate()
    );
    for f in &r.failures {
        println!("  FAIL {f}");
    }
    for (cat, n) in &r.left_out {
        println!("  left out: {n:4} {cat}");
    }
    assert!(r.total >= 50, "too few in-scope rows: {}", r.total);
    assert!(
        r.rate() >= FLOOR,
        "pass rate {:.1}% below {FLOOR}%",
        r.rate()
    );
}
