//! EMAIL validation: sends the approval message through an SMTP relay
//! with lettre. The relay is plain SMTP (a local MTA or a test server);
//! it does the onward delivery.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{Message, SmtpTransport, Transport};

use crate::error::{Error, Result};
use crate::validation::dns::parse_host_port;
use crate::validation::record::{ApprovalMessage, validation_emails};

const FROM: &str = "acmctl <no-reply@certificates.acmctl.invalid>";

pub fn no_relay_error() -> Error {
    Error::invalid("EMAIL validation needs an SMTP relay, and none is configured")
        .with_hint("set ACMCTL_SMTP_RELAY=HOST:PORT or smtp_relay in the config file, or use --validation-method DNS")
}

/// Sends one approval message to the five addresses of its validation
/// domain.
pub fn send(relay: &str, message: &ApprovalMessage<'_>) -> Result<()> {
    let addr = parse_host_port(relay, 25)
        .map_err(|why| Error::invalid(format!("SMTP relay '{relay}' is not HOST:PORT: {why}")))?;
    let mut builder = Message::builder()
        .from(FROM.parse::<Mailbox>().expect("the sender address is valid"))
        .subject(message.subject())
        .header(ContentType::TEXT_PLAIN);
    for to in validation_emails(message.validation_domain) {
        let mailbox =
            to.parse::<Mailbox>().map_err(|e| Error::invalid(format!("'{to}' is not an email address: {e}")))?;
        builder = builder.to(mailbox);
    }
    // 7bit keeps every line as written (RFC 5322 allows 998 characters),
    // so that the ARN and the token read whole in the raw message; lettre
    // would pick quoted-printable for lines over 76 and split them.
    let text = message.body();
    if !text.is_ascii() || text.lines().any(|l| l.len() > 998) {
        return Err(Error::failure("the validation email is not 7-bit text"));
    }
    let body = Body::dangerous_pre_encoded(text.replace('\n', "\r\n").into_bytes(), ContentTransferEncoding::SevenBit);
    let email = builder.body(body).map_err(|e| Error::failure(format!("cannot build the validation email: {e}")))?;
    let transport = SmtpTransport::builder_dangerous(addr.ip().to_string())
        .port(addr.port())
        .timeout(Some(Duration::from_secs(10)))
        .build();
    transport.send(&email).map_err(|e| {
        Error::failure(format!(
            "cannot send the validation email for {} through SMTP relay {relay}: {e}",
            message.validation_domain
        ))
    })?;
    Ok(())
}

/// Sends the approval message of each of `tokens` (already recorded in
/// the store) for `rec`. Returns the domains whose message went out, and
/// those whose message could not be sent, with why.
pub fn deliver(
    relay: &str,
    rec: &crate::model::CertificateRecord,
    tokens: &[(String, String)],
) -> (Vec<String>, Vec<(String, Error)>) {
    let arn = rec.arn.to_string();
    let (mut sent, mut failed) = (Vec::new(), Vec::new());
    for (domain, token) in tokens {
        let names: Vec<String> = rec
            .domain_validation
            .iter()
            .filter(|d| d.validation_domain == *domain)
            .map(|d| d.domain_name.clone())
            .collect();
        let message = ApprovalMessage {
            validation_domain: domain,
            names: &names,
            account: rec.arn.account(),
            region: rec.arn.region().as_str(),
            certificate_arn: &arn,
            token,
        };
        match send(relay, &message) {
            Ok(()) => sent.push(domain.clone()),
            Err(e) => failed.push((domain.clone(), e)),
        }
    }
    (sent, failed)
}

/// Gives every validation domain of `rec` (or only `only`) a fresh
/// approval token, keeping its hash in the record. Returns the domains
/// and their tokens, to send once the record is saved: a token must never
/// be mailed before the store can recognise it.
pub fn issue_tokens(rec: &mut crate::model::CertificateRecord, only: Option<&str>) -> Vec<(String, String)> {
    use crate::validation::record::{self, REASON_AWAITING_APPROVAL};
    let mut out: Vec<(String, String)> = Vec::new();
    for entry in rec.domain_validation.iter_mut() {
        if entry.validation_status == record::SUCCESS || only.is_some_and(|d| d != entry.validation_domain) {
            continue;
        }
        let token = match out.iter().find(|(d, _)| *d == entry.validation_domain) {
            Some((_, t)) => t.clone(),
            None => {
                let t = record::new_token();
                out.push((entry.validation_domain.clone(), t.clone()));
                t
            }
        };
        entry.token_sha256 = Some(record::token_hash(&token));
        entry.reason = Some(REASON_AWAITING_APPROVAL.into());
        entry.detail = Some(format!("approval email sent to the five addresses of {}", entry.validation_domain));
    }
    out
}

/// Marks a validation domain whose message could not be sent.
pub fn mark_not_sent(rec: &mut crate::model::CertificateRecord, domain: &str, why: &str) {
    for entry in rec.domain_validation.iter_mut().filter(|e| e.validation_domain == domain) {
        entry.reason = Some(crate::validation::record::REASON_EMAIL_NOT_SENT.into());
        entry.detail = Some(format!(
            "the approval email was not sent ({why}); resend it with 'acmctl cert resend-validation-email'"
        ));
    }
}
