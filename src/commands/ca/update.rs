use crate::commands::Context;
use crate::error::Result;
use crate::model::{AuthorityArn, AuthorityStatus};
use crate::output::Output;
use crate::output::acm::{AuthorityDetail, DescribeCertificateAuthority};

/// Enable, disable or reconfigure an authority (UpdateCertificateAuthority)
///
/// A DISABLED authority issues nothing and signs no CRL until it is ACTIVE
/// again; it can then be deleted. Only ACTIVE and DISABLED authorities are
/// updated. The revocation flags change where the certificates it issues from
/// now on say its CRL and OCSP responder are (--no-crl and --no-ocsp turn them
/// off); certificates already issued keep what they say.
///
/// Examples:
///   acmctl ca update CA_ARN --status DISABLED
///   acmctl ca update CA_ARN --ocsp-cname ocsp.example.com:8080 --crl-expiration-days 2
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// ACTIVE or DISABLED
    #[arg(long, value_name = "STATUS")]
    pub status: Option<AuthorityStatus>,
    #[command(flatten)]
    pub revocation: super::revocation::RevocationArgs,
    /// Stop publishing the CRL's distribution point in new certificates
    #[arg(long)]
    pub no_crl: bool,
    /// Stop answering OCSP and naming the responder in new certificates
    #[arg(long)]
    pub no_ocsp: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let scope = ctx.scope()?;
    let current = crate::ops::authority::describe(&scope, &args.arn)?;
    let revocation = args.revocation.apply(current.revocation.as_ref(), args.no_crl, args.no_ocsp)?;
    if args.status.is_none() && revocation.is_none() {
        return Err(crate::error::Error::usage("give --status or a revocation flag to change"));
    }
    let a = crate::ops::pca::update(&scope, &args.arn, args.status, revocation)?;
    ctx.ui.status(&format!("{} is {}", a.arn, a.status));
    ctx.ui.emit(&Output::new(
        DescribeCertificateAuthority { certificate_authority: AuthorityDetail::of(&a, ctx.now) },
        "",
    ));
    Ok(())
}
