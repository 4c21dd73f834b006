//! `track decode`: the barcodes of image files, with the role each plays on a label.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use track_core::scan::label::classify;
use track_core::scan::{DecodeOptions, Decoder};

#[derive(Args)]
pub struct DecodeArgs {
    /// One JSON object per line and file: {"file", "barcodes": [{"format", "text", "role"}], "error"}.
    #[arg(long)]
    pub json: bool,
    /// Also read EAN-13, EAN-8, UPC-A and UPC-E.
    #[arg(long)]
    pub retail: bool,
    /// Image files (PNG, JPEG, WebP).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// One line of `--json` output (fields in the documented order).
#[derive(Serialize)]
struct FileLine<'a> {
    file: &'a PathBuf,
    barcodes: Vec<BarcodeLine<'a>>,
    error: Option<String>,
}

#[derive(Serialize)]
struct BarcodeLine<'a> {
    format: &'static str,
    text: &'a str,
    role: &'static str,
}

/// Exit 0 when every file was read (found barcodes or not), 1 when one could not be read.
pub fn run(a: &DecodeArgs) -> Result<ExitCode, String> {
    let options = if a.retail { DecodeOptions::still().with_retail() } else { DecodeOptions::still() };
    let decoder = Decoder::new(options);
    let mut all_read = true;
    for file in &a.files {
        let result = decoder.decode_file(file);
        all_read &= result.is_ok();
        if a.json {
            let line = match &result {
                Ok(found) => FileLine {
                    file,
                    barcodes: found.iter().map(|b| BarcodeLine { format: b.format.name(), text: &b.text, role: classify(&b.text).code() }).collect(),
                    error: None,
                },
                Err(e) => FileLine { file, barcodes: Vec::new(), error: Some(e.to_string()) },
            };
            println!("{}", serde_json::to_string(&line).map_err(|e| e.to_string())?);
        } else {
            match &result {
                Ok(found) if found.is_empty() => println!("{}: no barcode", file.display()),
                Ok(found) => {
                    for b in found {
                        println!("{}: {} {} {}", file.display(), b.format.name(), classify(&b.text).code(), b.text);
                    }
                }
                Err(e) => eprintln!("track: {e}"),
            }
        }
    }
    Ok(if all_read { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
