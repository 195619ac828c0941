//! What a public certificate's validation asks for, derived without I/O:
//! the DNS records, the addresses, the approval tokens.

use aws_lc_rs::{digest, hmac};

use crate::model::AccountId;

/// `DomainValidation.ValidationStatus` values, as ACM spells them.
pub const PENDING: &str = "PENDING_VALIDATION";
pub const SUCCESS: &str = "SUCCESS";
pub const FAILED: &str = "FAILED";

/// Why a name is not validated yet (`ValidationStatusReason`).
pub const REASON_RECORD_MISSING: &str = "RECORD_NOT_FOUND";
pub const REASON_RECORD_WRONG: &str = "RECORD_VALUE_MISMATCH";
pub const REASON_EMAIL_NOT_SENT: &str = "EMAIL_NOT_SENT";
pub const REASON_AWAITING_APPROVAL: &str = "AWAITING_APPROVAL";

/// The five addresses ACM writes to at a validation domain.
pub const EMAIL_LOCAL_PARTS: [&str; 5] = ["admin", "administrator", "hostmaster", "postmaster", "webmaster"];

/// The CNAME that proves control of a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsRecord {
    pub name: String,
    pub value: String,
}

fn mac(account: AccountId, purpose: &str, domain: &str) -> Vec<u8> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, account.to_string().as_bytes());
    hmac::sign(&key, format!("{purpose}\0{}", domain.to_ascii_lowercase()).as_bytes()).as_ref().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `_<32 hex>.<domain>.` → `_<32 hex>.<10 letters>.acm-validations.aws.`,
/// the same for the same account and domain every time, so that a record
/// once published keeps validating (renewals, re-requests). `domain` is the
/// name with any `*.` removed: a wildcard shares its base domain's record.
pub fn dns_record(account: AccountId, domain: &str) -> DnsRecord {
    let domain = domain.strip_prefix("*.").unwrap_or(domain).to_ascii_lowercase();
    let name = mac(account, "name", &domain);
    let value = mac(account, "value", &domain);
    let letters: String = mac(account, "zone", &domain).iter().take(10).map(|b| (b'a' + b % 26) as char).collect();
    DnsRecord {
        name: format!("_{}.{domain}.", hex(&name[..16])),
        value: format!("_{}.{letters}.acm-validations.aws.", hex(&value[..16])),
    }
}

pub fn validation_emails(validation_domain: &str) -> Vec<String> {
    EMAIL_LOCAL_PARTS.iter().map(|p| format!("{p}@{validation_domain}")).collect()
}

/// Whether `validation_domain` may stand for `name`: it is the name's base
/// domain or a parent of it (ACM's `ValidationDomain` rule).
pub fn covers(validation_domain: &str, name: &str) -> bool {
    let base = name.strip_prefix("*.").unwrap_or(name);
    base == validation_domain || base.ends_with(&format!(".{validation_domain}"))
}

/// A fresh approval token: 128 random bits, hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system random number generator failed");
    hex(&bytes)
}

/// What the store keeps of a token: its SHA-256, so that reading the store
/// does not let anyone approve.
pub fn token_hash(token: &str) -> String {
    hex(digest::digest(&digest::SHA256, token.trim().as_bytes()).as_ref())
}

/// The approval message for one validation domain.
pub struct ApprovalMessage<'a> {
    pub validation_domain: &'a str,
    pub names: &'a [String],
    pub account: AccountId,
    pub region: &'a str,
    pub certificate_arn: &'a str,
    pub token: &'a str,
}

impl ApprovalMessage<'_> {
    pub fn subject(&self) -> String {
        format!("Certificate approval for {}", self.validation_domain)
    }

    pub fn body(&self) -> String {
        let names: Vec<String> = self.names.iter().map(|n| format!("  {n}")).collect();
        format!(
            "A certificate was requested for names under {domain}, and acmctl\n\
             (playing AWS Certificate Manager) needs someone in control of\n\
             {domain} to approve it.\n\
             \n\
             Domain: {domain}\n\
             Names:\n{names}\n\
             AWS account: {account}\n\
             AWS Region: {region}\n\
             Certificate ARN: {arn}\n\
             \n\
             To approve, run:\n\
             \x20 acmctl --region {region} cert validate {arn} --token {token}\n\
             \n\
             Approval token: {token}\n\
             \n\
             If you did not expect this request, ignore this message: nothing\n\
             is issued without approval, and the request times out after 72 hours.\n",
            domain = self.validation_domain,
            names = names.join("\n"),
            account = self.account,
            region = self.region,
            arn = self.certificate_arn,
            token = self.token,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(n: &str) -> AccountId {
        n.parse().unwrap()
    }

    #[test]
    fn records_are_deterministic_per_account_and_domain() {
        let a = dns_record(account("123456789012"), "example.com");
        assert_eq!(a, dns_record(account("123456789012"), "example.com"));
        assert_eq!(a, dns_record(account("123456789012"), "*.example.com"));
        assert_eq!(a, dns_record(account("123456789012"), "Example.COM"));
        assert_ne!(a, dns_record(account("123456789013"), "example.com"));
        assert_ne!(a, dns_record(account("123456789012"), "www.example.com"));
    }

    #[test]
    fn records_have_acm_shape() {
        let r = dns_record(account("123456789012"), "www.example.com");
        let (label, rest) = r.name.split_once('.').unwrap();
        assert_eq!(rest, "www.example.com.");
        assert!(label.len() == 33 && label.starts_with('_') && label[1..].bytes().all(|b| b.is_ascii_hexdigit()));
        let parts: Vec<&str> = r.value.split('.').collect();
        assert_eq!(parts.len(), 5, "{}", r.value);
        assert!(parts[0].len() == 33 && parts[0].starts_with('_'));
        assert!(parts[1].len() == 10 && parts[1].bytes().all(|b| b.is_ascii_lowercase()));
        assert_eq!(&parts[2..], ["acm-validations", "aws", ""]);
    }

    #[test]
    fn validation_domain_covers_the_name_or_its_parents() {
        assert!(covers("example.com", "example.com"));
        assert!(covers("example.com", "*.example.com"));
        assert!(covers("example.com", "a.b.example.com"));
        assert!(!covers("example.com", "badexample.com"));
        assert!(!covers("www.example.com", "example.com"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let t = new_token();
        assert_eq!(t.len(), 32);
        assert_ne!(t, new_token());
        assert_eq!(token_hash(&t), token_hash(&format!("{t}\n")));
        assert_ne!(token_hash(&t), t);
    }

    #[test]
    fn message_carries_what_the_approver_needs() {
        let names = vec!["example.com".to_string(), "*.example.com".to_string()];
        let m = ApprovalMessage {
            validation_domain: "example.com",
            names: &names,
            account: account("123456789012"),
            region: "eu-west-1",
            certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/x",
            token: "abc123",
        };
        let body = m.body();
        for needle in ["example.com", "123456789012", "eu-west-1", "certificate/x", "\nApproval token: abc123\n"] {
            assert!(body.contains(needle), "{needle} missing from:\n{body}");
        }
    }
}
