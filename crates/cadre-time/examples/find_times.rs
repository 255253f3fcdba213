//! Print the time mentions of each stdin line.
//!
//! `echo "2月25日至27日，代表团考察" | cargo run -p cadre-time --example find_times -- [YYYY-MM-DD]`

use std::io::BufRead;

fn main() {
    let reference = std::env::args().nth(1).and_then(|s| {
        let mut it = s.split('-').map(|p| p.parse::<u32>().ok());
        Some((it.next()?? as i32, it.next()??, it.next()??))
    });
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let times = cadre_time::find_times(&line, reference);
        let parts: Vec<String> = times
            .iter()
            .map(|m| {
                let mut s = format!(
                    "[{}..{}] {} → {}",
                    m.start,
                    m.end,
                    m.text,
                    m.value.to_gold()
                );
                if let Some(p) = m.part_of_day {
                    s.push_str(&format!(" {p:?}"));
                }
                if m.relative {
                    s.push_str(" rel");
                }
                if m.explicit_year {
                    s.push_str(" year");
                }
                s
            })
            .collect();
        println!("{line}\n    {}", parts.join(" | "));
    }
}
