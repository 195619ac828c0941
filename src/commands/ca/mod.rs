pub mod certificate;
pub mod crl;
pub mod describe;
pub mod init;
pub mod list;

/// How long each CRL an authority signs is valid.
pub const CRL_DAYS: i64 = 7;
