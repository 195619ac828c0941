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
  ACMCTL_HOME          the store directory or postgresql:// URL (default: the
                       platform data directory)
  ACMCTL_STORE_KEY_FILE
                       the store key a PostgreSQL store's private keys are
                       sealed under (acmctl store init creates it)
  ACMCTL_DB_PASSWORD_FILE
                       the database password (else PGPASSFILE or ~/.pgpass)
  ACMCTL_HOST_ID       this host, whose deployments its renew redeploys
                       (default: /etc/machine-id)
  ACMCTL_REGION        the region, before AWS_REGION and AWS_DEFAULT_REGION
  AWS_REGION, AWS_DEFAULT_REGION
                       the region, as the AWS CLI reads it
  ACMCTL_NOW           the clock, as an RFC 3339 time (to try expiry and renewal)
  ACMCTL_CONFIG        the config file (default: the platform config directory)
  ACMCTL_NAMESERVER    the DNS server for validation, HOST:PORT
  ACMCTL_SMTP_RELAY    the SMTP relay for validation email, HOST:PORT
  ACMCTL_LOCK_TIMEOUT  seconds to wait for a busy store (default 30)
  ACMCTL_HOOK_TIMEOUT  seconds a reload command (deploy --exec) may run (default 120)
  ACMCTL_EVENT_FILE    the JSON-lines file renewal sweeps append expiry events to
  ACMCTL_EVENT_COMMAND the command renewal sweeps give each expiry event on stdin
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
    pub command: Named<Command>,
}

impl Cli {
    /// The process's command line, parsed as `Parser::try_parse` parses it.
    pub fn parse_process() -> Result<Cli, clap::Error> {
        Self::parse_named(&std::env::args_os().collect::<Vec<_>>())
    }

    /// Parses `args` with only the subcommands they name (see `Group`);
    /// if that fails and a subcommand was left out, again with all of
    /// them, so that an error, a help text or a suggestion reads as the
    /// whole tree has it. What parses parses the same either way: every
    /// subcommand a word of `args` could be is there.
    fn parse_named(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
        NAMED.set(Some(args.iter().skip(1).cloned().collect()));
        LEFT_OUT.set(false);
        let named = <Cli as Parser>::try_parse_from(args);
        NAMED.take();
        match named {
            Err(_) if LEFT_OUT.get() => <Cli as Parser>::try_parse_from(args),
            named => named,
        }
    }
}

/// The whole command tree, every subcommand built, for the man page, the
/// completion scripts and the help tests. The subcommands' arguments are
/// deferred (`defer = true` below) so that a run builds only the command it
/// runs: building all of them was a fifth of every start-up.
pub fn command() -> clap::Command {
    EXPAND_GROUPS.set(true);
    let mut cmd = <Cli as clap::CommandFactory>::command();
    EXPAND_GROUPS.set(false);
    cmd.build();
    cmd
}

thread_local! {
    /// Set while `command()` assembles the whole tree: its groups are then
    /// added at once, so that building it also builds each group's `help`
    /// subcommand tree, which the completion scripts and the man page list.
    static EXPAND_GROUPS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };

    /// The words of the command line `Cli::parse_named` is parsing.
    static NAMED: std::cell::RefCell<Option<Vec<std::ffi::OsString>>> = const { std::cell::RefCell::new(None) };

    /// Whether `named_only` left a subcommand out of that parse.
    static LEFT_OUT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `add(cmd)`; but while `Cli::parse_named` parses, only those of `add`'s
/// subcommands whose name or alias is a word of the command line, if any
/// is. A command being built gets a copy of every global option in each
/// of its subcommands (clap's propagation): at the top and in `cert`, ten
/// and eleven commands a run does not use, which took more than a tenth
/// of a millisecond of a `cert request` (BENCHMARKS.md). A group's
/// `augment_subcommands` adds its subcommands and nothing else (no
/// methods or doc comment on the enums), so the rest of `cmd` is as `add`
/// would leave it.
fn named_only(cmd: clap::Command, add: fn(clap::Command) -> clap::Command) -> clap::Command {
    let Some(words) = NAMED.with_borrow(Clone::clone) else { return add(cmd) };
    let all = add(clap::Command::new("all"));
    let named = |sub: &&clap::Command| {
        sub.get_short_flag().is_some()
            || sub.get_long_flag().is_some()
            || std::iter::once(sub.get_name()).chain(sub.get_all_aliases()).any(|n| words.iter().any(|w| w == n))
    };
    if !all.get_subcommands().any(|sub| named(&sub)) {
        return add(cmd);
    }
    if !all.get_subcommands().all(|sub| named(&sub)) {
        LEFT_OUT.set(true);
    }
    cmd.subcommands(all.get_subcommands().filter(named).cloned())
}

