use serde_json::json;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::fs::check::LEFTOVER;

/// Check the whole store and report anything inconsistent
///
/// Reads every region: each record parses, each certificate matches its key,
/// each chain links by signature, metadata agrees with the certificate,
/// serial numbers are unique per authority, each CRL and each revoked
/// certificate agree with their authority's record, the region index agrees
/// with the records, and everything belongs to the store's owner with the
/// right modes (keys 600, directories 700). What an interrupted write leaves
/// (temporary files, a stale index) is repaired and listed; it is expected
/// after a crash and is not a problem. Exits 0 only when no problem is found.
///
/// Example:
///   acmctl store check && echo clean
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let store = ctx.store()?;
    let report = store.check(ctx.now)?;
    for r in &report.repaired {
        ctx.ui.status(&format!("{}: {}", r.what, r.location));
    }
    let problems: Vec<_> = report.problems.iter().map(|f| json!({"Path": f.location, "Problem": f.what})).collect();
    let mut text = String::new();
    for f in &report.problems {
        text.push_str(&format!("{}: {}\n", f.location, f.what));
    }
    let summary = format!(
        "{} authorities, {} certificates, {} problems",
        report.authorities,
        report.certificates,
        report.problems.len()
    );
    let cleaned: Vec<&str> =
        report.repaired.iter().filter(|r| r.what == LEFTOVER).map(|r| r.location.as_str()).collect();
    let repaired: Vec<_> = report.repaired.iter().map(|r| json!({"Path": r.location, "Repair": r.what})).collect();
    ctx.ui.emit(&Output::new(
        json!({
            "Authorities": report.authorities,
            "Certificates": report.certificates,
            "Problems": problems,
            "Cleaned": cleaned,
            "Repaired": repaired,
        }),
        text,
    ));
    ctx.ui.status(&summary);
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(Error::failure(format!("the store at {} has {} problems", store.location(), report.problems.len()))
            .with_hint("each problem is listed above with its path"))
    }
}
