//! GetAccountConfiguration and PutAccountConfiguration: the account's
//! settings in a region (ACM's endpoint is regional).

use super::Scope;
use crate::error::{Error, Result};
use crate::model::AccountConfiguration;

pub fn get(scope: &Scope) -> Result<AccountConfiguration> {
    scope.read(|tx| Ok(tx.account_configuration()?))
}

/// Sets how many days before expiry expiry events start (at least 1).
pub fn put(scope: &Scope, days_before_expiry: u32) -> Result<AccountConfiguration> {
    if days_before_expiry == 0 {
        return Err(Error::invalid("days before expiry must be at least 1").with_api("ValidationException"));
    }
    scope.write(|tx| {
        let mut config = tx.account_configuration()?;
        config.days_before_expiry = days_before_expiry;
        tx.save_account_configuration(&config)?;
        Ok(config)
    })
}
