//! `cert request --manifest FILE`: many private certificates in one process
//! (see `ops::request::manifest`).

use std::io::Read;
use std::path::Path;

use super::request::Args;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::DomainName;
use crate::ops::request::{self, Manifest};
use crate::output::Output;
use crate::output::acm::CertificateArns;
use crate::policy::request::Names;

/// The largest manifest read: 64 MiB is some two million certificates of
/// a few names each.
pub const MAX_MANIFEST_BYTES: u64 = 64 << 20;

/// Reads the manifest: the names of each certificate, by line. Every line
/// is checked before anything is issued; a line's names stop being read
/// at the quota.
pub fn parse(path: &Path, text: &str, quota: usize) -> Result<Vec<Vec<DomainName>>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |e: Error| {
            let mut err = Error::invalid(format!("manifest {} line {}: {}", path.display(), i + 1, e.message));
            err.hint = e.hint;
            err
        };
        let mut names = Names::new(quota);
        for word in line.split_whitespace() {
            let name: DomainName = word.parse().map_err(|e| at(Error::invalid(format!("{e}"))))?;
            names.push(name).map_err(|r| at(r.into()))?;
        }
        out.push(names.finish().expect("a line that is not blank has a name"));
    }
    if out.is_empty() {
        return Err(Error::invalid(format!("manifest {} names no certificate", path.display()))
            .with_hint("write one certificate per line, its names separated by spaces"));
    }
    Ok(out)
}

/// The manifest's text, refused before reading past the cap.
fn read(path: &Path) -> Result<String> {
    let cannot = |e: std::io::Error| {
        let message = format!("cannot read manifest {}: {e}", path.display());
        if e.kind() == std::io::ErrorKind::NotFound { Error::not_found(message) } else { Error::invalid(message) }
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(Error::invalid(format!(
            "manifest {} is larger than {} MiB; split it into several manifests",
            path.display(),
            MAX_MANIFEST_BYTES >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|_| Error::invalid(format!("manifest {} is not UTF-8 text", path.display())))
}

pub fn run(ctx: &Context, args: &Args, path: &Path) -> Result<()> {
    let text = read(path)?;
    let lines = parse(path, &text, ctx.settings.san_quota)?;
    drop(text);
    let Some(authority) = args.certificate_authority_arn else {
        return Err(Error::invalid(
            "--manifest issues private certificates; name the issuing authority with --certificate-authority-arn",
        ));
    };
    let input = Manifest {
        lines,
        authority,
        key_algorithm: args.key_algorithm,
        tags: args.tags.clone(),
        passphrase: args.passphrase.read(&ctx.settings)?,
    };
    let bar = ctx.ui.progress(input.lines.len() as u64);
    let arns = request::manifest(&ctx.scope()?, &input, &|n| bar.advance(n))?;
    drop(bar);
    ctx.ui.status(&format!("Issued {} certificates.", arns.len()));
    let arns: Vec<String> = arns.iter().map(|a| a.to_string()).collect();
    let text = arns.join("\n");
    ctx.ui.emit(&Output::new(CertificateArns { certificate_arns: &arns }, text));
    Ok(())
}
