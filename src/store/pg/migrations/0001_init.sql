-- acmctl store schema, version 1 (STORE-ENGINES.md §5.2).
--
-- Applied by src/store/pg/schema.rs in one transaction, in the first schema
-- of the search_path (one store per database, or per schema). Portable SQL:
-- no PL/pgSQL, no triggers, no advisory locks here (the runner takes one).
-- The region is part of every key: ARNs and ACM's rules are per region.
-- Records keep their full shape in `record` (jsonb); the columns beside it
-- are what queries filter, order, join and constrain on.

-- The store itself: one row.
CREATE TABLE acmctl_meta (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    account_id text NOT NULL CHECK (account_id ~ '^[0-9]{12}$'),
    store_id uuid NOT NULL,
    -- HMAC-SHA256(store key, constant) and the key's id: a wrong store key
    -- file is refused at open. NULL until the store has a store key.
    key_id text CHECK (key_id ~ '^[0-9a-f]{16}$'),
    key_check bytea CHECK (octet_length(key_check) = 32),
    created_at timestamptz NOT NULL,
    CHECK ((key_id IS NULL) = (key_check IS NULL))
);

-- A region's row exists once anything was written there; locking it
-- (SELECT … FOR UPDATE) serialises the rare region-wide decisions.
CREATE TABLE regions (
    region text PRIMARY KEY CHECK (region ~ '^[a-z]{2,}(-[a-z]+)+-[0-9]+$'),
    created_at timestamptz NOT NULL
);

-- Chains shared by many certificates, stored once by their SHA-256.
CREATE TABLE chains (
    sha256 bytea PRIMARY KEY CHECK (octet_length(sha256) = 32),
    pem text NOT NULL
);

CREATE TABLE authorities (
    region text NOT NULL REFERENCES regions (region),
    id uuid NOT NULL,
    mode text NOT NULL,
    type text NOT NULL,
    parent_id uuid,
    common_name text NOT NULL,
    key_algorithm text NOT NULL,
    -- The authority certificate's own serial; empty while it waits for
    -- its certificate (PENDING_CERTIFICATE).
    serial bytea NOT NULL CHECK (octet_length(serial) <= 20),
    not_before timestamptz NOT NULL,
    not_after timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    certificate_pem text NOT NULL,
    chain_pem text NOT NULL,
    -- The chain of the certificates it signs.
    issued_chain_sha256 bytea REFERENCES chains (sha256),
    -- The private key, sealed on the client (seal.rs); PBES2 inside when
    -- key_passphrase_encrypted.
    key_sealed bytea NOT NULL,
    key_passphrase_encrypted boolean NOT NULL DEFAULT false,
    -- The number of the CRL last issued; bumped with UPDATE … RETURNING.
    crl_number bigint NOT NULL DEFAULT 0 CHECK (crl_number >= 0),
    -- The current CRL, and the CSR of an authority created with one.
    crl_pem text NOT NULL DEFAULT '',
    csr_pem text NOT NULL DEFAULT '',
    record jsonb NOT NULL,
    PRIMARY KEY (region, id),
    FOREIGN KEY (region, parent_id) REFERENCES authorities (region, id)
);

-- Serials are reserved before anything is signed with them: the primary
-- key makes a serial unique per authority, and the foreign keys below make
-- a certificate, version or revocation with an unreserved serial
-- impossible to store. Runners may get INSERT only (no UPDATE, DELETE).
CREATE TABLE serials (
    region text NOT NULL,
    authority_id uuid NOT NULL,
    serial bytea NOT NULL CHECK (octet_length(serial) BETWEEN 1 AND 20),
    reserved_at timestamptz NOT NULL,
    PRIMARY KEY (region, authority_id, serial),
    FOREIGN KEY (region, authority_id) REFERENCES authorities (region, id)
);

CREATE TABLE certificates (
    region text NOT NULL REFERENCES regions (region),
    id uuid NOT NULL,
    type text NOT NULL,
    status text NOT NULL,
    -- Set for certificates this store's authorities issued; NULL for
    -- imported and public ones (then the serial is not checked).
    authority_id uuid,
    serial bytea CHECK (octet_length(serial) BETWEEN 1 AND 20),
    domain_name text NOT NULL,
    sans text[] NOT NULL DEFAULT '{}',
    key_algorithm text NOT NULL,
    -- The current version (certificate_versions); 0 while there is none.
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    not_before timestamptz,
    not_after timestamptz,
    created_at timestamptz NOT NULL,
    issued_at timestamptz,
    imported_at timestamptz,
    revoked_at timestamptz,
    revocation_reason text,
    exported boolean NOT NULL DEFAULT false,
    renewal_status text,
    record jsonb NOT NULL,
    PRIMARY KEY (region, id),
    FOREIGN KEY (region, authority_id) REFERENCES authorities (region, id),
    CONSTRAINT certificates_serial_reserved
        FOREIGN KEY (region, authority_id, serial) REFERENCES serials (region, authority_id, serial)
);
-- `cert list` in creation order with keyset pagination, and expiry sweeps.
CREATE INDEX certificates_by_created ON certificates (region, created_at, id);
CREATE INDEX certificates_by_not_after ON certificates (region, not_after);