#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]
    #[arg(long, global = true, help_heading = "Global options", value_name = "REGION", value_parser = RegionParser)]
    pub region: Option<Region>,
    /// Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]
    #[arg(long, global = true, help_heading = "Global options", value_name = "DIR|URL")]
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

// Each command's arguments are built only when it runs (`defer`), so its
// one-line summary, which the parent's help lists, is given here as well as
// in the first line of its doc comment; tests/help.rs checks the two agree.
#[derive(Subcommand, Debug)]
#[command(defer = true)]
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
    Ca(Deferred<CaCommand>),
    /// Certificates: request, validate, read, export, revoke and delete
    ///
    /// Every certificate lives in one region and is named by its ARN.
    ///
    /// Examples:
    ///   acmctl cert request --domain-name www.example.com --certificate-authority-arn CA_ARN
    ///   acmctl cert list --expiring-within 30
    ///   acmctl cert get CERT_ARN > cert.pem
    #[command(subcommand, verbatim_doc_comment)]
    Cert(Deferred<CertCommand>),
    /// The account's settings in the region
    ///
    /// Example:
    ///   acmctl account config put --days-before-expiry 30
    #[command(subcommand, verbatim_doc_comment)]
    Account(Deferred<AccountCommand>),
    #[command(about = "Import a certificate, its private key and chain (ImportCertificate)")]
    Import(import::Args),
    #[command(about = "Deploy a certificate to an ACM-integrated service")]
    Deploy(commands::deploy::Args),
    #[command(about = "Renew certificates: managed renewal (RenewCertificate)")]
    Renew(commands::renew::Args),
    #[command(about = crate::serve::args::ABOUT)]
    Serve(crate::serve::Args),
    /// The store itself
    ///
    /// The store is a directory (ACMCTL_HOME or --store) of one subdirectory per
    /// region, or a PostgreSQL database named by a store URL
    /// (postgresql://USER@HOST/DB?sslmode=verify-full&sslrootcert=CA.pem) that
    /// many runners and hosts share; every write to it is atomic and durable.
    ///
    /// Example:
    ///   acmctl store check
    #[command(subcommand, verbatim_doc_comment)]
    Store(Deferred<StoreCommand>),
    #[command(about = "Print a shell completion script")]
    Completions(commands::completions::Args),
    #[command(about = "Print the manual page (roff)")]
    Man(commands::man::Args),
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum CaCommand {
    #[command(about = "Create a certificate authority in the current region")]
    Init(ca::init::Args),
    #[command(about = "List the certificate authorities of the current region")]
    List(ca::list::Args),
    #[command(about = "Show one certificate authority (DescribeCertificateAuthority)")]
    Describe(ca::describe::Args),
    #[command(about = "Print an authority's certificate and chain, to install as trust")]
    Certificate(ca::certificate::Args),
    #[command(about = "Print an authority's current certificate revocation list (CRL)")]
    Crl(ca::crl::Args),
    #[command(about = "Print an authority's certificate signing request (GetCertificateAuthorityCsr)")]
    Csr(ca::csr::Args),
    #[command(about = "Install an authority's certificate (ImportCertificateAuthorityCertificate)")]
    ImportCertificate(ca::import_certificate::Args),
    #[command(about = "Sign a certificate signing request with an authority (IssueCertificate)")]
    Issue(ca::issue::Args),
    #[command(about = "Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)")]
    GetCertificate(ca::get_certificate::Args),
    #[command(about = "Revoke a certificate by its serial (RevokeCertificate of ACM PCA)")]
    Revoke(ca::revoke::Args),
    #[command(about = "Enable, disable or reconfigure an authority (UpdateCertificateAuthority)")]
    Update(ca::update::Args),
    #[command(about = "Delete an authority, restorable for a while (DeleteCertificateAuthority)")]
    Delete(ca::delete::Args),
    #[command(about = "Restore a deleted authority within its window (RestoreCertificateAuthority)")]
    Restore(ca::restore::Args),
    /// Add, remove and list an authority's tags
    ///
    /// Example:
    ///   acmctl ca tags add CA_ARN --tags team=pki
    #[command(subcommand, verbatim_doc_comment)]
    Tags(Deferred<commands::tags::CaTags>),
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum CertCommand {
    #[command(about = "Request a certificate (RequestCertificate)")]
    Request(cert::request::Args),
    #[command(about = "List the certificates of the current region (ListCertificates)")]
    List(cert::list::Args),
    #[command(about = "Show one certificate (DescribeCertificate)")]
    Describe(cert::describe::Args),
    #[command(about = "Print a certificate and its chain in PEM (GetCertificate)")]
    Get(cert::get::Args),
    #[command(about = "Export a private certificate with its key, encrypted (ExportCertificate)")]
    Export(cert::export::Args),
    #[command(about = "Delete a certificate and its key (DeleteCertificate)")]
    Delete(cert::delete::Args),
    #[command(about = "Validate a public certificate's domains, and issue it once all are")]
    Validate(cert::validate::Args),
    #[command(about = "Send the validation email again (ResendValidationEmail)")]
    ResendValidationEmail(cert::resend_validation_email::Args),
    #[command(about = "Revoke a private certificate and re-sign its authority's CRL (RevokeCertificate)")]
    Revoke(cert::revoke::Args),
    /// Add, remove and list a certificate's tags
    ///
    /// Example:
    ///   acmctl cert tags add CERT_ARN --tags team=web
    #[command(subcommand, verbatim_doc_comment)]
    Tags(Deferred<commands::tags::CertTags>),
    #[command(about = "Change a certificate's options (UpdateCertificateOptions)")]
    UpdateOptions(cert::update_options::Args),
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum AccountCommand {
    /// The account's settings in the region: expiry events
    ///
    /// Example:
    ///   acmctl account config get
    #[command(subcommand, verbatim_doc_comment)]
    Config(Deferred<commands::account::ConfigCommand>),
}

#[derive(Subcommand, Debug)]
#[command(defer = true)]
pub enum StoreCommand {
    #[command(about = "Check the whole store and report anything inconsistent")]
    Check(store::check::Args),
    #[command(about = "Create the store: a directory, or the schema in an empty PostgreSQL database")]
    Init(store::init::Args),
    #[command(about = "Bring a PostgreSQL store's schema up to this acmctl's version")]
    Migrate(store::migrate::Args),
    #[command(about = "Copy a whole store to an empty one: a directory to a database and back")]
    Copy(store::copy::Args),
}

/// A group of subcommands (`ca`, `cert tags`, ...) whose members are built
/// only when the group runs. `defer = true` defers each command's own
/// arguments; this defers the group's list of commands, so that a run builds
/// the groups on its path and no others (BENCHMARKS.md).
/// The group's summary and help stay with its parent, which lists them.
pub type Deferred<T> = Group<T, true>;

/// The top level's commands, built with the top level.
pub type Named<T> = Group<T, false>;

/// A list of subcommands, of which a parse builds only those its command
/// line names (`named_only`); built `LATER`, when its command is, or at
/// once.
#[derive(Debug)]
pub struct Group<T, const LATER: bool>(pub T);

impl<T, const LATER: bool> std::ops::Deref for Group<T, LATER> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: clap::FromArgMatches, const LATER: bool> clap::FromArgMatches for Group<T, LATER> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Group)
    }

    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Group)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Subcommand, const LATER: bool> Subcommand for Group<T, LATER> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        match (EXPAND_GROUPS.get(), LATER) {
            (true, _) => T::augment_subcommands(cmd),
            (false, true) => cmd.defer(|cmd| named_only(cmd, T::augment_subcommands)),
            (false, false) => named_only(cmd, T::augment_subcommands),
        }
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        match (EXPAND_GROUPS.get(), LATER) {
            (false, true) => cmd.defer(T::augment_subcommands_for_update),
            _ => T::augment_subcommands_for_update(cmd),
        }
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

