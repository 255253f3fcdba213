//! Pass rate of `find_times` on the in-scope Duckling Chinese time vectors.
//!
//! `cargo run -p cadre-time --example duckling_eval -- [--failures] [--left-out] [PATH]`

#[path = "../tests/support/duckling.rs"]
mod duckling;

use std::path::PathBuf;

fn main() {
    let mut failures = false;
    let mut left_out = false;
    let mut path = PathBuf::from(duckling::DEFAULT_PATH);
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--failures" => failures = true,
            "--left-out" => left_out = true,
            _ => path = PathBuf::from(a),
        }
    }
    let cases = match duckling::load(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let r = duckling::evaluate(&cases);
    println!(
        "duckling pass rate: {}/{} = {:.1}%",
        r.pass,
        r.total,
        r.rate()
    );
    if failures {
        for f in &r.failures {
            println!("FAIL\t{f}");
        }
    }
    if left_out {
        for (cat, n) in &r.left_out {
            println!("left out: {n:4} {cat}");
        }
    }
}
