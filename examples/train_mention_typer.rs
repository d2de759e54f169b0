//! Trains the mention typer on every annotated article of a folder and writes the model
//! file embedded in the binary (`models/mention-typer.bin`).
//!
//! ```sh
//! cargo run --release --example train_mention_typer -- ../shared/eval/train models/mention-typer.bin
//! ```

use newsgraph::gold;
use newsgraph::stages::mentions::typer::MentionTyper;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(data), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: train_mention_typer DATA_DIR OUT_FILE");
        std::process::exit(2);
    };
    let examples = gold::load_dir(std::path::Path::new(data)).unwrap_or_else(|e| {
        eprintln!("train_mention_typer: {e}");
        std::process::exit(2);
    });
    let all: Vec<&gold::Example> = examples.iter().collect();
    let bytes = MentionTyper::train(&all).to_bytes();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("train_mention_typer: {out}: {e}");
        std::process::exit(1);
    }
    println!("{} articles, {} bytes → {out}", all.len(), bytes.len());
}
