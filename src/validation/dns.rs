//! DNS validation: looks each validation CNAME up over real DNS (UDP,
//! falling back to TCP) with hickory.

use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::{Resolver, TokioResolver};

use crate::error::{Error, Result};
use crate::model::{CertificateRecord, DomainValidation};
use crate::validation::record::{self, REASON_RECORD_MISSING, REASON_RECORD_WRONG};

/// What the lookup of one validation record found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordCheck {
    /// The CNAME is there with the expected value.
    Found,
    /// No CNAME at that name.
    Missing,
    /// A CNAME is there, pointing elsewhere.
    Wrong { found: Vec<String> },
}

impl RecordCheck {
    pub fn is_found(&self) -> bool {
        *self == RecordCheck::Found
    }

    /// What was found, in words, for the name of `entry`.
    pub fn describe(&self, entry: &DomainValidation) -> String {
        let name = entry.resource_record_name.as_deref().unwrap_or("-");
        match self {
            RecordCheck::Found => format!("CNAME {name} is in place"),
            RecordCheck::Missing => format!("no CNAME record at {name}"),
            RecordCheck::Wrong { found } => format!("the CNAME at {name} points to {}", found.join(", ")),
        }
    }
}

/// `HOST:PORT` (or `HOST`, or `[V6]:PORT`) to one socket address.
pub fn parse_host_port(value: &str, default_port: u16) -> std::result::Result<SocketAddr, String> {
    if let Ok(a) = value.parse::<SocketAddr>() {
        return Ok(a);
    }
    if let Ok(ip) = value.parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, default_port));
    }
    let (host, port) = match value.rsplit_once(':') {
        Some((h, p)) => (h, p.parse::<u16>().map_err(|_| format!("'{p}' is not a port number"))?),
        None => (value, default_port),
    };
    if host.is_empty() {
        return Err("the host is empty".into());
    }
    (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve '{host}': {e}"))?
        .next()
        .ok_or_else(|| format!("'{host}' has no address"))
}

fn normalise(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with('.') { lower } else { format!("{lower}.") }
}

pub(super) fn where_asked(nameserver: Option<SocketAddr>) -> String {
    nameserver.map_or_else(|| "the system resolver".to_string(), |a| format!("name server {a}"))
}

pub(super) async fn build(nameserver: Option<SocketAddr>) -> Result<TokioResolver> {
    let provider = TokioRuntimeProvider::default();
    let mut builder = match nameserver {
        Some(addr) => {
            let mut udp = ConnectionConfig::udp();
            udp.port = addr.port();
            let mut tcp = ConnectionConfig::tcp();
            tcp.port = addr.port();
            let server = NameServerConfig::new(addr.ip(), true, vec![udp, tcp]);
            Resolver::builder_with_config(ResolverConfig::from_parts(None, vec![], vec![server]), provider)
        }
        None => Resolver::builder(provider)
            .map_err(|e| Error::failure(format!("cannot read the system resolver configuration: {e}")))?,
    };
    let opts = builder.options_mut();
    opts.timeout = Duration::from_secs(5);
    opts.attempts = 2;
    opts.cache_size = 0;
    opts.try_tcp_on_error = true;
    builder.build().map_err(|e| Error::failure(format!("cannot set up DNS lookups: {e}")))
}

/// The one-thread runtime a batch of lookups runs on.
pub(super) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::failure(format!("cannot start the DNS client: {e}")))
}

/// Looks up each `(name, expected value)` CNAME.
pub fn check_records(nameserver: Option<SocketAddr>, records: &[(String, String)]) -> Result<Vec<RecordCheck>> {
    let runtime = runtime()?;
    runtime.block_on(async {
        let resolver = build(nameserver).await?;
        let mut out = Vec::with_capacity(records.len());
        for (name, expected) in records {
            let found = match resolver.lookup(name.as_str(), RecordType::CNAME).await {
                Ok(lookup) => lookup
                    .answers()
                    .iter()
                    .filter_map(|r| match &r.data {
                        RData::CNAME(c) => Some(normalise(&c.0.to_ascii())),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
                Err(e) if e.is_no_records_found() || e.is_nx_domain() => Vec::new(),
                Err(e) => {
                    return Err(Error::failure(format!(
                        "cannot look up {name} (CNAME) with {}: {e}",
                        where_asked(nameserver)
                    ))
                    .with_hint("check that the name server answers, or name another with --nameserver HOST:PORT or ACMCTL_NAMESERVER"));
                }
            };
            out.push(if found.is_empty() {
                RecordCheck::Missing
            } else if found.contains(&normalise(expected)) {
                RecordCheck::Found
            } else {
                RecordCheck::Wrong { found }
            });
        }
        Ok(out)
    })
}

/// Writes the outcome of a lookup into a name's validation entry.
pub fn apply(entry: &mut DomainValidation, check: &RecordCheck) {
    let name = entry.resource_record_name.clone().unwrap_or_default();
    let expected = entry.resource_record_value.clone().unwrap_or_default();
    match check {
        RecordCheck::Found => {
            entry.validation_status = record::SUCCESS.into();
            entry.reason = None;
            entry.detail = None;
        }
        RecordCheck::Missing => {
            entry.validation_status = record::PENDING.into();
            entry.reason = Some(REASON_RECORD_MISSING.into());
            entry.detail = Some(format!("no CNAME record at {name}; add one with the value {expected}"));
        }
        RecordCheck::Wrong { found } => {
            entry.validation_status = record::PENDING.into();
            entry.reason = Some(REASON_RECORD_WRONG.into());
            entry.detail = Some(format!("the CNAME at {name} points to {}, not to {expected}", found.join(", ")));
        }
    }
}

/// Looks up every DNS validation record of `rec` again and says, per
/// entry of `rec.domain_validation` (in order), what was found. Renewal
/// calls it to see whether the validation of a public certificate still
/// holds; nothing is written.
pub fn recheck(rec: &CertificateRecord, nameserver: Option<SocketAddr>) -> Result<Vec<RecordCheck>> {
    let records: Vec<(String, String)> = rec
        .domain_validation
        .iter()
        .map(|d| match (&d.resource_record_name, &d.resource_record_value) {
            (Some(n), Some(v)) => Ok((n.clone(), v.clone())),
            _ => Err(Error::invalid(format!(
                "certificate {} has no DNS validation record for {}; it was not validated by DNS",
                rec.arn, d.domain_name
            ))),
        })
        .collect::<Result<_>>()?;
    check_records(nameserver, &records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port() {
        assert_eq!(parse_host_port("127.0.0.1:5301", 53).unwrap().port(), 5301);
        assert_eq!(parse_host_port("127.0.0.1", 53).unwrap().port(), 53);
        assert_eq!(parse_host_port("[::1]:5353", 53).unwrap().port(), 5353);
        assert!(parse_host_port("127.0.0.1:notaport", 53).unwrap_err().contains("notaport"));
        assert!(parse_host_port(":53", 53).is_err());
    }
}
