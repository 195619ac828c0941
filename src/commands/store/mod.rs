pub mod check;
pub mod copy;
pub mod init;
pub mod migrate;
