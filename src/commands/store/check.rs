use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::store::check::check;

/// Check the whole store and report anything inconsistent
///
/// Reads every region: each record parses, each certificate matches its key,
/// each chain links by signature, metadata agrees with the certificate,
/// serial numbers are unique per authority, each CRL and each revoked
/// certificate agree with their authority's record, the region index agrees
/// with the records, and file modes are right (keys 600, directories 700).
/// Leftovers of interrupted writes are removed and listed. Exits 0 only when
/// the store is clean.
///
/// Example:
///   acmctl store check && echo clean
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let store = ctx.store()?;
    let report = check(store)?;
    for path in &report.cleaned {
        ctx.ui.status(&format!("removed leftover of an interrupted write: {}", path.display()));
    }
    let problems: Vec<_> =
        report.problems.iter().map(|f| json!({"Path": f.path.display().to_string(), "Problem": f.problem})).collect();
    let mut text = String::new();
    for f in &report.problems {
        text.push_str(&format!("{}: {}\n", f.path.display(), f.problem));
    }
    let summary = format!(
        "{} authorities, {} certificates, {} problems",
        report.authorities,
        report.certificates,
        report.problems.len()
    );
    ctx.ui.emit(&Output::new(
        json!({
            "Authorities": report.authorities,
            "Certificates": report.certificates,
            "Problems": problems,
            "Cleaned": report.cleaned.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        }),
        text,
    ));
    ctx.ui.status(&summary);
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(Error::failure(format!("the store at {} has {} problems", store.root().display(), report.problems.len()))
            .with_hint("each problem is listed above with its path"))
    }
}
