pub mod certificate;
pub mod crl;
pub mod describe;
pub mod init;
pub mod list;
