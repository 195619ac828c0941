use crate::commands::Context;
use crate::error::Result;
use crate::model::{AuthorityArn, CertificateOptions, DomainName, KeyAlgorithm, Preference, Tag, ValidationMethod};
use crate::ops::request::{self, Request};
use crate::output::Output;
use crate::output::acm::CertificateArnResponse;

/// Request a certificate (RequestCertificate)
///
/// With --certificate-authority-arn, a private authority of the current region
/// issues the certificate at once: Status ISSUED, Type PRIVATE. Without it, the
/// region's public authority ('acmctl ca init --mode public') issues it after
/// domain validation: Type AMAZON_ISSUED, Status PENDING_VALIDATION until
/// 'acmctl cert validate ARN' succeeds, VALIDATION_TIMED_OUT after 72 hours.
/// DNS validation (the default) asks for the CNAME records that
/// 'acmctl cert describe ARN' lists; EMAIL validation sends an approval token
/// to admin@, administrator@, hostmaster@, postmaster@ and webmaster@ of each
/// validation domain through the SMTP relay (ACMCTL_SMTP_RELAY).
///
/// A public certificate names only domains under a public suffix of the
/// Public Suffix List: a reserved or internal name (.test, .example, .local,
/// .internal, .onion, .arpa, .corp, .lan, ...), an IP address or a public
/// suffix itself is recorded FAILED with FailureReason INVALID_PUBLIC_DOMAIN,
/// as ACM records it; the ARN is printed and the command exits 5 naming the
/// rule (public-domain) and the name. Private certificates take any name.
///
/// A public certificate's key never leaves the store unless it is requested
/// with --export (Options.Export ENABLED in the API, as ACM offers since June
/// 2025): then 'acmctl cert export' gives it encrypted with a passphrase, and
/// once exported it may be revoked ('acmctl cert revoke'), the public
/// authority listing it in its CRL. The choice is fixed at request time.
///
/// The domain name and the subject alternative names follow ACM's rules: a
/// wildcard only as the leftmost label, labels of at most 63 characters, names
/// of at most 253, the first name at most 64, and 10 names in all (the
/// san_quota of the config file raises it up to 100).
///
/// Examples:
///   acmctl cert request --domain-name www.example.com --certificate-authority-arn CA_ARN
///   acmctl cert request --domain-name example.com --subject-alternative-names '*.example.com' --validation-method DNS
///   acmctl cert request --domain-name www.example.com --validation-method EMAIL --validation-domain example.com
///   acmctl cert request --domain-name shop.example.com --export
///   acmctl cert request --domain-name example.com --subject-alternative-names '*.example.com' \
///       --certificate-authority-arn CA_ARN --key-algorithm EC_prime256v1 --tags team=web
///
/// With --manifest FILE, many private certificates are issued at once: one
/// certificate per line of FILE, its names separated by spaces (the first is
/// the domain name); blank lines and lines starting with # are skipped. Every
/// line is checked before anything is issued: a bad line exits 3 naming it,
/// and the store is left as it was. The ARNs are printed in the order of the
/// lines, once every certificate is durably stored.
///
///   printf 'api.example.com\nwww.example.com example.com\n' > names.txt
///   acmctl cert request --manifest names.txt --certificate-authority-arn CA_ARN \
///       --key-algorithm EC_prime256v1
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The certificate's first name, also its subject common name
    #[arg(long, value_name = "D", required_unless_present = "manifest")]
    pub domain_name: Option<DomainName>,
    /// Issue one private certificate per line of FILE (names separated by spaces)
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["domain_name", "subject_alternative_names", "idempotency_token", "validation_method"]
    )]
    pub manifest: Option<std::path::PathBuf>,
    /// More names for the certificate
    #[arg(long, value_name = "N", num_args = 1..)]
    pub subject_alternative_names: Vec<DomainName>,
    /// How a public certificate's domains are validated: DNS (the default) or EMAIL
    #[arg(long, value_name = "METHOD")]
    pub validation_method: Option<ValidationMethod>,
    /// EMAIL validation: the domain whose addresses approve, the names' own or a parent of them [default: each name without '*.']
    #[arg(long, value_name = "D")]
    pub validation_domain: Option<DomainName>,
    /// The private authority that issues the certificate
    #[arg(long, value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub certificate_authority_arn: Option<AuthorityArn>,
    /// RSA_2048, EC_prime256v1 or EC_secp384r1
    #[arg(long, value_name = "ALG", default_value_t = KeyAlgorithm::Rsa2048)]
    pub key_algorithm: KeyAlgorithm,
    /// Returns the same certificate for the same request within one hour (1-32 word characters)
    #[arg(long, value_name = "T")]
    pub idempotency_token: Option<String>,
    /// Tags as KEY=VALUE
    #[arg(long, value_name = "K=V", num_args = 1..)]
    pub tags: Vec<Tag>,
    /// A public certificate whose key may be exported ('cert export'), and which may then be revoked (Options.Export ENABLED; fixed at request time)
    #[arg(long, conflicts_with = "manifest")]
    pub export: bool,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if let Some(path) = &args.manifest {
        return super::manifest::run(ctx, args, path);
    }
    let passphrase = args.passphrase.read(&ctx.settings)?;
    let input = Request {
        domain_name: args.domain_name.clone().expect("clap requires --domain-name without --manifest"),
        subject_alternative_names: args.subject_alternative_names.clone(),
        authority: args.certificate_authority_arn,
        validation_method: args.validation_method,
        validation_domain: args.validation_domain.clone(),
        key_algorithm: args.key_algorithm,
        idempotency_token: args.idempotency_token.clone(),
        tags: args.tags.clone(),
        // Private certificates are always exportable; --export says so for
        // a public one.
        options: args.export.then_some(CertificateOptions {
            certificate_transparency_logging_preference: Preference::Enabled,
            export: Preference::Enabled,
        }),
        passphrase,
    };
    let scope = ctx.scope()?;
    let done = request::request(&scope, &input)?;
    if done.replayed {
        ctx.ui.status("Same idempotency token and request within the hour: returning the same certificate.");
    } else if done.failure.is_some() {
        ctx.ui.status(&format!("Requested {} in {}: FAILED (INVALID_PUBLIC_DOMAIN)", done.arn, scope.region));
    } else if let Some(method) = done.validation_method {
        ctx.ui.status(&format!("Requested {} in {}: PENDING_VALIDATION by {method}", done.arn, scope.region));
    }
    // The ARN goes out even if the email could not be sent: the request
    // stands, and scripts need the ARN to resend.
    ctx.ui.emit(&Output::new(CertificateArnResponse { certificate_arn: done.arn.to_string() }, done.arn.to_string()));
    for domain in &done.emailed {
        ctx.ui.status(&format!("Sent the approval email for {domain} to its five addresses"));
    }
    match done.failure.or(done.email_failure) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
