pub mod check;
pub mod init;
pub mod migrate;
