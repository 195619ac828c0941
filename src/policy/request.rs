//! RequestCertificate: the shape of a request (names, key algorithm,
//! idempotency token) and which authority takes a public one.

use std::collections::HashSet;

use time::OffsetDateTime;

use super::{Refusal, Rule, active_public_authority};
use crate::model::domain::MAX_COMMON_NAME_LEN;
use crate::model::{AuthorityRecord, DomainName, KeyAlgorithm, Region};

/// The key algorithms a certificate may be requested with.
pub fn check_key_algorithm(alg: KeyAlgorithm) -> Result<(), Refusal> {
    if alg.allowed_for_requests() {
        return Ok(());
    }
    Err(Refusal::new(
        Rule::RequestKeyAlgorithm,
        format!("key algorithm {alg} cannot be requested; certificates take RSA_2048, EC_prime256v1 or EC_secp384r1"),
        "",
    ))
}

/// The names of one certificate, the first first, each once, gathered as
/// they are read: the quota is checked at every new name, so that a
/// request with a million names stops at the quota's, and each name is
/// looked up in a set, not compared with every other.
pub struct Names {
    quota: usize,
    list: Vec<DomainName>,
    seen: HashSet<DomainName>,
}

impl Names {
    pub fn new(quota: usize) -> Names {
        Names { quota, list: Vec::new(), seen: HashSet::new() }
    }

    /// Adds `name` unless it is there already.
    pub fn push(&mut self, name: DomainName) -> Result<(), Refusal> {
        if self.list.is_empty() && name.as_str().len() > MAX_COMMON_NAME_LEN {
            return Err(Refusal::new(
                Rule::CommonNameLength,
                format!(
                    "domain name '{name}' is {} characters long; the first name becomes the common name, which is limited to {MAX_COMMON_NAME_LEN}",
                    name.as_str().len()
                ),
                "put a shorter name first and the long one in --subject-alternative-names",
            ));
        }
        if self.seen.contains(&name) {
            return Ok(());
        }
        if self.list.len() == self.quota {
            return Err(Refusal::new(
                Rule::NameQuota,
                format!(
                    "the request has more than {} names; the quota is {} names per certificate",
                    self.quota, self.quota
                ),
                "split the names over several certificates, or raise san_quota in the config file (up to 100)",
            ));
        }
        self.seen.insert(name.clone());
        self.list.push(name);
        Ok(())
    }

    /// The names, or None if there are none.
    pub fn finish(self) -> Option<Vec<DomainName>> {
        (!self.list.is_empty()).then_some(self.list)
    }
}

/// Every name of a request (all of them already in hand), the domain name
/// first, without repeats. Over the quota, the refusal says how many
/// different names there were.
pub fn collect_names(first: &DomainName, more: &[DomainName], quota: usize) -> Result<Vec<DomainName>, Refusal> {
    let mut names = Names::new(quota);
    names.push(first.clone())?;
    for (i, n) in more.iter().enumerate() {
        if let Err(mut refusal) = names.push(n.clone()) {
            if refusal.rule == Rule::NameQuota {
                let mut all = names.seen;
                all.extend(more[i..].iter().cloned());
                refusal.message =
                    format!("the request has {} names; the quota is {quota} names per certificate", all.len());
            }
            return Err(refusal);
        }
    }
    Ok(names.finish().expect("the first name is there"))
}

/// `IdempotencyToken`: 1 to 32 word characters.
pub fn check_token(token: &str) -> Result<(), Refusal> {
    if token.is_empty() || token.len() > 32 || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Refusal::new(
            Rule::IdempotencyToken,
            format!("idempotency token '{token}' must be 1 to 32 word characters (letters, digits, underscore)"),
            "",
        ));
    }
    Ok(())
}

/// Names no public authority issues for, whatever the Public Suffix List
/// says of them: the special-use names of RFC 6761 (.test, .example,
/// .invalid, .localhost), RFC 6762 (.local), RFC 7686 (.onion) and RFC 8375
/// (.home.arpa), the private-use .internal, the infrastructure .arpa, and
/// the internal suffixes networks commonly use without owning them. The
/// more specific first, so that a refusal names the closest.
pub const RESERVED_SUFFIXES: &[&str] = &[
    "home.arpa",
    "test",
    "example",
    "invalid",
    "localhost",
    "local",
    "internal",
    "onion",
    "arpa",
    "corp",
    "lan",
    "home",
    "localdomain",
    "intranet",
    "private",
];

/// A name a public certificate may carry: under a public suffix of the
/// Public Suffix List (CA/Browser Forum Baseline Requirements 4.2.2: no
/// internal names), not reserved, not an IP address and not a public
/// suffix itself. A wildcard is judged by the name under its `*.`.
pub fn check_public_name(name: &DomainName) -> Result<(), Refusal> {
    let base = name.base();
    let refuse = |why: String| {
        Refusal::new(
            Rule::PublicDomain,
            format!(
                "'{name}' {why}; a public certificate names only domains under a public suffix, and the certificate is FAILED with INVALID_PUBLIC_DOMAIN"
            ),
            "request public certificates for names under a registered domain (such as www.example.com); an internal name takes a private certificate: --certificate-authority-arn CA_ARN",
        )
    };
    if base.parse::<std::net::Ipv4Addr>().is_ok() || base.split('.').all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Err(refuse("is an IP address".into()));
    }
    if let Some(reserved) = RESERVED_SUFFIXES.iter().find(|s| base == **s || base.ends_with(&format!(".{s}"))) {
        return Err(refuse(format!("is under .{reserved}, a name reserved for testing, local or internal use")));
    }
    match psl::suffix(base.as_bytes()) {
        Some(suffix) if suffix.is_known() => {
            if suffix.as_bytes() == base.as_bytes() {
                return Err(refuse("is itself a public suffix, under which anyone may register names".into()));
            }
            Ok(())
        }
        _ => {
            let tld = base.rsplit('.').next().unwrap_or(base);
            Err(refuse(format!(
                "is not under a public suffix of the Public Suffix List (.{tld} is not a public top-level domain)"
            )))
        }
    }
}

