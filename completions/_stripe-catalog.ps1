
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'stripe-catalog' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'stripe-catalog'
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
        'stripe-catalog' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format, for the command that follows: `text` for people, `json` for scripts (`csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the catalog file offline and report every problem at once')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the catalog file (for editor completion and checks)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `apply` would change in Stripe to make it match the catalog')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make Stripe match the catalog (shows the plan and asks first)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write a catalog file from the account''s existing products and prices')
            [CompletionResult]::new('checkout', 'checkout', [CompletionResultType]::ParameterValue, 'Send a customer a way to pay: a Checkout Session or a reusable Payment Link')
            [CompletionResult]::new('payments', 'payments', [CompletionResultType]::ParameterValue, 'Look up payments (PaymentIntents): did my payment go through?')
            [CompletionResult]::new('subscriptions', 'subscriptions', [CompletionResultType]::ParameterValue, 'Look up subscriptions: what a customer pays for, and when it renews')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhook tools: check a delivery''s signature')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Look up events and whether every webhook endpoint acknowledged them')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Treat warnings as errors (exit 1 when there are any)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'stripe-catalog;sandbox' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the sandbox''s saved state')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Pay a checkout session or payment link as a customer would, with one of Stripe''s test cards')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move the sandbox''s clock forward, renewing and charging subscriptions on the way (sandbox only)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;sandbox;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The loopback port to listen on (0 picks a free one)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The state file [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Milliseconds added to every request')
            [CompletionResult]::new('--connection-delay-ms', '--connection-delay-ms', [CompletionResultType]::ParameterName, 'Milliseconds added to each new connection (the cost of a TLS handshake)')
            [CompletionResult]::new('--fault-rate-limit', '--fault-rate-limit', [CompletionResultType]::ParameterName, 'Fraction (0..1) of requests answered 429 `rate_limit`')
            [CompletionResult]::new('--fault-lock-timeout', '--fault-lock-timeout', [CompletionResultType]::ParameterName, 'Fraction (0..1) of requests answered 429 `lock_timeout`')
            [CompletionResult]::new('--fault-server-error', '--fault-server-error', [CompletionResultType]::ParameterName, 'Fraction (0..1) of requests answered 500 with `Stripe-Should-Retry: true`')
            [CompletionResult]::new('--fault-drop-after-commit', '--fault-drop-after-commit', [CompletionResultType]::ParameterName, 'Fraction (0..1) of POSTs whose write is committed, then the connection dropped unanswered')
            [CompletionResult]::new('--fault-seed', '--fault-seed', [CompletionResultType]::ParameterName, 'Seed for the fault draws and the `--redeliver`/`--shuffle` draws, so a run can be repeated')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Refuse requests over Stripe''s rate limits with 429: `test` (25 per second per account), `live` (100), each with Stripe''s 25 per second per endpoint and 20 searches per second; or N, a global limit of N per second alone')
            [CompletionResult]::new('--search-lag-ms', '--search-lag-ms', [CompletionResultType]::ParameterName, 'Keep new objects out of search results for N milliseconds, as Stripe''s search index trails writes ("under 1 minute")')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Forward every event to this URL on this machine, signed, like `stripe listen --forward-to` (repeatable)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Forward only these event types (comma-separated; `*` wildcards, e.g. `invoice.*`)')
            [CompletionResult]::new('--forward-secret', '--forward-secret', [CompletionResultType]::ParameterName, 'The `whsec_...` secret forwarded events are signed with, to match the app''s configuration. Visible to anyone who can list processes: prefer `--forward-secret-file` or `STRIPE_WEBHOOK_SECRET` [default: one kept in the state file, printed once at start]')
            [CompletionResult]::new('--forward-secret-file', '--forward-secret-file', [CompletionResultType]::ParameterName, 'A file holding the secret forwarded events are signed with (`whsec_...`, or one `NAME=whsec_...` line); a file that does not exist yet is created (mode 600) holding the secret kept in the state file, which is then not printed')
            [CompletionResult]::new('--redeliver', '--redeliver', [CompletionResultType]::ParameterName, 'Fraction (0..1) of webhook deliveries sent twice (the same event id), to prove a handler idempotent')
            [CompletionResult]::new('--webhook-retry-ms', '--webhook-retry-ms', [CompletionResultType]::ParameterName, 'Milliseconds before the first retry of a failed webhook delivery; each further retry waits twice as long')
            [CompletionResult]::new('--webhook-attempts', '--webhook-attempts', [CompletionResultType]::ParameterName, 'Webhook delivery attempts in all, the first included, before giving up')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--shuffle', '--shuffle', [CompletionResultType]::ParameterName, 'Deliver webhook events out of order (within batches of up to 8), to prove a handler does not assume order')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'stripe-catalog;sandbox;reset' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The state file [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'stripe-catalog;sandbox;pay' {
            [CompletionResult]::new('--card', '--card', [CompletionResultType]::ParameterName, 'The test card number to pay with')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The customer''s email, when the session does not have one yet (always, for a payment link)')
            [CompletionResult]::new('--authenticate', '--authenticate', [CompletionResultType]::ParameterName, 'Answer the 3-D Secure challenge of a payment that waits for it (card 4000002500003155), as the customer would: `complete` it or `fail` it. The target may also be that payment''s `pi_...` id')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;sandbox;advance' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;sandbox;trigger' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the sandbox''s saved state')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Pay a checkout session or payment link as a customer would, with one of Stripe''s test cards')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move the sandbox''s clock forward, renewing and charging subscriptions on the way (sandbox only)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;sandbox;help;serve' {
            break
        }
        'stripe-catalog;sandbox;help;reset' {
            break
        }
        'stripe-catalog;sandbox;help;pay' {
            break
        }
        'stripe-catalog;sandbox;help;advance' {
            break
        }
        'stripe-catalog;sandbox;help;trigger' {
            break
        }
        'stripe-catalog;sandbox;help;help' {
            break
        }
        'stripe-catalog;plan' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Save the plan for `apply FILE` (treat it as sensitive: it describes your account)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Let violations of this policy rule through (repeatable): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts, `markdown` for a pull-request comment [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over unmanaged Stripe objects holding the catalog''s product ids or price keys')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'Exit 2 when there are changes, 0 when there are none (3, blocked by policy, wins over 2; 1 is always an error)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;apply' {
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'Writes in flight at most (independent products are applied side by side)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Where to append the audit trail of every write (JSON lines)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Let violations of this policy rule through (repeatable; recorded in the audit log): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices')
            [CompletionResult]::new('--webhook-secrets', '--webhook-secrets', [CompletionResultType]::ParameterName, 'Append the signing secret of each webhook endpoint created to FILE (`STRIPE_WEBHOOK_SECRET_<KEY>=whsec_…`, mode 600); required when the plan creates one')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Apply without asking (required when stdin is not a terminal, e.g. in CI)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--adopt', '--adopt', [CompletionResultType]::ParameterName, 'Take over unmanaged Stripe objects holding the catalog''s product ids or price keys')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;import' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the catalog to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the catalog to FILE instead of stdout')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--include-archived', '--include-archived', [CompletionResultType]::ParameterName, 'Also import archived products and prices (written with `active: false`)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;checkout' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Create a one-off Checkout Session and print its URL (alone on stdout)')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;checkout;session' {
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Pre-fill the customer''s email on the checkout page')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Attach the session to an existing customer')
            [CompletionResult]::new('--customer-creation', '--customer-creation', [CompletionResultType]::ParameterName, 'Whether paying creates a Stripe Customer (payment mode; a subscription always does) [default: the catalog''s `checkout.customer_creation`, else `always`]')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Charge in this currency: the prices'' own, or one of their currency options (e.g. `eur`)')
            [CompletionResult]::new('--success-url', '--success-url', [CompletionResultType]::ParameterName, 'Where the customer lands after paying (default: the catalog''s `checkout.success_url`); `{CHECKOUT_SESSION_ID}` is passed through literally')
            [CompletionResult]::new('--cancel-url', '--cancel-url', [CompletionResultType]::ParameterName, 'Where the customer lands when they go back (default: the catalog''s `checkout.cancel_url`)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'How long the session stays open: 30m to 24h, e.g. `90m`, `2h`, `1h30m` (Stripe''s default: 24h)')
            [CompletionResult]::new('--trial-days', '--trial-days', [CompletionResultType]::ParameterName, 'Free trial days before the first charge (subscription sessions only)')
            [CompletionResult]::new('--client-reference-id', '--client-reference-id', [CompletionResultType]::ParameterName, 'Your own reference for the session (an order or ticket number), at most 200 characters')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Metadata on the session, `key=value`; repeatable')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--promotion-codes', '--promotion-codes', [CompletionResultType]::ParameterName, 'Let the customer enter a promotion code')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the URL as a QR code on stderr')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;checkout;link' {
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable')
            [CompletionResult]::new('--after-completion-url', '--after-completion-url', [CompletionResultType]::ParameterName, 'Redirect here after payment instead of Stripe''s confirmation page')
            [CompletionResult]::new('--adjustable-quantity', '--adjustable-quantity', [CompletionResultType]::ParameterName, 'Let the customer change the quantity within `MIN..MAX`, e.g. `1..10`')
            [CompletionResult]::new('--customer-creation', '--customer-creation', [CompletionResultType]::ParameterName, 'Whether paying through the link creates a Stripe Customer (one-time prices; a subscription always does) [default: the catalog''s `checkout.customer_creation`, else `always`]')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Charge in this currency: the prices'' own, or one of their currency options (e.g. `eur`)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Metadata on the link, `key=value`; repeatable')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file [default: catalog.yaml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--promotion-codes', '--promotion-codes', [CompletionResultType]::ParameterName, 'Let the customer enter a promotion code')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the URL as a QR code on stderr')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payment links, newest first (table, or `--format json|csv|ndjson`)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;checkout;link;list' {
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Show only active (or only deactivated) links')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many links')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through every link')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;checkout;link;deactivate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Allow writing with a live key (refused with a test key)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;checkout;link;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payment links, newest first (table, or `--format json|csv|ndjson`)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;checkout;link;help;list' {
            break
        }
        'stripe-catalog;checkout;link;help;deactivate' {
            break
        }
        'stripe-catalog;checkout;link;help;help' {
            break
        }
        'stripe-catalog;checkout;help' {
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Create a one-off Checkout Session and print its URL (alone on stdout)')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;checkout;help;session' {
            break
        }
        'stripe-catalog;checkout;help;link' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payment links, newest first (table, or `--format json|csv|ndjson`)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)')
            break
        }
        'stripe-catalog;checkout;help;link;list' {
            break
        }
        'stripe-catalog;checkout;help;link;deactivate' {
            break
        }
        'stripe-catalog;checkout;help;help' {
            break
        }
        'stripe-catalog;payments' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payments, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one payment in detail: amounts, status, customer, latest error, checkout session')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;payments;list' {
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only this customer''s payments')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Only payments of customers with this email in any case (looked up first), and of checkouts where it was typed (guest checkouts create no customer)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only payments created at or after this: a duration back from now (`7d`, `12h`, `30m`) or a local date (`2026-11-01`) or RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only payments created before this: a duration back from now, an RFC 3339 time, or a local date (that whole day included)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only payments in this status (filtered here while paging, not by Stripe); repeatable')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many payments')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through every matching payment (a spinner shows progress on a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;payments;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;payments;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payments, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one payment in detail: amounts, status, customer, latest error, checkout session')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;payments;help;list' {
            break
        }
        'stripe-catalog;payments;help;show' {
            break
        }
        'stripe-catalog;payments;help;help' {
            break
        }
        'stripe-catalog;subscriptions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List subscriptions, newest first: customer, items and prices, status, period end')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one subscription: customer, items, status, current period, next invoice, latest invoice')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;subscriptions;list' {
            [CompletionResult]::new('--price', '--price', [CompletionResultType]::ParameterName, 'Only subscriptions to the price with this lookup key (active or archived)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Only subscriptions of customers with this email in any case (looked up first)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only subscriptions in this status [default: any but canceled, as Stripe lists them]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many subscriptions')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through every matching subscription')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;subscriptions;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;subscriptions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List subscriptions, newest first: customer, items and prices, status, period end')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one subscription: customer, items, status, current period, next invoice, latest invoice')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;subscriptions;help;list' {
            break
        }
        'stripe-catalog;subscriptions;help;show' {
            break
        }
        'stripe-catalog;subscriptions;help;help' {
            break
        }
        'stripe-catalog;webhooks' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a webhook delivery''s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;webhooks;verify' {
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The request body exactly as received (the raw bytes)')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The Stripe-Signature header''s value (`t=…,v1=…`)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A file holding the endpoint''s signing secret (`whsec_…`), or the dotenv file `apply --webhook-secrets` writes (then `--key` says which line when it holds several); otherwise `STRIPE_WEBHOOK_SECRET`')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The catalog webhook key whose `STRIPE_WEBHOOK_SECRET_<KEY>` line of `--secret-file` to use')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How old the timestamp may be, in seconds (Stripe''s SDKs: 300)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'stripe-catalog;webhooks;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a webhook delivery''s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;webhooks;help;verify' {
            break
        }
        'stripe-catalog;webhooks;help;help' {
            break
        }
        'stripe-catalog;events' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, newest first: type, the object each is about, and its webhook delivery state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;events;list' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only events of this type (`checkout.session.completed`; `*` wildcards as Stripe takes them)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Only events about this object (`pi_…`, `cs_…`, `in_…`): filtered here while paging, as Stripe''s list has no such filter')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events created at or after this: a duration back from now (`1h`, `7d`) or a local date or RFC 3339 time')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many events')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Page through every matching event (Stripe keeps 30 days)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;events;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, newest first: type, the object each is about, and its webhook delivery state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;events;help;list' {
            break
        }
        'stripe-catalog;events;help;help' {
            break
        }
        'stripe-catalog;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'stripe-catalog;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'stripe-catalog;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the catalog file offline and report every problem at once')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the catalog file (for editor completion and checks)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `apply` would change in Stripe to make it match the catalog')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make Stripe match the catalog (shows the plan and asks first)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Write a catalog file from the account''s existing products and prices')
            [CompletionResult]::new('checkout', 'checkout', [CompletionResultType]::ParameterValue, 'Send a customer a way to pay: a Checkout Session or a reusable Payment Link')
            [CompletionResult]::new('payments', 'payments', [CompletionResultType]::ParameterValue, 'Look up payments (PaymentIntents): did my payment go through?')
            [CompletionResult]::new('subscriptions', 'subscriptions', [CompletionResultType]::ParameterValue, 'Look up subscriptions: what a customer pays for, and when it renews')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhook tools: check a delivery''s signature')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Look up events and whether every webhook endpoint acknowledged them')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;help;validate' {
            break
        }
        'stripe-catalog;help;schema' {
            break
        }
        'stripe-catalog;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the sandbox''s saved state')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Pay a checkout session or payment link as a customer would, with one of Stripe''s test cards')
            [CompletionResult]::new('advance', 'advance', [CompletionResultType]::ParameterValue, 'Move the sandbox''s clock forward, renewing and charging subscriptions on the way (sandbox only)')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)')
            break
        }
        'stripe-catalog;help;sandbox;serve' {
            break
        }
        'stripe-catalog;help;sandbox;reset' {
            break
        }
        'stripe-catalog;help;sandbox;pay' {
            break
        }
        'stripe-catalog;help;sandbox;advance' {
            break
        }
        'stripe-catalog;help;sandbox;trigger' {
            break
        }
        'stripe-catalog;help;plan' {
            break
        }
        'stripe-catalog;help;apply' {
            break
        }
        'stripe-catalog;help;import' {
            break
        }
        'stripe-catalog;help;checkout' {
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Create a one-off Checkout Session and print its URL (alone on stdout)')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links')
            break
        }
        'stripe-catalog;help;checkout;session' {
            break
        }
        'stripe-catalog;help;checkout;link' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payment links, newest first (table, or `--format json|csv|ndjson`)')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)')
            break
        }
        'stripe-catalog;help;checkout;link;list' {
            break
        }
        'stripe-catalog;help;checkout;link;deactivate' {
            break
        }
        'stripe-catalog;help;payments' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List payments, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one payment in detail: amounts, status, customer, latest error, checkout session')
            break
        }
        'stripe-catalog;help;payments;list' {
            break
        }
        'stripe-catalog;help;payments;show' {
            break
        }
        'stripe-catalog;help;subscriptions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List subscriptions, newest first: customer, items and prices, status, period end')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one subscription: customer, items, status, current period, next invoice, latest invoice')
            break
        }
        'stripe-catalog;help;subscriptions;list' {
            break
        }
        'stripe-catalog;help;subscriptions;show' {
            break
        }
        'stripe-catalog;help;webhooks' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a webhook delivery''s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)')
            break
        }
        'stripe-catalog;help;webhooks;verify' {
            break
        }
        'stripe-catalog;help;events' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, newest first: type, the object each is about, and its webhook delivery state')
            break
        }
        'stripe-catalog;help;events;list' {
            break
        }
        'stripe-catalog;help;completions' {
            break
        }
        'stripe-catalog;help;man' {
            break
        }
        'stripe-catalog;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
