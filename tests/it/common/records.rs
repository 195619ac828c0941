//! A store's records read (and, to stage a case, changed) beneath acmctl,
//! on either engine: the record files of a directory store, the rows of a
//! store on PostgreSQL. For the few assertions no command shows: a
//! record's version, every reserved serial.

use std::path::PathBuf;

use super::pg::cluster;
use super::{Env, id};

impl Env {
    /// The directory of this machine's files of the store (deployments,
    /// serve's credentials): the store itself, or for a store on
    /// PostgreSQL the platform data directory under HOME.
    pub fn local_dir(&self) -> PathBuf {
        let on_pg = self.vars.iter().any(|(k, v)| k == "ACMCTL_HOME" && v.starts_with("postgres"));
        if on_pg { self.path("home/.local/share/acmctl") } else { self.store.clone() }
    }

    fn cert_file(&self, region: &str, arn: &str) -> PathBuf {
        self.store.join("regions").join(region).join("certificates").join(id(arn)).join("certificate.toml")
    }

    /// One field of a certificate's record (`version`, `serial`, `type`),
    /// as the engine spells it; None when there is no such certificate.
    pub fn cert_field(&self, region: &str, arn: &str, field: &str) -> Option<String> {
        if let Some(schema) = &self.pg_schema {
            let value = cluster().psql(&format!(
                "SELECT {field}::text FROM {schema}.certificates WHERE region = '{region}' AND id = '{}'",
                id(arn)
            ));
            return (!value.is_empty()).then_some(value);
        }
        let text = std::fs::read_to_string(self.cert_file(region, arn)).ok()?;
        let prefix = format!("{field} = ");
        let line = text.lines().find(|l| l.starts_with(&prefix))?;
        Some(line[prefix.len()..].trim_matches('"').to_string())
    }

    /// Every certificate's `field` in `region`.
    pub fn cert_fields(&self, region: &str, field: &str) -> Vec<String> {
        if let Some(schema) = &self.pg_schema {
            let rows = cluster().psql(&format!("SELECT {field}::text FROM {schema}.certificates WHERE region = '{region}'"));
            return rows.lines().map(str::to_string).collect();
        }
        let dir = self.store.join("regions").join(region).join("certificates");
        let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
        let mut out = Vec::new();
        for e in entries.flatten().filter(|e| !e.file_name().to_string_lossy().starts_with('.')) {
            let arn = format!("certificate/{}", e.file_name().to_string_lossy());
            out.extend(self.cert_field(region, &arn, field));
        }
        out
    }

    /// Changes a certificate's type in its record, as an import would
    /// have made it.
    pub fn set_cert_type(&self, region: &str, arn: &str, cert_type: &str) {
        if let Some(schema) = &self.pg_schema {
            cluster().psql(&format!(
                "UPDATE {schema}.certificates SET type = '{cert_type}', record = jsonb_set(record, '{{type}}', '\"{cert_type}\"') \
                 WHERE region = '{region}' AND id = '{}'",
                id(arn)
            ));
            return;
        }
        let file = self.cert_file(region, arn);
        let text = std::fs::read_to_string(&file).unwrap();
        let line = text.lines().find(|l| l.starts_with("type = ")).expect("a record names its type").to_string();
        std::fs::write(&file, text.replace(&line, &format!("type = \"{cert_type}\""))).unwrap();
    }

    /// How many serials the authority `ca` has reserved.
    pub fn reserved_serials(&self, region: &str, ca: &str) -> usize {
        if let Some(schema) = &self.pg_schema {
            let n = cluster().psql(&format!(
                "SELECT count(*) FROM {schema}.serials WHERE region = '{region}' AND authority_id = '{}'",
                id(ca)
            ));
            return n.parse().unwrap();
        }
        let dir = self.store.join("regions").join(region).join("authorities").join(id(ca)).join("serials");
        std::fs::read_dir(dir).unwrap().flatten().filter(|e| !e.file_name().to_string_lossy().starts_with('.')).count()
    }
}
