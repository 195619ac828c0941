//! acmctl's errors as the API names them (ACM-API.md §7): the error's own
//! API name where the failure site gave one, else the default of its kind;
//! for a refusal by a rule, the rule in `x-acmctl-rule` and in the message,
//! `Sentence. [acmctl rule <id>: <why>; <hint>]`.

use crate::error::Error;
use crate::serve::error::{ApiError, default_code};
use crate::serve::operation::Service;

/// The errors ACM Private CA's model has; a name only ACM has is replaced
/// by the nearest of these, so that a PCA client can parse every answer.
const PCA_ERRORS: [&str; 19] = [
    "CertificateMismatchException",
    "ConcurrentModificationException",
    "InvalidArgsException",
    "InvalidArnException",
    "InvalidNextTokenException",
    "InvalidPolicyException",
    "InvalidRequestException",
    "InvalidStateException",
    "InvalidTagException",
    "LimitExceededException",
    "LockoutPreventedException",
    "MalformedCSRException",
    "MalformedCertificateException",
    "PermissionAlreadyExistsException",
    "RequestAlreadyProcessedException",
    "RequestFailedException",
    "RequestInProgressException",
    "ResourceNotFoundException",
    "TooManyTagsException",
];

fn pca_equivalent(code: &'static str) -> &'static str {
    if PCA_ERRORS.contains(&code) {
        return code;
    }
    match code {
        "ThrottlingException" => "ConcurrentModificationException",
        "ResourceInUseException" => "InvalidStateException",
        "ConflictException" => "RequestAlreadyProcessedException",
        "InternalServerException" => "RequestFailedException",
        "TagPolicyException" => "InvalidTagException",
        "ValidationException" | "InvalidParameterException" | "InvalidDomainValidationOptionsException" => {
            "InvalidArgsException"
        }
        _ => "InvalidRequestException",
    }
}

/// An AWS-style sentence: a capital first letter and a full stop.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect::<String>(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The message of `e` without what the CLI puts before a refusal
/// ("refused by rule x: ") or an API name the sentence repeats.
fn bare_message(e: &Error) -> &str {
    let mut m = e.message.as_str();
    if let Some(rule) = e.rule {
        m = m.strip_prefix(&format!("refused by rule {}: ", rule.id())).unwrap_or(m);
    }
    if let Some((head, rest)) = m.split_once(": ")
        && head.ends_with("Exception")
        && !head.contains(' ')
    {
        m = rest;
    }
    m
}

/// `e` as the API error of `service`.
pub fn api_error(service: Service, e: &Error) -> ApiError {
    api_error_with(service, e, None)
}

/// The same, with `lead` as the sentence in place of the error's own (an
/// answer whose words clients know, such as DeleteCertificate's in-use
/// message); the error's sentence then follows it.
pub fn api_error_with(service: Service, e: &Error, lead: Option<&str>) -> ApiError {
    let (default, status) = default_code(service, e.kind);
    let mut code = e.api.unwrap_or(default);
    if service == Service::Pca {
        code = pca_equivalent(code);
    }
    let own = sentence(bare_message(e));
    let mut message = match lead {
        Some(lead) => format!("{} {own}", sentence(lead)),
        None => own,
    };
    if let Some(rule) = e.rule {
        message.push_str(&format!(" [acmctl rule {}: {}", rule.id(), rule.words()));
        if let Some(hint) = &e.hint {
            message.push_str(&format!("; {hint}"));
        }
        message.push(']');
    }
    let fault = e.api.is_none() && status == 500 || code == "InternalServerException";
    let mut out = if fault { ApiError::fault(code, message) } else { ApiError::new(code, message) };
    if let Some(rule) = e.rule {
        out = out.with_rule(rule.id());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Refusal, Rule};

    #[test]
    fn a_refusal_names_its_rule_in_the_message_and_the_header() {
        let e: Error = Refusal::new(
            Rule::RegionalResource,
            "certificate X exists in region eu-west-1, but this command works in region us-east-1",
            "run the command with --region eu-west-1",
        )
        .into();
        let a = api_error(Service::Acm, &e);
        assert_eq!(
            (a.code.as_str(), a.status, a.rule.as_deref()),
            ("ResourceNotFoundException", 400, Some("regional-resource"))
        );
        assert_eq!(
            a.message,
            "Certificate X exists in region eu-west-1, but this command works in region us-east-1. \
             [acmctl rule regional-resource: ACM resources are regional and are used only from their own region; \
             run the command with --region eu-west-1]"
        );
    }

    #[test]
    fn kinds_fall_back_to_the_contract_s_defaults_and_pca_gets_its_own_names() {
        let busy = Error::conflict("the store is busy").with_api("ThrottlingException");
        assert_eq!(api_error(Service::Acm, &busy).code, "ThrottlingException");
        assert_eq!(api_error(Service::Pca, &busy).code, "ConcurrentModificationException");
        let io = Error::failure("cannot write x");
        assert_eq!(
            (api_error(Service::Acm, &io).code.as_str(), api_error(Service::Acm, &io).status),
            ("InternalServerException", 500)
        );
        assert_eq!(
            (api_error(Service::Pca, &io).code.as_str(), api_error(Service::Pca, &io).status),
            ("RequestFailedException", 400)
        );
        let bad = Error::invalid("bad").with_api("ValidationException");
        assert_eq!(api_error(Service::Pca, &bad).code, "InvalidArgsException");
        assert_eq!(api_error(Service::Acm, &Error::not_found("gone")).message, "Gone.");
    }

    #[test]
    fn a_lead_sentence_goes_first() {
        let e: Error =
            Refusal::new(Rule::DeleteNotInUse, "ResourceInUseException: certificate A is in use by T", "remove it")
                .into();
        let a = api_error_with(Service::Acm, &e, Some("Certificate A in account 1 is in use."));
        assert_eq!(a.code, "ResourceInUseException");
        assert!(
            a.message.starts_with(
                "Certificate A in account 1 is in use. Certificate A is in use by T. [acmctl rule delete-not-in-use: "
            ),
            "{}",
            a.message
        );
    }
}
