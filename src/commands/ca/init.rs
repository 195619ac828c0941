use std::path::PathBuf;

use clap::ValueEnum;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::{AuthorityArn, KeyAlgorithm};
use crate::ops::authority::{self, CreatePrivate, CreatePublic, Hierarchy};
use crate::output::Output;
use crate::output::acm::CertificateAuthorityArnResponse;
use crate::passphrase::PassphraseArg;
use crate::pki::profile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// ACM Private CA: issues at once, clients must be told to trust it
    Private,
    /// Amazon's public CA: issues only after domain validation
    Public,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CaType {
    Root,
    Subordinate,
}

impl CaType {
    fn label(self) -> &'static str {
        match self {
            CaType::Root => "Root",
            CaType::Subordinate => "Subordinate",
        }
    }
}

/// Create a certificate authority in the current region
///
/// A private authority (ACM Private CA) is a ROOT, or a SUBORDINATE signed by
/// a parent authority of the same region. It issues certificates at once,
/// without domain validation; clients trust it by installing what
/// 'acmctl ca certificate ARN' prints.
///
/// A public authority plays Amazon's public CA for the region: a root and an
/// issuing intermediate under it (as Amazon Root CA 1 signs Amazon RSA 2048
/// M01). It signs AMAZON_ISSUED certificates once their domains are validated
/// by DNS or EMAIL. A region has one; the command prints the intermediate's ARN.
///
/// Examples:
///   acmctl ca init --mode private --common-name 'Example Root CA'
///   acmctl ca init --mode private --type subordinate --parent ROOT_ARN --key-algorithm EC_prime256v1
///   acmctl ca init --mode public
///   acmctl ca init --mode private --common-name 'Vault Root' --passphrase-file root.pass
///
/// With --passphrase-file (or ACMCTL_CA_PASSPHRASE set), the key is kept as
/// encrypted PKCS#8, and issuing from the authority needs the passphrase.
/// acmctl never prompts for it.
///
/// With --crl-cname NAME, certificates the authority issues carry a CRL
/// distribution point http://NAME/crl/<id>.crl, and with --ocsp-cname NAME an
/// OCSP responder http://NAME/ocsp (and the authority's certificate at
/// http://NAME/ca/<id>.crt); 'acmctl serve' answers both at NAME. Subordinates it
/// signs carry them too. 'acmctl ca update' changes them.
///
///   acmctl ca init --mode private --crl-cname pki.example.com --ocsp-cname pki.example.com:8080
///
/// With --pending-certificate, as ACM Private CA's CreateCertificateAuthority,
/// only the key and its certificate signing request are made: the authority
/// is PENDING_CERTIFICATE until its certificate is imported:
///   acmctl ca init --mode private --type subordinate --pending-certificate --common-name 'Sub CA'
///   acmctl ca csr SUB_ARN > sub.csr
///   acmctl ca issue ROOT_ARN --csr sub.csr --template SubordinateCACertificate_PathLen0/V1
///   acmctl ca import-certificate SUB_ARN --certificate sub.pem --certificate-chain root.pem
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Which kind of authority: private (ACM Private CA) or public
    #[arg(long, value_enum)]
    pub mode: Mode,
    /// ROOT (self-signed) or SUBORDINATE (signed by --parent)
    #[arg(long = "type", value_enum, default_value_t = CaType::Root)]
    pub ca_type: CaType,
    /// ARN of the parent authority of a subordinate; it must be in the same region
    #[arg(long, value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub parent: Option<AuthorityArn>,
    /// Subject common name (of the intermediate, for --mode public) [default: a name with the region and the authority type]
    #[arg(long, value_name = "CN")]
    pub common_name: Option<String>,
    /// RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1 or EC_secp521r1
    #[arg(long, value_name = "ALG", default_value_t = KeyAlgorithm::Rsa2048)]
    pub key_algorithm: KeyAlgorithm,
    /// How long the authority's certificate is valid
    #[arg(long, value_name = "N", default_value_t = profile::AUTHORITY_DAYS,
          value_parser = clap::value_parser!(i64).range(1..=36500))]
    pub validity_days: i64,
    /// Keep the new authority's key encrypted (PKCS#8, PBES2) with the passphrase in this file [env: ACMCTL_CA_PASSPHRASE]
    #[arg(long, value_name = "F")]
    pub passphrase_file: Option<PathBuf>,
    /// File with the passphrase of the parent's encrypted key [env: ACMCTL_CA_PASSPHRASE]
    #[arg(long, value_name = "F")]
    pub parent_passphrase_file: Option<PathBuf>,
    /// Make the key and its CSR only, PENDING_CERTIFICATE, as CreateCertificateAuthority does
    #[arg(long, conflicts_with_all = ["parent", "passphrase_file", "parent_passphrase_file"])]
    pub pending_certificate: bool,
    #[command(flatten)]
    pub revocation: super::revocation::RevocationArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let scope = ctx.scope()?;
    let arn = match args.mode {
        Mode::Public => {
            if args.passphrase_file.is_some() || args.parent_passphrase_file.is_some() {
                return Err(Error::usage(
                    "--passphrase-file applies to private authorities; the public authority's keys are not encrypted",
                ));
            }
            if args.pending_certificate {
                return Err(Error::usage(
                    "--pending-certificate applies to private authorities; the public authority is made whole",
                ));
            }
            if args.revocation.apply(None, false, false)?.is_some() {
                return Err(Error::usage(
                    "--crl-cname and --ocsp-cname apply to private authorities; the public authority names its own",
                ));
            }
            if args.ca_type != CaType::Root || args.parent.is_some() {
                return Err(Error::usage(
                    "a public authority is always a root with its issuing intermediate; drop --type and --parent",
                ));
            }
            let input = CreatePublic {
                common_name: args.common_name.clone(),
                key_algorithm: args.key_algorithm,
                validity_days: args.validity_days,
            };
            let made = authority::create_public(&scope, &input)?;
            ctx.ui.status(&format!(
                "Created the public authority of {}: root {}, issuing intermediate {}",
                scope.region, made.root.arn, made.intermediate.arn
            ));
            made.intermediate.arn
        }
        Mode::Private if args.pending_certificate => {
            let input = crate::ops::pca::CreateAuthority {
                authority_type: match args.ca_type {
                    CaType::Root => crate::model::AuthorityType::Root,
                    CaType::Subordinate => crate::model::AuthorityType::Subordinate,
                },
                key_algorithm: args.key_algorithm,
                subject: crate::model::Subject {
                    common_name: Some(
                        args.common_name
                            .clone()
                            .unwrap_or_else(|| format!("acmctl {} CA {}", args.ca_type.label(), scope.region)),
                    ),
                    ..Default::default()
                },
                revocation: args.revocation.apply(None, false, false)?,
                tags: Vec::new(),
                idempotency_token: None,
            };
            let arn = crate::ops::pca::create(&scope, &input)?;
            ctx.ui.status(&format!(
                "Created {arn} in {}: PENDING_CERTIFICATE; sign its CSR ('acmctl ca csr') and import the certificate",
                scope.region
            ));
            arn
        }
        Mode::Private => {
            let hierarchy = match (args.ca_type, &args.parent) {
                (CaType::Subordinate, None) => {
                    return Err(Error::usage("a subordinate authority needs --parent CA_ARN"));
                }
                (CaType::Root, Some(_)) => {
                    return Err(Error::usage("a root authority has no parent; use --type subordinate with --parent"));
                }
                (CaType::Root, None) => {
                    if args.parent_passphrase_file.is_some() {
                        return Err(Error::usage("--parent-passphrase-file needs --parent"));
                    }
                    Hierarchy::Root
                }
                (CaType::Subordinate, Some(parent)) => {
                    let arg = PassphraseArg { passphrase_file: args.parent_passphrase_file.clone() };
                    Hierarchy::Subordinate { parent: *parent, parent_passphrase: arg.read(&ctx.settings)? }
                }
            };
            let passphrase = PassphraseArg { passphrase_file: args.passphrase_file.clone() }.read(&ctx.settings)?;
            let input = CreatePrivate {
                hierarchy,
                common_name: args.common_name.clone(),
                key_algorithm: args.key_algorithm,
                validity_days: args.validity_days,
                passphrase,
                revocation: args.revocation.apply(None, false, false)?,
            };
            let record = authority::create_private(&scope, &input)?;
            ctx.ui.status(&format!("Created {} {} authority in {}", record.mode, record.authority_type, scope.region));
            record.arn
        }
    };
    ctx.ui.emit(&Output::new(
        CertificateAuthorityArnResponse { certificate_authority_arn: arn.to_string() },
        arn.to_string(),
    ));
    Ok(())
}
