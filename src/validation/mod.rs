//! Domain validation of public certificates: the records and messages
//! ACM would ask for (`record`), and the real DNS lookups (`dns`) and SMTP
//! deliveries (`email`) that check or send them.

pub mod caa;
pub mod dns;
pub mod email;
pub mod record;
