fn main() {
    let text = std::env::args().nth(1).unwrap();
    let doc = cadre_model::SourceDoc { id: "p".into(), text, ..Default::default() };
    let rec = cadre_extract::Extractor::new().extract(&doc);
    println!("{}", serde_json::to_string_pretty(&rec.to_gold()).unwrap());
}
