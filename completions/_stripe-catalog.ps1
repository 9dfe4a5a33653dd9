
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
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
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
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('--deny-warnings', '--deny-warnings', [CompletionResultType]::ParameterName, 'Treat warnings as errors (exit 1 when there are any)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;schema' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;sandbox' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the sandbox''s saved state')
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
            [CompletionResult]::new('--fault-seed', '--fault-seed', [CompletionResultType]::ParameterName, 'Seed for the fault draws, so a run can be repeated')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Limit each account to N requests per second like Stripe''s test mode (which allows 25)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;sandbox;reset' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The state file [default: .stripe-catalog/sandbox.json]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the sandbox''s saved state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'stripe-catalog;sandbox;help;serve' {
            break
        }
        'stripe-catalog;sandbox;help;reset' {
            break
        }
        'stripe-catalog;sandbox;help;help' {
            break
        }
        'stripe-catalog;completions' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;man' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'The catalog file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`NO_COLOR` is respected under `auto`)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (surrounding whitespace is ignored)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`')
            [CompletionResult]::new('--stripe-account', '--stripe-account', [CompletionResultType]::ParameterName, 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries after a failed request (429, 409, 5xx, connection errors)')
            [CompletionResult]::new('--max-rps', '--max-rps', [CompletionResultType]::ParameterName, 'Requests per second at most [default: 20 with a test key, 80 with a live key]')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Where `--sandbox` keeps its state')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no progress, no status lines')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a local Stripe emulator in this process; nothing is sent to Stripe')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'stripe-catalog;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check the catalog file offline and report every problem at once')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the catalog file (for editor completion and checks)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)')
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
            break
        }
        'stripe-catalog;help;sandbox;serve' {
            break
        }
        'stripe-catalog;help;sandbox;reset' {
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
