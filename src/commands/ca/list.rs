use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::Result;
use crate::output::Output;
use crate::output::acm::{AuthorityDetail, ListCertificateAuthorities};
use crate::output::table::table;

/// List the certificate authorities of the current region
///
/// Example:
///   acmctl ca list --output json | jq -r '.CertificateAuthorities[].Arn'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<()> {
    let scope = ctx.scope()?;
    let authorities = crate::ops::authority::list(&scope)?;
    let json = ListCertificateAuthorities {
        certificate_authorities: authorities.iter().map(|a| AuthorityDetail::of(a, ctx.now)).collect(),
    };
    let rows: Vec<Vec<String>> = authorities
        .iter()
        .map(|a| {
            vec![
                a.arn.to_string(),
                a.mode.to_string(),
                a.authority_type.to_string(),
                a.key_algorithm.to_string(),
                rfc3339(a.not_after),
                a.common_name.clone(),
            ]
        })
        .collect();
    let text = if rows.is_empty() {
        String::new()
    } else {
        table(&["ARN", "MODE", "TYPE", "KEY", "NOT AFTER", "COMMON NAME"], &rows)
    };
    if rows.is_empty() {
        ctx.ui.status(&format!("No certificate authorities in {}.", scope.region));
    }
    ctx.ui.emit(&Output::new(json, text));
    Ok(())
}
