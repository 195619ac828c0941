
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'acmctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'acmctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'acmctl' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Certificate authorities: private roots and subordinates, the public authority')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Certificates: request, validate, read, export, revoke and delete')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'The account''s settings in the region')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a certificate, its private key and chain (ImportCertificate)')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a certificate to an ACM-integrated service')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew certificates: managed renewal (RenewCertificate)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the ACM and ACM Private CA APIs to the aws CLI, the SDKs and Terraform')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The store itself')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;ca' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a certificate authority in the current region')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the certificate authorities of the current region')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one certificate authority (DescribeCertificateAuthority)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Print an authority''s certificate and chain, to install as trust')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Print an authority''s current certificate revocation list (CRL)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Print an authority''s certificate signing request (GetCertificateAuthorityCsr)')
            [CompletionResult]::new('import-certificate', 'import-certificate', [CompletionResultType]::ParameterValue, 'Install an authority''s certificate (ImportCertificateAuthorityCertificate)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Sign a certificate signing request with an authority (IssueCertificate)')
            [CompletionResult]::new('get-certificate', 'get-certificate', [CompletionResultType]::ParameterValue, 'Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate by its serial (RevokeCertificate of ACM PCA)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Enable, disable or reconfigure an authority (UpdateCertificateAuthority)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an authority, restorable for a while (DeleteCertificateAuthority)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a deleted authority within its window (RestoreCertificateAuthority)')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Add, remove and list an authority''s tags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;ca;init' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Which kind of authority: private (ACM Private CA) or public')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'ROOT (self-signed) or SUBORDINATE (signed by --parent)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'ARN of the parent authority of a subordinate; it must be in the same region')
            [CompletionResult]::new('--common-name', '--common-name', [CompletionResultType]::ParameterName, 'Subject common name (of the intermediate, for --mode public) [default: a name with the region and the authority type]')
            [CompletionResult]::new('--key-algorithm', '--key-algorithm', [CompletionResultType]::ParameterName, 'RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1 or EC_secp521r1')
            [CompletionResult]::new('--validity-days', '--validity-days', [CompletionResultType]::ParameterName, 'How long the authority''s certificate is valid')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Keep the new authority''s key encrypted (PKCS#8, PBES2) with the passphrase in this file [env: ACMCTL_CA_PASSPHRASE]')
            [CompletionResult]::new('--parent-passphrase-file', '--parent-passphrase-file', [CompletionResultType]::ParameterName, 'File with the passphrase of the parent''s encrypted key [env: ACMCTL_CA_PASSPHRASE]')
            [CompletionResult]::new('--crl-cname', '--crl-cname', [CompletionResultType]::ParameterName, 'Publish the CRL at http://NAME/crl/<id>.crl and name it in the certificates issued')
            [CompletionResult]::new('--crl-expiration-days', '--crl-expiration-days', [CompletionResultType]::ParameterName, 'How long each CRL is valid, in days (1 to 5000) [default: 7]')
            [CompletionResult]::new('--ocsp-cname', '--ocsp-cname', [CompletionResultType]::ParameterName, 'Answer OCSP at http://NAME/ocsp and name it in the certificates issued')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--pending-certificate', '--pending-certificate', [CompletionResultType]::ParameterName, 'Make the key and its CSR only, PENDING_CERTIFICATE, as CreateCertificateAuthority does')
            [CompletionResult]::new('--omit-crl-extension', '--omit-crl-extension', [CompletionResultType]::ParameterName, 'Publish the CRL, but leave its distribution point out of the certificates issued')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;list' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;describe' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;certificate' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;crl' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;csr' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;import-certificate' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--certificate', '--certificate', [CompletionResultType]::ParameterName, 'The authority''s certificate, PEM')
            [CompletionResult]::new('--certificate-chain', '--certificate-chain', [CompletionResultType]::ParameterName, 'The chain above it, PEM, its issuer first (subordinates)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;issue' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--csr', '--csr', [CompletionResultType]::ParameterName, 'The certificate signing request, PEM')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'The template, as its name or ARN [default: EndEntityCertificate/V1]')
            [CompletionResult]::new('--validity-days', '--validity-days', [CompletionResultType]::ParameterName, 'How long the certificate is valid')
            [CompletionResult]::new('--idempotency-token', '--idempotency-token', [CompletionResultType]::ParameterName, 'Returns the same certificate for the same request within 5 minutes')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;get-certificate' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--certificate-arn', '--certificate-arn', [CompletionResultType]::ParameterName, 'ARN of the certificate, as ''acmctl ca issue'' printed it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;revoke' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'The certificate''s serial number, hex')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the certificate is revoked')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;update' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'ACTIVE or DISABLED')
            [CompletionResult]::new('--crl-cname', '--crl-cname', [CompletionResultType]::ParameterName, 'Publish the CRL at http://NAME/crl/<id>.crl and name it in the certificates issued')
            [CompletionResult]::new('--crl-expiration-days', '--crl-expiration-days', [CompletionResultType]::ParameterName, 'How long each CRL is valid, in days (1 to 5000) [default: 7]')
            [CompletionResult]::new('--ocsp-cname', '--ocsp-cname', [CompletionResultType]::ParameterName, 'Answer OCSP at http://NAME/ocsp and name it in the certificates issued')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--omit-crl-extension', '--omit-crl-extension', [CompletionResultType]::ParameterName, 'Publish the CRL, but leave its distribution point out of the certificates issued')
            [CompletionResult]::new('--no-crl', '--no-crl', [CompletionResultType]::ParameterName, 'Stop publishing the CRL''s distribution point in new certificates')
            [CompletionResult]::new('--no-ocsp', '--no-ocsp', [CompletionResultType]::ParameterName, 'Stop answering OCSP and naming the responder in new certificates')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;delete' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--permanent-deletion-days', '--permanent-deletion-days', [CompletionResultType]::ParameterName, 'Days it can be restored (7 to 30)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;restore' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;tags' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate authority (TagCertificateAuthority)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate authority (UntagCertificateAuthority)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate authority''s tags (ListTags)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;ca;tags;add' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags as KEY=VALUE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;tags;remove' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags as KEY or KEY=VALUE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;tags;list' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;ca;tags;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate authority (TagCertificateAuthority)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate authority (UntagCertificateAuthority)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate authority''s tags (ListTags)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;ca;tags;help;add' {
            break
        }
        'acmctl;ca;tags;help;remove' {
            break
        }
        'acmctl;ca;tags;help;list' {
            break
        }
        'acmctl;ca;tags;help;help' {
            break
        }
        'acmctl;ca;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a certificate authority in the current region')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the certificate authorities of the current region')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one certificate authority (DescribeCertificateAuthority)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Print an authority''s certificate and chain, to install as trust')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Print an authority''s current certificate revocation list (CRL)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Print an authority''s certificate signing request (GetCertificateAuthorityCsr)')
            [CompletionResult]::new('import-certificate', 'import-certificate', [CompletionResultType]::ParameterValue, 'Install an authority''s certificate (ImportCertificateAuthorityCertificate)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Sign a certificate signing request with an authority (IssueCertificate)')
            [CompletionResult]::new('get-certificate', 'get-certificate', [CompletionResultType]::ParameterValue, 'Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate by its serial (RevokeCertificate of ACM PCA)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Enable, disable or reconfigure an authority (UpdateCertificateAuthority)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an authority, restorable for a while (DeleteCertificateAuthority)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a deleted authority within its window (RestoreCertificateAuthority)')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Add, remove and list an authority''s tags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;ca;help;init' {
            break
        }
        'acmctl;ca;help;list' {
            break
        }
        'acmctl;ca;help;describe' {
            break
        }
        'acmctl;ca;help;certificate' {
            break
        }
        'acmctl;ca;help;crl' {
            break
        }
        'acmctl;ca;help;csr' {
            break
        }
        'acmctl;ca;help;import-certificate' {
            break
        }
        'acmctl;ca;help;issue' {
            break
        }
        'acmctl;ca;help;get-certificate' {
            break
        }
        'acmctl;ca;help;revoke' {
            break
        }
        'acmctl;ca;help;update' {
            break
        }
        'acmctl;ca;help;delete' {
            break
        }
        'acmctl;ca;help;restore' {
            break
        }
        'acmctl;ca;help;tags' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate authority (TagCertificateAuthority)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate authority (UntagCertificateAuthority)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate authority''s tags (ListTags)')
            break
        }
        'acmctl;ca;help;tags;add' {
            break
        }
        'acmctl;ca;help;tags;remove' {
            break
        }
        'acmctl;ca;help;tags;list' {
            break
        }
        'acmctl;ca;help;help' {
            break
        }
        'acmctl;cert' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Request a certificate (RequestCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the certificates of the current region (ListCertificates)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one certificate (DescribeCertificate)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a certificate and its chain in PEM (GetCertificate)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a private certificate with its key, encrypted (ExportCertificate)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a certificate and its key (DeleteCertificate)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a public certificate''s domains, and issue it once all are')
            [CompletionResult]::new('resend-validation-email', 'resend-validation-email', [CompletionResultType]::ParameterValue, 'Send the validation email again (ResendValidationEmail)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a private certificate and re-sign its authority''s CRL (RevokeCertificate)')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Add, remove and list a certificate''s tags')
            [CompletionResult]::new('update-options', 'update-options', [CompletionResultType]::ParameterValue, 'Change a certificate''s options (UpdateCertificateOptions)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;cert;request' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--domain-name', '--domain-name', [CompletionResultType]::ParameterName, 'The certificate''s first name, also its subject common name')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'Issue one private certificate per line of FILE (names separated by spaces)')
            [CompletionResult]::new('--subject-alternative-names', '--subject-alternative-names', [CompletionResultType]::ParameterName, 'More names for the certificate')
            [CompletionResult]::new('--validation-method', '--validation-method', [CompletionResultType]::ParameterName, 'How a public certificate''s domains are validated: DNS (the default) or EMAIL')
            [CompletionResult]::new('--validation-domain', '--validation-domain', [CompletionResultType]::ParameterName, 'EMAIL validation: the domain whose addresses approve, the names'' own or a parent of them [default: each name without ''*.'']')
            [CompletionResult]::new('--certificate-authority-arn', '--certificate-authority-arn', [CompletionResultType]::ParameterName, 'The private authority that issues the certificate')
            [CompletionResult]::new('--key-algorithm', '--key-algorithm', [CompletionResultType]::ParameterName, 'RSA_2048, EC_prime256v1 or EC_secp384r1')
            [CompletionResult]::new('--idempotency-token', '--idempotency-token', [CompletionResultType]::ParameterName, 'Returns the same certificate for the same request within one hour (1-32 word characters)')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags as KEY=VALUE')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'A public certificate whose key may be exported (''cert export''), and which may then be revoked (Options.Export ENABLED; fixed at request time)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;list' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED)')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Only these key algorithms (RSA_2048, EC_prime256v1, EC_secp384r1, …)')
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Only certificates whose not-after falls within DAYS from now (already expired ones included)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;describe' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;get' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;export' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase that encrypts the exported key')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;delete' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;validate' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--nameserver', '--nameserver', [CompletionResultType]::ParameterName, 'DNS server to ask, HOST:PORT [default: ACMCTL_NAMESERVER, config file, system resolver]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'EMAIL validation: the approval token from the validation email')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;resend-validation-email' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Only the validation domain D (as in DomainValidationOptions'' ValidationDomain)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;revoke' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the certificate is revoked')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;tags' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate (AddTagsToCertificate)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate (RemoveTagsFromCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate''s tags (ListTagsForCertificate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;cert;tags;add' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags as KEY=VALUE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;tags;remove' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags as KEY or KEY=VALUE')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;tags;list' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;tags;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate (AddTagsToCertificate)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate (RemoveTagsFromCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate''s tags (ListTagsForCertificate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;cert;tags;help;add' {
            break
        }
        'acmctl;cert;tags;help;remove' {
            break
        }
        'acmctl;cert;tags;help;list' {
            break
        }
        'acmctl;cert;tags;help;help' {
            break
        }
        'acmctl;cert;update-options' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--certificate-transparency-logging-preference', '--certificate-transparency-logging-preference', [CompletionResultType]::ParameterName, 'ENABLED or DISABLED')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;cert;help' {
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Request a certificate (RequestCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the certificates of the current region (ListCertificates)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one certificate (DescribeCertificate)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a certificate and its chain in PEM (GetCertificate)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a private certificate with its key, encrypted (ExportCertificate)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a certificate and its key (DeleteCertificate)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a public certificate''s domains, and issue it once all are')
            [CompletionResult]::new('resend-validation-email', 'resend-validation-email', [CompletionResultType]::ParameterValue, 'Send the validation email again (ResendValidationEmail)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a private certificate and re-sign its authority''s CRL (RevokeCertificate)')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Add, remove and list a certificate''s tags')
            [CompletionResult]::new('update-options', 'update-options', [CompletionResultType]::ParameterValue, 'Change a certificate''s options (UpdateCertificateOptions)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;cert;help;request' {
            break
        }
        'acmctl;cert;help;list' {
            break
        }
        'acmctl;cert;help;describe' {
            break
        }
        'acmctl;cert;help;get' {
            break
        }
        'acmctl;cert;help;export' {
            break
        }
        'acmctl;cert;help;delete' {
            break
        }
        'acmctl;cert;help;validate' {
            break
        }
        'acmctl;cert;help;resend-validation-email' {
            break
        }
        'acmctl;cert;help;revoke' {
            break
        }
        'acmctl;cert;help;tags' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate (AddTagsToCertificate)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate (RemoveTagsFromCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate''s tags (ListTagsForCertificate)')
            break
        }
        'acmctl;cert;help;tags;add' {
            break
        }
        'acmctl;cert;help;tags;remove' {
            break
        }
        'acmctl;cert;help;tags;list' {
            break
        }
        'acmctl;cert;help;update-options' {
            break
        }
        'acmctl;cert;help;help' {
            break
        }
        'acmctl;account' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The account''s settings in the region: expiry events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;account;config' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the account''s settings in the region (GetAccountConfiguration)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Change the account''s settings in the region (PutAccountConfiguration)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;account;config;get' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;account;config;put' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--days-before-expiry', '--days-before-expiry', [CompletionResultType]::ParameterName, 'Days before expiry that expiry events start (at least 1)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;account;config;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the account''s settings in the region (GetAccountConfiguration)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Change the account''s settings in the region (PutAccountConfiguration)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;account;config;help;get' {
            break
        }
        'acmctl;account;config;help;put' {
            break
        }
        'acmctl;account;config;help;help' {
            break
        }
        'acmctl;account;help' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The account''s settings in the region: expiry events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;account;help;config' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the account''s settings in the region (GetAccountConfiguration)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Change the account''s settings in the region (PutAccountConfiguration)')
            break
        }
        'acmctl;account;help;config;get' {
            break
        }
        'acmctl;account;help;config;put' {
            break
        }
        'acmctl;account;help;help' {
            break
        }
        'acmctl;import' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--certificate', '--certificate', [CompletionResultType]::ParameterName, 'The certificate, PEM (exactly one)')
            [CompletionResult]::new('--private-key', '--private-key', [CompletionResultType]::ParameterName, 'The certificate''s private key, PEM, unencrypted')
            [CompletionResult]::new('--certificate-chain', '--certificate-chain', [CompletionResultType]::ParameterName, 'The intermediate certificates, PEM, the issuer of the certificate first')
            [CompletionResult]::new('--certificate-arn', '--certificate-arn', [CompletionResultType]::ParameterName, 'Re-import: replace this IMPORTED certificate, keeping its ARN')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags as KEY=VALUE (new imports only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;deploy' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'ARN of the load balancer, CloudFront distribution or API Gateway domain name')
            [CompletionResult]::new('--dest', '--dest', [CompletionResultType]::ParameterName, 'Directory the server reads [default: STORE/deployments/<target>]')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Command that reloads the server, run with sh -c after the files are in place')
            [CompletionResult]::new('--endpoint-type', '--endpoint-type', [CompletionResultType]::ParameterName, 'API Gateway endpoint type of the domain name: REGIONAL or EDGE [default: REGIONAL]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the decision and the rules checked; write nothing')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove the deployment of the certificate to the target (the files stay for the server)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write into a --dest directory that already holds files acmctl did not make (never replacing them)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;renew' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--event-file', '--event-file', [CompletionResultType]::ParameterName, 'A sweep appends expiry events to this JSON-lines file [default: ACMCTL_EVENT_FILE, config file event_file]')
            [CompletionResult]::new('--event-command', '--event-command', [CompletionResultType]::ParameterName, 'A sweep gives each expiry event on stdin to this command (sh -c) [default: ACMCTL_EVENT_COMMAND, config file event_command]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File with the passphrase of the authority''s encrypted key [env: ACMCTL_CA_PASSPHRASE]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;serve' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on, ADDR:PORT or PORT; port 0 picks a free one')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'AWS shared-credentials file of the keys that may call serve [default: STORE/serve/credentials, created with one key when missing]')
            [CompletionResult]::new('--ready-file', '--ready-file', [CompletionResultType]::ParameterName, 'Write ADDR:PORT to this file once serve listens')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'Requests handled at once')
            [CompletionResult]::new('--validation-interval', '--validation-interval', [CompletionResultType]::ParameterName, 'Seconds between DNS checks of certificates pending validation')
            [CompletionResult]::new('--renewal-interval', '--renewal-interval', [CompletionResultType]::ParameterName, 'Seconds between sweeps of managed renewal')
            [CompletionResult]::new('--public-authority', '--public-authority', [CompletionResultType]::ParameterName, 'The region''s public authority: auto creates it on the first public request, as ACM always has one; require refuses the request instead')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--any-credentials', '--any-credentials', [CompletionResultType]::ParameterName, 'Accept requests whatever their signature, as moto and LocalStack do (the region still comes from the credential scope)')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Listen on an address other than loopback (plain HTTP: keys and passphrases cross the network unencrypted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;store' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the whole store and report anything inconsistent')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store: a directory, or the schema in an empty PostgreSQL database')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring a PostgreSQL store''s schema up to this acmctl''s version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store to an empty one: a directory to a database and back')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;store;check' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;store;init' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;store;migrate' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;store;copy' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;store;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the whole store and report anything inconsistent')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store: a directory, or the schema in an empty PostgreSQL database')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring a PostgreSQL store''s schema up to this acmctl''s version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store to an empty one: a directory to a database and back')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;store;help;check' {
            break
        }
        'acmctl;store;help;init' {
            break
        }
        'acmctl;store;help;migrate' {
            break
        }
        'acmctl;store;help;copy' {
            break
        }
        'acmctl;store;help;help' {
            break
        }
        'acmctl;completions' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--dynamic', '--dynamic', [CompletionResultType]::ParameterName, 'Print the script that completes ARNs from the store by calling acmctl')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;man' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to work in [default: ACMCTL_REGION, AWS_REGION, AWS_DEFAULT_REGION, config file, us-east-1]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store directory or postgresql:// URL [default: ACMCTL_HOME, else the platform data directory]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json in ACM''s API shapes for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in messages: auto uses it on a terminal unless NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acmctl;help' {
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Certificate authorities: private roots and subordinates, the public authority')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Certificates: request, validate, read, export, revoke and delete')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'The account''s settings in the region')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a certificate, its private key and chain (ImportCertificate)')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a certificate to an ACM-integrated service')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew certificates: managed renewal (RenewCertificate)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the ACM and ACM Private CA APIs to the aws CLI, the SDKs and Terraform')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The store itself')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acmctl;help;ca' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a certificate authority in the current region')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the certificate authorities of the current region')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one certificate authority (DescribeCertificateAuthority)')
            [CompletionResult]::new('certificate', 'certificate', [CompletionResultType]::ParameterValue, 'Print an authority''s certificate and chain, to install as trust')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Print an authority''s current certificate revocation list (CRL)')
            [CompletionResult]::new('csr', 'csr', [CompletionResultType]::ParameterValue, 'Print an authority''s certificate signing request (GetCertificateAuthorityCsr)')
            [CompletionResult]::new('import-certificate', 'import-certificate', [CompletionResultType]::ParameterValue, 'Install an authority''s certificate (ImportCertificateAuthorityCertificate)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Sign a certificate signing request with an authority (IssueCertificate)')
            [CompletionResult]::new('get-certificate', 'get-certificate', [CompletionResultType]::ParameterValue, 'Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate by its serial (RevokeCertificate of ACM PCA)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Enable, disable or reconfigure an authority (UpdateCertificateAuthority)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an authority, restorable for a while (DeleteCertificateAuthority)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a deleted authority within its window (RestoreCertificateAuthority)')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Add, remove and list an authority''s tags')
            break
        }
        'acmctl;help;ca;init' {
            break
        }
        'acmctl;help;ca;list' {
            break
        }
        'acmctl;help;ca;describe' {
            break
        }
        'acmctl;help;ca;certificate' {
            break
        }
        'acmctl;help;ca;crl' {
            break
        }
        'acmctl;help;ca;csr' {
            break
        }
        'acmctl;help;ca;import-certificate' {
            break
        }
        'acmctl;help;ca;issue' {
            break
        }
        'acmctl;help;ca;get-certificate' {
            break
        }
        'acmctl;help;ca;revoke' {
            break
        }
        'acmctl;help;ca;update' {
            break
        }
        'acmctl;help;ca;delete' {
            break
        }
        'acmctl;help;ca;restore' {
            break
        }
        'acmctl;help;ca;tags' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate authority (TagCertificateAuthority)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate authority (UntagCertificateAuthority)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate authority''s tags (ListTags)')
            break
        }
        'acmctl;help;ca;tags;add' {
            break
        }
        'acmctl;help;ca;tags;remove' {
            break
        }
        'acmctl;help;ca;tags;list' {
            break
        }
        'acmctl;help;cert' {
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Request a certificate (RequestCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the certificates of the current region (ListCertificates)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show one certificate (DescribeCertificate)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a certificate and its chain in PEM (GetCertificate)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a private certificate with its key, encrypted (ExportCertificate)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a certificate and its key (DeleteCertificate)')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Validate a public certificate''s domains, and issue it once all are')
            [CompletionResult]::new('resend-validation-email', 'resend-validation-email', [CompletionResultType]::ParameterValue, 'Send the validation email again (ResendValidationEmail)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a private certificate and re-sign its authority''s CRL (RevokeCertificate)')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Add, remove and list a certificate''s tags')
            [CompletionResult]::new('update-options', 'update-options', [CompletionResultType]::ParameterValue, 'Change a certificate''s options (UpdateCertificateOptions)')
            break
        }
        'acmctl;help;cert;request' {
            break
        }
        'acmctl;help;cert;list' {
            break
        }
        'acmctl;help;cert;describe' {
            break
        }
        'acmctl;help;cert;get' {
            break
        }
        'acmctl;help;cert;export' {
            break
        }
        'acmctl;help;cert;delete' {
            break
        }
        'acmctl;help;cert;validate' {
            break
        }
        'acmctl;help;cert;resend-validation-email' {
            break
        }
        'acmctl;help;cert;revoke' {
            break
        }
        'acmctl;help;cert;tags' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to a certificate (AddTagsToCertificate)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from a certificate (RemoveTagsFromCertificate)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a certificate''s tags (ListTagsForCertificate)')
            break
        }
        'acmctl;help;cert;tags;add' {
            break
        }
        'acmctl;help;cert;tags;remove' {
            break
        }
        'acmctl;help;cert;tags;list' {
            break
        }
        'acmctl;help;cert;update-options' {
            break
        }
        'acmctl;help;account' {
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The account''s settings in the region: expiry events')
            break
        }
        'acmctl;help;account;config' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the account''s settings in the region (GetAccountConfiguration)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Change the account''s settings in the region (PutAccountConfiguration)')
            break
        }
        'acmctl;help;account;config;get' {
            break
        }
        'acmctl;help;account;config;put' {
            break
        }
        'acmctl;help;import' {
            break
        }
        'acmctl;help;deploy' {
            break
        }
        'acmctl;help;renew' {
            break
        }
        'acmctl;help;serve' {
            break
        }
        'acmctl;help;store' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the whole store and report anything inconsistent')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store: a directory, or the schema in an empty PostgreSQL database')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring a PostgreSQL store''s schema up to this acmctl''s version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store to an empty one: a directory to a database and back')
            break
        }
        'acmctl;help;store;check' {
            break
        }
        'acmctl;help;store;init' {
            break
        }
        'acmctl;help;store;migrate' {
            break
        }
        'acmctl;help;store;copy' {
            break
        }
        'acmctl;help;completions' {
            break
        }
        'acmctl;help;man' {
            break
        }
        'acmctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
