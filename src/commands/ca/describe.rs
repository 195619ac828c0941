use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::Result;
use crate::model::{AuthorityArn, AuthorityRecord};
use crate::output::acm::{AuthorityDetail, DescribeCertificateAuthority};
use crate::output::table::fields;

/// Show one certificate authority (DescribeCertificateAuthority)
///
/// Example:
///   acmctl ca describe arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/UUID
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let a = crate::ops::authority::describe(&ctx.scope()?, &args.arn)?;
    ctx.ui.show(
        || DescribeCertificateAuthority { certificate_authority: AuthorityDetail::of(&a, ctx.now) },
        || text(&a, ctx.now),
    );
    Ok(())
}

/// The labelled fields people read.
fn text(a: &AuthorityRecord, now: time::OffsetDateTime) -> String {
    let mut pairs = vec![
        ("Arn", a.arn.to_string()),
        ("Mode", a.mode.to_string()),
        ("Type", a.authority_type.to_string()),
        ("Status", crate::policy::authority::effective_status(a, now).to_string()),
        ("Common name", a.common_name.clone()),
        ("Key algorithm", a.key_algorithm.to_string()),
    ];
    if a.has_certificate() {
        pairs.push(("Serial", a.serial.clone()));
        pairs.push(("Not before", rfc3339(a.not_before)));
        pairs.push(("Not after", rfc3339(a.not_after)));
    }
    pairs.push(("Created", rfc3339(a.created_at)));
    pairs.push(("Revoked certificates", a.revoked.len().to_string()));
    if let Some(t) = a.restorable_until {
        pairs.push(("Restorable until", rfc3339(t)));
    }
    if !a.tags.is_empty() {
        pairs.push(("Tags", a.tags.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")));
    }
    if let Some(p) = a.parent {
        pairs.insert(3, ("Parent", p.to_string()));
    }
    fields(&pairs)
}
