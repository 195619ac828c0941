//! The one error type operations and commands return. It carries the exit
//! code its kind maps to, the sentence to print, an optional hint, the ACM
//! rule a refusal applies, the API error name `acmctl serve` sends, and the
//! error that caused it (printed as `caused by:` lines).

use std::fmt;

use crate::policy::Rule;

/// Exit codes, as documented in README.md and `acmctl --help`.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// Unexpected failure: I/O and the like.
    pub const FAILURE: u8 = 1;
    /// The command line itself was wrong.
    pub const USAGE: u8 = 2;
    /// Bad input: PEM, key mismatch, domain name, ARN, region, …
    pub const INVALID_INPUT: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    /// Refused by an ACM rule: cross-region, EC2, CloudFront outside us-east-1, …
    pub const REFUSED: u8 = 5;
    /// In use, still pending validation, store busy.
    pub const CONFLICT: u8 = 6;

    /// Every code with its meaning, as `acmctl --help` and README.md list
    /// them (tests compare both with this table).
    pub const TABLE: [(u8, &str); 7] = [
        (SUCCESS, "success"),
        (FAILURE, "unexpected failure (I/O and the like)"),
        (USAGE, "usage: the command line is wrong"),
        (INVALID_INPUT, "invalid input: bad PEM, key mismatch, bad domain name, ARN or region"),
        (NOT_FOUND, "not found"),
        (REFUSED, "refused by an ACM rule: cross-region, EC2, CloudFront outside us-east-1, ..."),
        (CONFLICT, "conflict: in use, still pending validation, store busy"),
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Failure,
    Usage,
    InvalidInput,
    NotFound,
    Refused,
    Conflict,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failure => exit::FAILURE,
            ErrorKind::Usage => exit::USAGE,
            ErrorKind::InvalidInput => exit::INVALID_INPUT,
            ErrorKind::NotFound => exit::NOT_FOUND,
            ErrorKind::Refused => exit::REFUSED,
            ErrorKind::Conflict => exit::CONFLICT,
        }
    }
}

type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
    /// The ACM rule that refused, for refusals of every kind.
    pub rule: Option<Rule>,
    /// The error name of the ACM or ACM PCA API for this failure, where it
    /// is more precise than the kind's (`ResourceInUseException`, …).
    pub api: Option<&'static str>,
    source: Option<Source>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The same error for another caller (one failure answered to every
    /// request of a batch); the underlying source, which need not be
    /// clonable, is left out.
    pub fn copy(&self) -> Error {
        let mut e = Error::new(self.kind, self.message.clone());
        e.hint = self.hint.clone();
        e.rule = self.rule;
        e.api = self.api;
        e
    }

    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None, rule: None, api: None, source: None }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failure, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_api(mut self, name: &'static str) -> Self {
        self.api = Some(name);
        self
    }

    /// The error this one was caused by, printed after it.
    pub fn caused_by(mut self, source: impl Into<Source>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The same error with `context` before its sentence: "context: sentence".
    pub fn context(mut self, context: impl fmt::Display) -> Self {
        self.message = format!("{context}: {}", self.message);
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// The sentences of the causes, outermost first.
    pub fn causes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut next = self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static));
        while let Some(e) = next {
            out.push(e.to_string());
            next = e.source();
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What to do about a path acmctl refuses to use, from why it refuses it.
fn unsafe_hint(path: &std::path::Path, reason: &str) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if reason.contains("symbolic link") {
        "acmctl follows no link in its store: put the directory or file itself in its place".into()
    } else if reason.contains("owned by user") {
        format!("everything acmctl uses must be yours: chown it to yourself, or use a store of your own ({name})")
    } else if name.ends_with("key.pem") || reason.contains("private key") {
        format!("a private key is readable and writable by you alone: chmod 600 {}", path.display())
    } else if reason.contains("writable by other users") && path.is_dir() {
        format!("make it yours alone: chmod 700 {}", path.display())
    } else if reason.contains("writable by other users") {
        format!("make it writable by you alone: chmod go-w {}", path.display())
    } else {
        "the store must be owned by you and writable only by you (chmod 700)".into()
    }
}

impl From<crate::store::StoreError> for Error {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError as S;
        use crate::store::pg::ErrorClass;
        let kind = match &e {
            S::Busy { .. } | S::Pg { class: ErrorClass::Busy, .. } => ErrorKind::Conflict,
            S::Unsafe { .. } => ErrorKind::Refused,
            S::Pg { class: ErrorClass::InvalidInput, .. } => ErrorKind::InvalidInput,
            S::Io { .. } | S::Corrupt { .. } | S::Pg { class: ErrorClass::Failure, .. } => ErrorKind::Failure,
        };
        let hint = match &e {
            S::Busy { .. } | S::Pg { class: ErrorClass::Busy, .. } => {
                Some("retry when the other process has finished, or raise ACMCTL_LOCK_TIMEOUT (seconds)".to_string())
            }
            S::Corrupt { .. } => Some("run 'acmctl store check' to see every problem in the store".to_string()),
            S::Unsafe { path, reason } => Some(unsafe_hint(path, reason)),
            S::Io { .. } | S::Pg { .. } => None,
        };
        let api = match &e {
            S::Busy { .. } | S::Pg { class: ErrorClass::Busy, .. } => Some("ThrottlingException"),
            _ => None,
        };
        let mut err = Error::new(kind, e.to_string());
        err.hint = hint;
        err.api = api;
        if let S::Io { source, .. } = e {
            err.source = Some(Box::new(source));
        }
        err
    }
}

impl From<crate::pki::PkiError> for Error {
    fn from(e: crate::pki::PkiError) -> Self {
        use crate::pki::PkiError as P;
        // A crypto library call that should have worked is a failure of
        // the tool, not of the input.
        let kind = match &e {
            P::Crypto(..) => ErrorKind::Failure,
            P::Invalid(_) => ErrorKind::InvalidInput,
        };
        Error::new(kind, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_listed_outermost_first_and_not_repeated_in_the_sentence() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied (os error 13)");
        let store = crate::store::StoreError::io("create", "/s/x")(io);
        let err: Error = store.into();
        assert_eq!(err.message, "cannot create /s/x");
        assert_eq!(err.causes(), vec!["Permission denied (os error 13)".to_string()]);
        assert_eq!(err.exit_code(), exit::FAILURE);
    }

    #[test]
    fn a_crypto_failure_exits_1_and_bad_input_exits_3() {
        let crypto: Error = crate::pki::PkiError::Crypto("sign", "unspecified".into()).into();
        assert_eq!(crypto.exit_code(), exit::FAILURE);
        let pem: Error = crate::pki::PkiError::Invalid("not PEM".into()).into();
        assert_eq!(pem.exit_code(), exit::INVALID_INPUT);
    }
}
