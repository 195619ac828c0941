use std::path::PathBuf;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::AuthorityArn;
use crate::ops::pca::{Issue, PcaValidity};
use crate::output::Output;
use crate::output::acm::CertificateArnResponse;
use crate::pki::csr::Template;

/// Sign a certificate signing request with an authority (IssueCertificate)
///
/// The template decides what the certificate is, as in ACM Private CA:
///   EndEntityCertificate/V1          a TLS server and client certificate (the default)
///   SubordinateCACertificate_PathLen0/V1 … _PathLen3/V1
///                                    a subordinate authority, with that path length
///   RootCACertificate/V1             a ROOT authority's own certificate, from its own
///                                    CSR ('acmctl ca csr'), while it waits for one
/// The CSR gives the subject and names; its signature is checked. The result is
/// the certificate's ARN; 'acmctl ca get-certificate' prints it.
///
/// Examples:
///   acmctl ca issue CA_ARN --csr server.csr --validity-days 90
///   acmctl ca issue ROOT_ARN --csr sub.csr --template SubordinateCACertificate_PathLen0/V1
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the issuing authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// The certificate signing request, PEM
    #[arg(long, value_name = "F")]
    pub csr: PathBuf,
    /// The template, as its name or ARN [default: EndEntityCertificate/V1]
    #[arg(long, value_name = "T")]
    pub template: Option<String>,
    /// How long the certificate is valid
    #[arg(long, value_name = "N", default_value_t = 365, value_parser = clap::value_parser!(i64).range(1..=36500))]
    pub validity_days: i64,
    /// Returns the same certificate for the same request within 5 minutes
    #[arg(long, value_name = "T")]
    pub idempotency_token: Option<String>,
}

pub fn template(text: Option<&str>) -> Result<Template> {
    let Some(t) = text else { return Ok(Template::EndEntity) };
    let arn = if t.starts_with(Template::PREFIX) { t.to_string() } else { format!("{}{t}", Template::PREFIX) };
    Template::from_arn(&arn).ok_or_else(|| {
        Error::invalid(format!("'{t}' is not a template acmctl has")).with_hint(
            "EndEntityCertificate/V1, RootCACertificate/V1 or SubordinateCACertificate_PathLen0/V1 to _PathLen3/V1",
        )
    })
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Error::invalid(format!("cannot read {}: {e}", args.csr.display()));
    let mut csr_pem = String::new();
    std::fs::File::open(&args.csr).map_err(cannot)?.take(64 << 10).read_to_string(&mut csr_pem).map_err(cannot)?;
    let input = Issue {
        authority: args.arn,
        csr_pem,
        template: template(args.template.as_deref())?,
        validity: PcaValidity::Days(args.validity_days),
        not_before: None,
        idempotency_token: args.idempotency_token.clone(),
    };
    let issued = crate::ops::pca::issue(&ctx.scope()?, &input)?;
    ctx.ui.emit(&Output::new(CertificateArnResponse { certificate_arn: issued.arn.clone() }, issued.arn.clone()));
    Ok(())
}
