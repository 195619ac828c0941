//! API errors as JSON 1.1 sends them: `{"__type": "Name", "message": "…"}`,
//! status 400 for every client error (auth included) and 500 only for
//! faults (ACM-API.md §2.2, §12); a refusal by one of acmctl's rules also
//! names the rule in `x-acmctl-rule`.

use std::fmt;

use crate::error::ErrorKind;
use crate::serve::operation::{Operation, Service};
use crate::serve::sigv4::AuthError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The error shape's bare name, `ResourceNotFoundException`.
    pub code: String,
    pub message: String,
    /// 400, or 500 for a fault.
    pub status: u16,
    /// The acmctl rule that refused, sent as `x-acmctl-rule`.
    pub rule: Option<String>,
}

impl ApiError {
    /// A client error (400).
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError { code: code.into(), message: message.into(), status: 400, rule: None }
    }

    /// A fault (500), which SDKs retry.
    pub fn fault(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError { status: 500, ..ApiError::new(code, message) }
    }

    pub fn with_rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    pub fn validation(message: impl Into<String>) -> Self {
        ApiError::new("ValidationException", message)
    }

    pub fn serialization(message: impl Into<String>) -> Self {
        ApiError::new("SerializationException", message)
    }

    pub fn unknown_operation(target: &str) -> Self {
        let shown: String = target.chars().take(200).collect();
        ApiError::new("UnknownOperationException", format!("Unknown operation: '{shown}'."))
    }

    /// An operation of the model that acmctl does not answer: 400, not a
    /// fault, so that SDKs do not retry it.
    pub fn unsupported(op: Operation) -> Self {
        ApiError::new("UnsupportedOperationException", format!("acmctl serve does not implement {}", op.name()))
    }

    /// A fault of serve itself: ACM's modelled `InternalServerException`;
    /// ACM PCA models none, so AWS's common `InternalFailure`.
    pub fn internal(service: Service, message: impl Into<String>) -> Self {
        match service {
            Service::Acm => ApiError::fault("InternalServerException", message),
            Service::Pca => ApiError::fault("InternalFailure", message),
        }
    }

    /// The body of the error response.
    pub fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({ "__type": self.code, "message": self.message }))
            .expect("strings serialise")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        ApiError::new(e.code.as_str(), e.message)
    }
}

/// The error an acmctl error kind becomes when the failure site named no
/// API code (ACM-API.md §7's defaults; rules map by rule id). For the
/// operations layer's `Api` implementation.
pub fn default_code(service: Service, kind: ErrorKind) -> (&'static str, u16) {
    match (kind, service) {
        (ErrorKind::Usage, _) => ("ValidationException", 400),
        (ErrorKind::InvalidInput, Service::Acm) => ("ValidationException", 400),
        (ErrorKind::InvalidInput, Service::Pca) => ("InvalidArgsException", 400),
        (ErrorKind::NotFound, _) => ("ResourceNotFoundException", 400),
        (ErrorKind::Refused, Service::Acm) => ("ValidationException", 400),
        (ErrorKind::Refused, Service::Pca) => ("InvalidRequestException", 400),
        (ErrorKind::Conflict, _) => ("InvalidStateException", 400),
        (ErrorKind::Failure, Service::Acm) => ("InternalServerException", 500),
        (ErrorKind::Failure, Service::Pca) => ("RequestFailedException", 400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::operation::AcmOperation;

    #[test]
    fn errors_serialise_as_json_1_1_expects() {
        let e = ApiError::new("ResourceNotFoundException", "Could not find certificate \"x\".")
            .with_rule("regional-resource");
        let body: serde_json::Value = serde_json::from_slice(&e.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"__type": "ResourceNotFoundException", "message": "Could not find certificate \"x\"."})
        );
        assert_eq!((e.status, e.rule.as_deref()), (400, Some("regional-resource")));
        let u = ApiError::unsupported(Operation::Acm(AcmOperation::SearchCertificates));
        assert_eq!(
            (u.code.as_str(), u.message.as_str()),
            ("UnsupportedOperationException", "acmctl serve does not implement SearchCertificates")
        );
        assert_eq!(ApiError::internal(Service::Acm, "x").status, 500);
    }

    #[test]
    fn failures_are_faults_only_where_the_model_says_so() {
        assert_eq!(default_code(Service::Acm, ErrorKind::Failure), ("InternalServerException", 500));
        assert_eq!(default_code(Service::Pca, ErrorKind::Failure), ("RequestFailedException", 400));
        assert_eq!(default_code(Service::Pca, ErrorKind::InvalidInput).0, "InvalidArgsException");
    }
}