impl GlobalArgs {
    /// No global option given: everything from the environment and the
    /// config file (shell completion has no parsed command line).
    pub fn unset() -> GlobalArgs {
        GlobalArgs { region: None, store: None, output: OutputFormat::Text, color: ColorChoice::Never, quiet: true }
    }
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
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value '{}' for '{what}': {e}\n", crate::text::escape(text)),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Region::all().map(|r| clap::builder::PossibleValue::new(r.as_str()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::exit;

    /// A command line parses to the same thing with only the subcommands
    /// it names as with all of them, and fails the same way.
    #[test]
    fn parsing_with_the_named_commands_only_gives_what_the_whole_tree_gives() {
        const CA: &str =
            "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f";
        const CERT: &str = "arn:aws:acm:eu-west-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f";
        let lines: &[&[&str]] = &[
            &[
                "--region",
                "eu-west-1",
                "-q",
                "cert",
                "request",
                "--domain-name",
                "a.example.com",
                "--certificate-authority-arn",
                CA,
            ],
            &["cert", "request", "--domain-name", "a.example.com", "--region", "eu-west-1", "--output", "json"],
            &["cert", "list", "--expiring-within", "30"],
            &["cert", "tags", "add", CERT, "--tags", "team=web"],
            &["ca", "init", "--mode", "private", "--common-name", "Example Root CA"],
            &["ca", "tags", "list", CA],
            &["account", "config", "get"],
            &["--store", "cert", "cert", "list"],
            &["--store", "ca", "cert", "list"],
            &["store", "check"],
            &["renew"],
            &["deploy", CERT, "--target", "alb:eu-west-1:web"],
            &["completions", "bash"],
            // Not parsed: each fails as with the whole tree.
            &["cert", "lst"],
            &["crt", "list"],
            &["--region", "mars-north-1", "cert", "list"],
            &["cert"],
            &[],
            &["--help"],
            &["cert", "request", "--help"],
            &["help", "cert"],
            &["--version"],
        ];
        for line in lines {
            let args: Vec<std::ffi::OsString> =
                std::iter::once("acmctl").chain(line.iter().copied()).map(Into::into).collect();
            let whole = <Cli as Parser>::try_parse_from(&args);
            let named = Cli::parse_named(&args);
            match (&whole, &named) {
                (Ok(w), Ok(n)) => assert_eq!(format!("{w:?}"), format!("{n:?}"), "{line:?}"),
                (Err(w), Err(n)) => {
                    assert_eq!(w.kind(), n.kind(), "{line:?}");
                    assert_eq!(w.render().to_string(), n.render().to_string(), "{line:?}");
                }
                _ => panic!("{line:?}: {whole:?} against {named:?}"),
            }
            assert!(NAMED.with_borrow(Option::is_none), "{line:?}: the words are cleared");
        }
        // And the commands a line does not name are left out, at the top
        // and in a group.
        NAMED.set(Some(vec!["cert".into(), "list".into()]));
        let mut cmd = <Cli as clap::CommandFactory>::command();
        cmd.build();
        NAMED.take();
        let names = |cmd: &clap::Command| -> Vec<String> {
            cmd.get_subcommands().map(|c| c.get_name().to_string()).filter(|n| n != "help").collect()
        };
        assert_eq!(names(&cmd), ["cert"]);
        assert_eq!(names(cmd.find_subcommand("cert").unwrap()), ["list"]);
    }

