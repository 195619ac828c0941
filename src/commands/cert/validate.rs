use crate::commands::Context;
use crate::error::Result;
use crate::model::{CertificateArn, CertificateRecord};
use crate::ops::validate::{self, Validation};
use crate::output::acm::{CertificateDetail, DescribeCertificate};
use crate::output::table::table;
use crate::policy::effective_status;

/// Validate a public certificate's domains, and issue it once all are
///
/// DNS: looks up each name's CNAME record (as 'acmctl cert describe ARN'
/// lists it) over real DNS: --nameserver, else ACMCTL_NAMESERVER, else the
/// config file's nameserver, else the system resolver. EMAIL: --token is the
/// approval token from the message sent to the validation domain.
///
/// When every name is validated, the region's public authority signs the
/// certificate and it becomes ISSUED. Otherwise it stays PENDING_VALIDATION,
/// each name says what is missing, and the exit code is 6. A certificate not
/// validated within 72 hours of its request is VALIDATION_TIMED_OUT and can no
/// longer be validated.
///
/// Before signing, the CAA records of every name are read over the same DNS
/// (RFC 8659: the name's own, else its closest parent's). If they name no
/// issuer of the public authority (caa_domains in the config file, by default
/// ACM's: amazon.com, amazontrust.com, awstrust.com, amazonaws.com), or carry
/// a critical property acmctl does not know, the certificate is FAILED with
/// FailureReason CAA_ERROR and the exit code is 5 (rule caa). A CAA lookup
/// that fails (SERVFAIL, time-out) issues nothing: exit 1, the certificate
/// stays PENDING_VALIDATION and the next validation tries again.
///
/// Examples:
///   acmctl cert validate CERT_ARN
///   acmctl cert validate CERT_ARN --nameserver 127.0.0.1:5353
///   acmctl cert validate CERT_ARN --token 0f3c…   (from 'Approval token:' in the email)
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// DNS server to ask, HOST:PORT [default: ACMCTL_NAMESERVER, config file, system resolver]
    #[arg(long, value_name = "HOST:PORT")]
    pub nameserver: Option<String>,
    /// EMAIL validation: the approval token from the validation email
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
}

/// One row per name: its status and what is missing.
pub fn status_table(rec: &CertificateRecord) -> String {
    let rows: Vec<Vec<String>> = rec
        .domain_validation
        .iter()
        .map(|d| {
            vec![
                d.domain_name.clone(),
                d.validation_status.clone(),
                d.reason.clone().unwrap_or_else(|| "-".into()),
                d.detail.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    table(&["DOMAIN", "STATUS", "REASON", "DETAIL"], &rows)
}

fn show(ctx: &Context, rec: &CertificateRecord) {
    ctx.ui.show(
        || DescribeCertificate { certificate: CertificateDetail::of(rec, ctx.now) },
        || format!("{} {}\n{}", rec.arn, effective_status(rec, ctx.now), status_table(rec)),
    );
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let v = validate::validate(&ctx.scope()?, &args.arn, args.nameserver.as_deref(), args.token.as_deref())?;
    match v.outcome {
        Validation::AlreadyIssued => {
            ctx.ui.status(&format!("{} is already validated and issued", v.record.arn));
            show(ctx, &v.record);
            Ok(())
        }
        Validation::Issued => {
            ctx.ui.status(&format!("Validated every name: {} is ISSUED", v.record.arn));
            show(ctx, &v.record);
            Ok(())
        }
        Validation::Pending => {
            show(ctx, &v.record);
            Err(validate::still_pending(&v.record))
        }
        Validation::Failed => {
            show(ctx, &v.record);
            Err(v.failure.unwrap_or_else(|| crate::error::Error::failure("the certificate failed")))
        }
    }
}
