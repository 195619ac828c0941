//! The command line of `acmctl serve` (ACM-API.md §1). The lead's clap tree
//! adds it as a deferred subcommand with `ABOUT` as its one-line summary.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::ValueEnum;

use crate::serve::server::Config;

/// The subcommand's one-line summary, as the parent's help lists it.
pub const ABOUT: &str = "Serve the ACM and ACM Private CA APIs to the aws CLI, the SDKs and Terraform";

/// Serve the ACM and ACM Private CA APIs to the aws CLI, the SDKs and Terraform
///
/// Answers AWS JSON 1.1 requests (X-Amz-Target) on POST /, each signed with
/// SigV4 by a key of the credentials file, on the same store as the CLI and at
/// the same time. The credential scope's region is the region worked in.
/// Plain HTTP, on loopback unless --allow-remote. One line per request goes to
/// stderr; SIGINT or SIGTERM stops after the requests in flight.
///
/// The credentials file is an AWS shared-credentials file: when none exists,
/// serve creates one (0600) with a new key, so the clients can use it as is.
///
/// Unsigned, as ACM Private CA publishes them, it also serves revocation for
/// the authorities whose configuration enables it (ca init --crl-cname,
/// --ocsp-cname): GET /crl/CA_ID.crl (the CRL), GET /ca/CA_ID.crt (the
/// authority's certificate), and OCSP at POST /ocsp and GET /ocsp/BASE64.
///
/// Examples:
///   acmctl serve
///   acmctl serve --listen 127.0.0.1:0 --ready-file /tmp/acmctl.addr &
///   export AWS_SHARED_CREDENTIALS_FILE="$ACMCTL_HOME/serve/credentials"
///   aws --endpoint-url http://127.0.0.1:7480 --region eu-west-1 acm list-certificates
///   aws --endpoint-url http://127.0.0.1:7480 acm-pca list-certificate-authorities
#[derive(clap::Args, Debug, Clone)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Address to listen on, ADDR:PORT or PORT; port 0 picks a free one
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7480", value_parser = parse_listen)]
    pub listen: SocketAddr,
    /// AWS shared-credentials file of the keys that may call serve [default: STORE/serve/credentials, created with one key when missing]
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,
    /// Accept requests whatever their signature, as moto and LocalStack do (the region still comes from the credential scope)
    #[arg(long)]
    pub any_credentials: bool,
    /// Write ADDR:PORT to this file once serve listens
    #[arg(long, value_name = "FILE")]
    pub ready_file: Option<PathBuf>,
    /// Requests handled at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: u16,
    /// Seconds between DNS checks of certificates pending validation
    #[arg(long, value_name = "SECONDS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..))]
    pub validation_interval: u64,
    /// Seconds between sweeps of managed renewal
    #[arg(long, value_name = "SECONDS", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
    pub renewal_interval: u64,
    /// Listen on an address other than loopback (plain HTTP: keys and passphrases cross the network unencrypted)
    #[arg(long)]
    pub allow_remote: bool,
    /// The region's public authority: auto creates it on the first public request, as ACM always has one; require refuses the request instead
    #[arg(long, value_enum, value_name = "MODE", default_value_t = PublicAuthority::Auto)]
    pub public_authority: PublicAuthority,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum PublicAuthority {
    /// Create the region's public authority when a public certificate is first requested
    #[default]
    Auto,
    /// Refuse public requests in a region that has no public authority (InvalidParameterException)
    Require,
}

/// `ADDR:PORT`, `[v6]:PORT`, `localhost:PORT` or a bare `PORT` (on
/// 127.0.0.1).
pub fn parse_listen(s: &str) -> Result<SocketAddr, String> {
    if let Ok(port) = s.parse::<u16>() {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    if let Some(port) = s.strip_prefix("localhost:") {
        let port = port.parse::<u16>().map_err(|_| format!("'{port}' is not a port number (0 to 65535)"))?;
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    s.parse().map_err(|_| format!("'{s}' is not ADDR:PORT (for example 127.0.0.1:7480, [::1]:7480 or 7480)"))
}

impl Args {
    /// The server's configuration, with its default limits and time-outs.
    pub fn config(&self) -> Config {
        let mut config = Config::new(self.listen);
        config.allow_remote = self.allow_remote;
        config.workers = usize::from(self.workers);
        config.ready_file = self.ready_file.clone();
        config
    }

    pub fn validation_interval(&self) -> Duration {
        Duration::from_secs(self.validation_interval)
    }

    pub fn renewal_interval(&self) -> Duration {
        Duration::from_secs(self.renewal_interval)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn parse(argv: &[&str]) -> Result<Args, clap::Error> {
        Cli::try_parse_from(std::iter::once("serve").chain(argv.iter().copied())).map(|c| c.args)
    }

    #[test]
    fn defaults_are_the_contract_s() {
        let a = parse(&[]).unwrap();
        assert_eq!(a.listen, "127.0.0.1:7480".parse().unwrap());
        assert_eq!((a.workers, a.validation_interval, a.renewal_interval), (4, 15, 3600));
        assert_eq!(a.public_authority, PublicAuthority::Auto);
        assert!(!a.any_credentials && !a.allow_remote && a.credentials.is_none() && a.ready_file.is_none());
        assert!(!a.config().allow_remote);
    }

    #[test]
    fn every_option_parses() {
        let a = parse(&[
            "--listen",
            "0",
            "--credentials",
            "c",
            "--any-credentials",
            "--ready-file",
            "r",
            "--workers",
            "16",
            "--validation-interval",
            "2",
            "--renewal-interval",
            "60",
            "--allow-remote",
            "--public-authority",
            "require",
        ])
        .unwrap();
        assert_eq!(a.listen, "127.0.0.1:0".parse().unwrap());
        assert_eq!(a.config().workers, 16);
        assert_eq!(a.validation_interval(), Duration::from_secs(2));
        assert_eq!(a.public_authority, PublicAuthority::Require);
        assert_eq!(parse(&["--listen", "[::1]:0"]).unwrap().listen, "[::1]:0".parse().unwrap());
        assert_eq!(parse(&["--listen", "localhost:9"]).unwrap().listen, "127.0.0.1:9".parse().unwrap());
    }

    #[test]
    fn bad_values_are_refused() {
        for argv in [
            &["--listen", "example.com:80"][..],
            &["--listen", "127.0.0.1:70000"],
            &["--workers", "0"],
            &["--validation-interval", "0"],
            &["--public-authority", "never"],
        ] {
            assert!(parse(argv).is_err(), "{argv:?}");
        }
    }
}