CREATE TABLE certificate_versions (
    region text NOT NULL,
    certificate_id uuid NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    authority_id uuid,
    serial bytea CHECK (octet_length(serial) BETWEEN 1 AND 20),
    certificate_pem text NOT NULL,
    chain_sha256 bytea REFERENCES chains (sha256),
    key_sealed bytea NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (region, certificate_id, version),
    FOREIGN KEY (region, certificate_id) REFERENCES certificates (region, id) ON DELETE CASCADE,
    CONSTRAINT certificate_versions_serial_reserved
        FOREIGN KEY (region, authority_id, serial) REFERENCES serials (region, authority_id, serial)
);

CREATE TABLE tags (
    region text NOT NULL,
    certificate_id uuid NOT NULL,
    key text NOT NULL,
    value text NOT NULL DEFAULT '',
    PRIMARY KEY (region, certificate_id, key),
    FOREIGN KEY (region, certificate_id) REFERENCES certificates (region, id) ON DELETE CASCADE
);

-- Deployments belong to the host that made them (§5.7): each host
-- redeploys only its own rows. A certificate with deployments cannot be
-- deleted (ACM's ResourceInUseException; no cascade).
CREATE TABLE deployments (
    region text NOT NULL,
    certificate_id uuid NOT NULL,
    target text NOT NULL,
    host_id text NOT NULL CHECK (host_id <> ''),
    dest text NOT NULL,
    exec text,
    endpoint_type text,
    deployed_version integer NOT NULL CHECK (deployed_version >= 1),
    deployed_at timestamptz NOT NULL,
    PRIMARY KEY (region, certificate_id, target, host_id),
    FOREIGN KEY (region, certificate_id) REFERENCES certificates (region, id)
);
CREATE INDEX deployments_by_host ON deployments (region, host_id);

-- Revocations are final: runners may get INSERT only. No key to
-- certificates: a revoked serial stays on the CRL after a delete.
CREATE TABLE revocations (
    region text NOT NULL,
    authority_id uuid NOT NULL,
    serial bytea NOT NULL,
    certificate_id uuid,
    revoked_at timestamptz NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (region, authority_id, serial),
    CONSTRAINT revocations_serial_reserved
        FOREIGN KEY (region, authority_id, serial) REFERENCES serials (region, authority_id, serial)
);

CREATE TABLE crls (
    region text NOT NULL,
    authority_id uuid NOT NULL,
    crl_number bigint NOT NULL CHECK (crl_number >= 1),
    this_update timestamptz NOT NULL,
    next_update timestamptz NOT NULL,
    pem text NOT NULL,
    PRIMARY KEY (region, authority_id, crl_number),
    FOREIGN KEY (region, authority_id) REFERENCES authorities (region, id)
);

-- RequestCertificate's idempotency tokens (§5.6): the primary key makes
-- one runner win a token; the certificate row may come later in the same
-- transaction (deferred key).
CREATE TABLE idempotency (
    region text NOT NULL REFERENCES regions (region),
    token text NOT NULL,
    fingerprint text NOT NULL,
    -- RequestCertificate's tokens name a certificate; ACM Private CA's
    -- name what they made by ARN (resource_arn).
    certificate_id uuid,
    resource_arn text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (region, token),
    FOREIGN KEY (region, certificate_id) REFERENCES certificates (region, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

-- Certificates an authority signed for a CSR (ACM Private CA's
-- IssueCertificate): no key and no ACM record, found by serial.
CREATE TABLE issued_certificates (
    region text NOT NULL,
    authority_id uuid NOT NULL,
    -- The serial as a number in hex, without leading zeros.
    serial_hex text NOT NULL CHECK (serial_hex ~ '^[0-9a-f]+$'),
    serial bytea NOT NULL,
    record jsonb NOT NULL,
    PRIMARY KEY (region, authority_id, serial_hex),
    CONSTRAINT issued_certificates_serial_reserved
        FOREIGN KEY (region, authority_id, serial) REFERENCES serials (region, authority_id, serial)
);

-- The account's settings in a region (GetAccountConfiguration).
CREATE TABLE account_configurations (
    region text PRIMARY KEY REFERENCES regions (region),
    record jsonb NOT NULL
);
