//! The one error type commands return. It carries the exit code its kind
//! maps to, the sentence to print, and an optional hint.

use std::fmt;

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

#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None }
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

    /// A refusal by one of ACM's rules; the rule's name leads the sentence.
    pub fn refused(rule: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Refused, format!("{rule}: {}", message.into()))
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<crate::store::StoreError> for Error {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError as S;
        let kind = match &e {
            S::Busy { .. } => ErrorKind::Conflict,
            S::Unsafe { .. } => ErrorKind::Refused,
            S::Io { .. } | S::Corrupt { .. } => ErrorKind::Failure,
        };
        let hint = match &e {
            S::Busy { .. } => Some("retry when the other process has finished, or raise ACMCTL_LOCK_TIMEOUT (seconds)"),
            S::Corrupt { .. } => Some("run 'acmctl store check' to see every problem in the store"),
            S::Unsafe { .. } => Some("the store must be owned by you and writable only by you (chmod 700)"),
            S::Io { .. } => None,
        };
        let mut err = Error::new(kind, e.to_string());
        err.hint = hint.map(str::to_string);
        err
    }
}

impl From<crate::pki::PkiError> for Error {
    fn from(e: crate::pki::PkiError) -> Self {
        Error::new(ErrorKind::InvalidInput, e.to_string())
    }
}
