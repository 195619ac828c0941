//! CAA (RFC 8659): whether the CAA record set found for a name lets the
//! public authority issue for it. The lookup (climbing from the name to its
//! parents until a record set is found) is `validation::caa`'s; this judges
//! what it found.

use super::{Refusal, Rule};

/// The issuer domains ACM's CA answers to in CAA records, which acmctl's
/// public authority answers to unless the config file's `caa_domains`
/// names others.
pub const DEFAULT_CAA_DOMAINS: [&str; 4] = ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"];

/// The property tags an issuer understands (RFC 8659 section 4, and the
/// registered ones that concern other kinds of certificate). A critical
/// property with any other tag forbids issuance.
pub const KNOWN_TAGS: [&str; 7] =
    ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuemail", "issuevmc"];

/// One CAA resource record, as found in DNS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaaRecord {
    /// The issuer critical flag (bit 7 of the flags).
    pub critical: bool,
    pub tag: String,
    pub value: String,
}

impl CaaRecord {
    /// The record in presentation format: `0 issue "amazon.com"`.
    pub fn presentation(&self) -> String {
        format!("{} {} \"{}\"", if self.critical { 128 } else { 0 }, self.tag, self.value)
    }
}

/// The issuer domain of an `issue` or `issuewild` value: what stands
/// before any `;` parameters, lowercased, without a final dot. Empty when
/// the value names no issuer (`;`), which forbids every issuer.
pub fn issuer_domain(value: &str) -> String {
    let domain = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    domain.trim_end_matches('.').to_string()
}

/// Whether the CAA record set `records`, found at `found_at` for `name`
/// (`*.` first for a wildcard), lets an authority known by `ca_domains`
/// issue. An empty set allows any issuer.
pub fn check_caa(name: &str, found_at: &str, records: &[CaaRecord], ca_domains: &[String]) -> Result<(), Refusal> {
    let refuse = |why: String| {
        Refusal::new(
            Rule::Caa,
            format!(
                "the CAA records of {found_at} forbid issuing for {name}: {why}; the certificate is FAILED with CAA_ERROR"
            ),
            format!(
                "add a CAA record that allows the public authority, such as '{found_at}. CAA 0 {} \"{}\"', then request the certificate again",
                if name.starts_with("*.") { "issuewild" } else { "issue" },
                ca_domains.first().map(String::as_str).unwrap_or("amazon.com")
            ),
        )
    };
    if let Some(r) = records.iter().find(|r| r.critical && !KNOWN_TAGS.iter().any(|t| r.tag.eq_ignore_ascii_case(t))) {
        return Err(refuse(format!("the record {} is critical and its tag is unknown", r.presentation())));
    }
    let of = |tag: &str| -> Vec<&CaaRecord> { records.iter().filter(|r| r.tag.eq_ignore_ascii_case(tag)).collect() };
    // A wildcard name is judged by issuewild where there is any, else by
    // issue (RFC 8659 section 4.3).
    let (tag, relevant) = match (name.starts_with("*."), of("issuewild")) {
        (true, wild) if !wild.is_empty() => ("issuewild", wild),
        _ => ("issue", of("issue")),
    };
    if relevant.is_empty() {
        // Only other properties (iodef, or issuewild for a name that is no
        // wildcard): no restriction on issuers for this name.
        return Ok(());
    }
    if relevant.iter().any(|r| {
        let issuer = issuer_domain(&r.value);
        !issuer.is_empty() && ca_domains.iter().any(|d| d.eq_ignore_ascii_case(&issuer))
    }) {
        return Ok(());
    }
    let listed: Vec<String> = relevant.iter().map(|r| r.presentation()).collect();
    Err(refuse(format!("no {tag} record names {} ({})", ca_domains.join(", "), listed.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rr(critical: bool, tag: &str, value: &str) -> CaaRecord {
        CaaRecord { critical, tag: tag.into(), value: value.into() }
    }

    fn amazon() -> Vec<String> {
        DEFAULT_CAA_DOMAINS.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn issuer_domains() {
        assert_eq!(issuer_domain("amazon.com"), "amazon.com");
        assert_eq!(issuer_domain(" Amazon.COM. ; account=123"), "amazon.com");
        assert_eq!(issuer_domain(";"), "");
        assert_eq!(issuer_domain(""), "");
    }

    #[test]
    fn caa_table() {
        let ok = |name: &str, records: &[CaaRecord]| check_caa(name, "example.com", records, &amazon());
        // No records: anyone may issue.
        assert!(ok("www.example.com", &[]).is_ok());
        // A permitting record, with parameters, in other cases.
        assert!(ok("www.example.com", &[rr(false, "issue", "amazon.com")]).is_ok());
        assert!(ok("www.example.com", &[rr(false, "ISSUE", "AmazonTrust.com; account=1")]).is_ok());
        assert!(
            ok("www.example.com", &[rr(false, "issue", "letsencrypt.org"), rr(false, "issue", "awstrust.com")]).is_ok()
        );
        // Another CA only.
        let other = ok("www.example.com", &[rr(false, "issue", "letsencrypt.org")]).unwrap_err();
        assert_eq!(other.rule, Rule::Caa);
        assert!(other.message.contains("0 issue \"letsencrypt.org\""), "{}", other.message);
        assert!(other.message.contains("CAA_ERROR"), "{}", other.message);
        // ";" forbids every issuer.
        assert!(ok("www.example.com", &[rr(false, "issue", ";")]).is_err());
        // issuewild only: a plain name is not restricted, a wildcard is.
        let wild_other = [rr(false, "issuewild", "letsencrypt.org")];
        assert!(ok("www.example.com", &wild_other).is_ok());
        assert!(ok("*.example.com", &wild_other).unwrap_err().message.contains("no issuewild record"));
        assert!(ok("*.example.com", &[rr(false, "issuewild", "amazon.com")]).is_ok());
        // issuewild wins over issue for a wildcard, and issue counts without it.
        assert!(ok("*.example.com", &[rr(false, "issue", "amazon.com"), rr(false, "issuewild", ";")]).is_err());
        assert!(ok("*.example.com", &[rr(false, "issue", "amazon.com")]).is_ok());
        assert!(ok("*.example.com", &[rr(false, "issue", "letsencrypt.org")]).is_err());
        // Only iodef: no restriction.
        assert!(ok("www.example.com", &[rr(false, "iodef", "mailto:sec@example.com")]).is_ok());
        // An unknown critical property forbids; an unknown one that is not critical is ignored.
        let critical = ok("www.example.com", &[rr(true, "tbs", "x"), rr(false, "issue", "amazon.com")]).unwrap_err();
        assert!(critical.message.contains("128 tbs \"x\" is critical and its tag is unknown"), "{}", critical.message);
        assert!(ok("www.example.com", &[rr(false, "tbs", "x"), rr(false, "issue", "amazon.com")]).is_ok());
        assert!(ok("www.example.com", &[rr(true, "issue", "amazon.com")]).is_ok());
        // Configured domains replace ACM's.
        let mine = vec!["ca.example.net".to_string()];
        assert!(check_caa("www.example.com", "example.com", &[rr(false, "issue", "ca.example.net")], &mine).is_ok());
        assert!(check_caa("www.example.com", "example.com", &[rr(false, "issue", "amazon.com")], &mine).is_err());
    }
}
