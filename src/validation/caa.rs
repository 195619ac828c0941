//! CAA lookups (RFC 8659 section 3) over the same real DNS as validation:
//! for each name, its CAA record set, climbing from the name to its
//! parents until one is found. `policy::caa` judges what was found.

use std::net::SocketAddr;

use hickory_resolver::proto::rr::{RData, RecordType};

use super::dns::{build, runtime, where_asked};
use crate::error::{Error, Result};
use crate::policy::caa::CaaRecord;

/// The relevant CAA record set of one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaaFound {
    /// The name as requested (`*.` kept).
    pub name: String,
    /// Where the record set was found (the name or a parent); empty when
    /// no name up to the top-level domain has one.
    pub at: String,
    pub records: Vec<CaaRecord>,
}

/// The names to ask, the name first, then each parent down to the
/// top-level domain (the root is never asked).
pub fn climb(name: &str) -> Vec<String> {
    let base = name.strip_prefix("*.").unwrap_or(name).trim_end_matches('.');
    let mut out = Vec::new();
    let mut rest = base;
    loop {
        out.push(rest.to_string());
        match rest.split_once('.') {
            Some((_, parent)) if !parent.is_empty() => rest = parent,
            _ => break,
        }
    }
    out
}

/// Looks up the relevant CAA record set of each of `names`. A lookup that
/// fails (SERVFAIL, a time-out, a name server that cannot be reached) is
/// an error: nothing may be issued on the strength of an answer not had.
pub fn lookup(nameserver: Option<SocketAddr>, names: &[String]) -> Result<Vec<CaaFound>> {
    let runtime = runtime()?;
    runtime.block_on(async {
        let resolver = build(nameserver).await?;
        let mut out = Vec::with_capacity(names.len());
        // example.com and *.example.com climb the same names: each is asked once.
        let mut asked: std::collections::HashMap<String, Vec<CaaRecord>> = std::collections::HashMap::new();
        for name in names {
            let mut found = CaaFound { name: name.clone(), at: String::new(), records: Vec::new() };
            for candidate in climb(name) {
                if let Some(records) = asked.get(&candidate) {
                    if records.is_empty() {
                        continue;
                    }
                    found.at = candidate;
                    found.records = records.clone();
                    break;
                }
                let fqdn = format!("{candidate}.");
                let records: Vec<CaaRecord> = match resolver.lookup(fqdn.as_str(), RecordType::CAA).await {
                    Ok(lookup) => lookup
                        .answers()
                        .iter()
                        .filter_map(|r| match &r.data {
                            RData::CAA(caa) => Some(CaaRecord {
                                critical: caa.issuer_critical,
                                tag: caa.tag.clone(),
                                value: String::from_utf8_lossy(&caa.value).into_owned(),
                            }),
                            _ => None,
                        })
                        .collect(),
                    Err(e) if e.is_no_records_found() || e.is_nx_domain() => Vec::new(),
                    Err(e) => {
                        return Err(Error::failure(format!(
                            "cannot look up the CAA records of {candidate} with {}: {e}",
                            where_asked(nameserver)
                        ))
                        .with_hint("nothing is issued until the CAA records can be read; the certificate stays pending and the next validation tries again"));
                    }
                };
                asked.insert(candidate.clone(), records.clone());
                if !records.is_empty() {
                    found.at = candidate;
                    found.records = records;
                    break;
                }
            }
            out.push(found);
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climbs_to_the_top_level_domain() {
        assert_eq!(climb("www.shop.example.com"), ["www.shop.example.com", "shop.example.com", "example.com", "com"]);
        assert_eq!(climb("*.example.co.uk"), ["example.co.uk", "co.uk", "uk"]);
    }
}
