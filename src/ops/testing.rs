//! What the operations' unit tests share: settings for a store in a
//! temporary directory, read from no environment at all.

use std::ffi::OsString;
use std::path::Path;

use crate::settings::{Env, Settings};

/// An environment with nothing in it.
pub struct NoEnv;

impl Env for NoEnv {
    fn var(&self, _: &str) -> Option<OsString> {
        None
    }
    fn vars(&self) -> Vec<(OsString, OsString)> {
        Vec::new()
    }
}

/// Settings for a store at `dir/store`, working in eu-west-1.
pub fn settings(dir: &Path) -> Settings {
    let mut global = crate::cli::GlobalArgs::unset();
    global.store = Some(dir.join("store"));
    global.region = Some("eu-west-1".parse().unwrap());
    Settings::resolve(&global, &NoEnv).unwrap()
}