    /// What `named_only` builds on: a group's enum adds its commands to the
    /// parent and changes nothing else of it.
    #[test]
    fn a_group_adds_its_commands_and_nothing_else() {
        let groups: &[fn(clap::Command) -> clap::Command] = &[
            <Command as Subcommand>::augment_subcommands,
            <CaCommand as Subcommand>::augment_subcommands,
            <CertCommand as Subcommand>::augment_subcommands,
            <AccountCommand as Subcommand>::augment_subcommands,
            <StoreCommand as Subcommand>::augment_subcommands,
            <commands::tags::CaTags as Subcommand>::augment_subcommands,
            <commands::tags::CertTags as Subcommand>::augment_subcommands,
            <commands::account::ConfigCommand as Subcommand>::augment_subcommands,
        ];
        for add in groups {
            let mut added = add(clap::Command::new("group"));
            let mut bare = clap::Command::new("group").subcommands(added.get_subcommands().cloned());
            assert!(added.get_subcommands().count() > 0);
            assert_eq!(added.render_long_help().to_string(), bare.render_long_help().to_string());
            assert_eq!(added.render_usage().to_string(), bare.render_usage().to_string());
        }
    }

    /// The exit codes are listed three times, for three readers: the
    /// table in `error::exit`, `acmctl --help`, and README.md.
    #[test]
    fn every_list_of_exit_codes_says_what_the_code_does() {
        let readme = include_str!("../README.md");
        for (code, meaning) in exit::TABLE {
            let help = format!("\n  {code}  {meaning}\n");
            assert!(AFTER_HELP.contains(&help), "acmctl --help lacks {help:?}");
            let row = format!("\n| {code} | {} |\n", meaning.replace("...", "…"));
            assert!(readme.contains(&row), "README.md lacks {row:?}");
        }
    }
}
