//! The clap tree. Each command's arguments live beside its handler in
//! `commands/`; this file only assembles them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::{self, ca, cert, import, store};
use crate::model::Region;
use crate::output::{ColorChoice, OutputFormat};

const ABOUT: &str = "A certificate authority on one machine that keeps AWS Certificate Manager's rules";

const LONG_ABOUT: &str = "\
A certificate authority on one machine that keeps AWS Certificate Manager's rules.

acmctl issues real keys and real X.509 certificates the way ACM and ACM Private CA
would: every authority and certificate lives in one region, private authorities
issue at once, and every refusal names the ACM rule it applies and what would
work instead.";

pub const AFTER_HELP: &str = "\
Environment:
  ACMCTL_HOME          the store directory (default: the platform data directory)
  ACMCTL_REGION        the region, before AWS_REGION and AWS_DEFAULT_REGION
  AWS_REGION, AWS_DEFAULT_REGION
                       the region, as the AWS CLI reads it
  ACMCTL_NOW           the clock, as an RFC 3339 time (to try expiry and renewal)
  ACMCTL_CONFIG        the config file (default: the platform config directory)
  ACMCTL_NAMESERVER    the DNS server for validation, HOST:PORT
  ACMCTL_SMTP_RELAY    the SMTP relay for validation email, HOST:PORT
  ACMCTL_LOCK_TIMEOUT  seconds to wait for a busy store (default 30)
  ACMCTL_CA_PASSPHRASE the passphrase of encrypted authority keys, when no
                       --passphrase-file is given
  COMPLETE             bash, zsh, fish, ...: print the dynamic completion script
  NO_COLOR             turns colour off

Exit codes:
  0  success
  1  unexpected failure (I/O and the like)
  2  usage: the command line is wrong
  3  invalid input: bad PEM, key mismatch, bad domain name, ARN or region
  4  not found
  5  refused by an ACM rule: cross-region, EC2, CloudFront outside us-east-1, ...
  6  conflict: in use, still pending validation, store busy

Example:
  acmctl ca init --mode private --common-name 'Example Root CA'
  acmctl cert request --domain-name www.example.com --certificate-authority-arn ARN
  acmctl ca init --mode public
  acmctl cert request --domain-name example.com --validation-method DNS";

#[derive(Parser, Debug)]
#[command(
    name = "acmctl",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_long_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug)]
pub struct GlobalArgs {
    /// Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]
    #[arg(long, global = true, help_heading = "Global options", value_name = "REGION", value_parser = RegionParser)]
    pub region: Option<Region>,
    /// Store directory [default: ACMCTL_HOME, else the platform data directory]
    #[arg(long, global = true, help_heading = "Global options", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Output format: text for people, json in ACM's API shapes for scripts
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = OutputFormat::Text, value_name = "FORMAT")]
    pub output: OutputFormat,
    /// Colour in messages: auto uses it on a terminal unless NO_COLOR is set
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print no status lines, only results and errors
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub quiet: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Certificate authorities: private roots and subordinates, the public authority
    ///
    /// A private authority (ACM Private CA) issues at once to any name; the public
    /// authority, one per region, issues only after the names are validated.
    ///
    /// Examples:
    ///   acmctl ca init --mode private --common-name 'Example Root CA'
    ///   acmctl ca init --mode private --type subordinate --parent ROOT_ARN
    ///   acmctl ca list --output json | jq -r '.CertificateAuthorities[].Arn'
    #[command(subcommand, verbatim_doc_comment)]
    Ca(CaCommand),
    /// Certificates: request, validate, read, export, revoke and delete
    ///
    /// Every certificate lives in one region and is named by its ARN.
    ///
    /// Examples:
    ///   acmctl cert request --domain-name www.example.com --certificate-authority-arn CA_ARN
    ///   acmctl cert list --expiring-within 30
    ///   acmctl cert get CERT_ARN > cert.pem
    #[command(subcommand, verbatim_doc_comment)]
    Cert(CertCommand),
    Import(import::Args),
    Deploy(commands::deploy::Args),
    Renew(commands::renew::Args),
    /// The store itself
    ///
    /// The store is a directory (ACMCTL_HOME or --store) of one subdirectory per
    /// region; every write to it is atomic and durable.
    ///
    /// Example:
    ///   acmctl store check
    #[command(subcommand, verbatim_doc_comment)]
    Store(StoreCommand),
    Completions(commands::completions::Args),
    Man(commands::man::Args),
}

#[derive(Subcommand, Debug)]
pub enum CaCommand {
    Init(ca::init::Args),
    List(ca::list::Args),
    Describe(ca::describe::Args),
    Certificate(ca::certificate::Args),
    Crl(ca::crl::Args),
}

#[derive(Subcommand, Debug)]
pub enum CertCommand {
    Request(cert::request::Args),
    List(cert::list::Args),
    Describe(cert::describe::Args),
    Get(cert::get::Args),
    Export(cert::export::Args),
    Delete(cert::delete::Args),
    Validate(cert::validate::Args),
    ResendValidationEmail(cert::resend_validation_email::Args),
    Revoke(cert::revoke::Args),
}

#[derive(Subcommand, Debug)]
pub enum StoreCommand {
    Check(store::check::Args),
}

/// Parses a `Region` and offers the region names to shell completion.
#[derive(Clone, Copy, Debug)]
pub struct RegionParser;

impl clap::builder::TypedValueParser for RegionParser {
    type Value = Region;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Region, clap::Error> {
        let text = value.to_str().ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        text.parse().map_err(|e: crate::model::region::UnknownRegion| {
            let what = arg.map(|a| a.to_string()).unwrap_or_else(|| "REGION".into());
            clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("invalid value '{text}' for '{what}': {e}\n"))
                .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Region::all().map(|r| clap::builder::PossibleValue::new(r.as_str()))))
    }
}