/// The authority that takes a public request in `region`: the region's
/// public authority, which must exist.
pub fn public_authority(
    authorities: &[AuthorityRecord],
    now: OffsetDateTime,
    region: Region,
) -> Result<&AuthorityRecord, Refusal> {
    active_public_authority(authorities, now).ok_or_else(|| {
        Refusal::new(
            Rule::PublicAuthorityRequired,
            format!("region {region} has no public certificate authority to issue a public certificate"),
            "run 'acmctl ca init --mode public', or name a private authority with --certificate-authority-arn",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<DomainName> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn key_algorithms_table() {
        for (alg, ok) in [
            (KeyAlgorithm::Rsa2048, true),
            (KeyAlgorithm::EcPrime256v1, true),
            (KeyAlgorithm::EcSecp384r1, true),
            (KeyAlgorithm::Rsa3072, false),
            (KeyAlgorithm::Rsa4096, false),
            (KeyAlgorithm::EcSecp521r1, false),
        ] {
            assert_eq!(check_key_algorithm(alg).is_ok(), ok, "{alg}");
        }
    }

    #[test]
    fn names_are_deduplicated_and_counted_against_the_quota() {
        let first: DomainName = "a.example.com".parse().unwrap();
        let got = collect_names(&first, &names(&["b.example.com", "a.example.com", "b.example.com"]), 10).unwrap();
        assert_eq!(got, names(&["a.example.com", "b.example.com"]));
        let nine: Vec<String> = (1..10).map(|i| format!("n{i}.example.com")).collect();
        let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
        assert_eq!(collect_names(&first, &names(&nine), 10).unwrap().len(), 10);
        let over = [names(&nine), names(&["z.example.com", "y.example.com", "z.example.com"])].concat();
        let r = collect_names(&first, &over, 10).unwrap_err();
        assert_eq!(r.rule, Rule::NameQuota);
        assert!(r.message.starts_with("the request has 12 names; the quota is 10"), "{}", r.message);
        // A repeat does not count.
        let repeat = [names(&nine), names(&["a.example.com"])].concat();
        assert!(collect_names(&first, &repeat, 10).is_ok());
    }

    #[test]
    fn names_stop_being_read_at_the_quota() {
        let mut names = Names::new(100);
        let mut read = 0;
        let refused = (0..).find_map(|i| {
            read += 1;
            names.push(format!("n{i}.example.com").parse().unwrap()).err()
        });
        assert_eq!(refused.unwrap().rule, Rule::NameQuota);
        assert_eq!(read, 101, "the first name past the quota stops the reading");
    }

    #[test]
    fn the_first_name_is_the_common_name() {
        let long: DomainName = format!("{}.example.com", "a".repeat(60)).parse().unwrap();
        assert_eq!(collect_names(&long, &[], 10).unwrap_err().rule, Rule::CommonNameLength);
        let short: DomainName = "a.example.com".parse().unwrap();
        assert!(collect_names(&short, &[long], 10).is_ok(), "a long name may follow");
    }

    #[test]
    fn public_names_table() {
        for (name, ok, says) in [
            ("www.example.com", true, ""),
            ("shop.example.com", true, ""),
            ("*.example.com", true, ""),
            ("example.co.uk", true, ""),
            ("www.acmctl-test.com", true, ""),
            ("a.b.c.example.org", true, ""),
            ("foo.github.io", true, ""),
            ("xn--80ak6aa92e.com", true, ""),
            ("shop.xn--p1ai", true, ""),
            ("WWW.Example.COM", true, ""),
            ("shop.example.test", false, "under .test"),
            ("*.example.test", false, "under .test"),
            ("www.example", false, "under .example"),
            ("a.invalid", false, "under .invalid"),
            ("app.localhost", false, "under .localhost"),
            ("printer.local", false, "under .local"),
            ("svc.internal", false, "under .internal"),
            ("abc.onion", false, "under .onion"),
            ("router.home.arpa", false, "under .home.arpa"),
            ("1.0.0.127.in-addr.arpa", false, "under .arpa"),
            ("dc01.corp", false, "under .corp"),
            ("nas.lan", false, "under .lan"),
            ("box.localdomain", false, "under .localdomain"),
            ("10.0.0.10", false, "an IP address"),
            ("192.168.1.20", false, "an IP address"),
            ("co.uk", false, "itself a public suffix"),
            ("*.co.uk", false, "itself a public suffix"),
            ("github.io", false, "itself a public suffix"),
            ("www.example.notatld", false, "not under a public suffix"),
            ("host.cluster", false, "not under a public suffix"),
        ] {
            let got = check_public_name(&name.parse().unwrap());
            assert_eq!(got.is_ok(), ok, "{name}: {got:?}");
            if let Err(r) = got {
                assert_eq!(r.rule, Rule::PublicDomain);
                assert!(r.message.starts_with(&format!("'{name}' ")), "{}", r.message);
                assert!(r.message.contains(says), "{name}: {}", r.message);
                assert!(r.message.contains("INVALID_PUBLIC_DOMAIN"), "{}", r.message);
            }
        }
    }

    #[test]
    fn tokens_table() {
        for (t, ok) in [("tf123", true), ("a_b", true), ("", false), ("a-b", false), (&"x".repeat(33), false)] {
            assert_eq!(check_token(t).is_ok(), ok, "{t:?}");
        }
    }
}
