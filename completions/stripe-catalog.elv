
use builtin;
use str;

set edit:completion:arg-completer[stripe-catalog] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'stripe-catalog'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'stripe-catalog'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check the catalog file offline and report every problem at once'
            cand schema 'Print the JSON Schema of the catalog file (for editor completion and checks)'
            cand sandbox 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;validate'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand --deny-warnings 'Treat warnings as errors (exit 1 when there are any)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;schema'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;sandbox'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand serve 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`'
            cand reset 'Delete the sandbox''s saved state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;sandbox;serve'= {
            cand --port 'The loopback port to listen on (0 picks a free one)'
            cand --state 'The state file [default: .stripe-catalog/sandbox.json]'
            cand --latency-ms 'Milliseconds added to every request'
            cand --connection-delay-ms 'Milliseconds added to each new connection (the cost of a TLS handshake)'
            cand --fault-rate-limit 'Fraction (0..1) of requests answered 429 `rate_limit`'
            cand --fault-lock-timeout 'Fraction (0..1) of requests answered 429 `lock_timeout`'
            cand --fault-server-error 'Fraction (0..1) of requests answered 500 with `Stripe-Should-Retry: true`'
            cand --fault-drop-after-commit 'Fraction (0..1) of POSTs whose write is committed, then the connection dropped unanswered'
            cand --fault-seed 'Seed for the fault draws, so a run can be repeated'
            cand --rate-limit 'Limit each account to N requests per second like Stripe''s test mode (which allows 25)'
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;sandbox;reset'= {
            cand --state 'The state file [default: .stripe-catalog/sandbox.json]'
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;sandbox;help'= {
            cand serve 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`'
            cand reset 'Delete the sandbox''s saved state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;sandbox;help;serve'= {
        }
        &'stripe-catalog;sandbox;help;reset'= {
        }
        &'stripe-catalog;sandbox;help;help'= {
        }
        &'stripe-catalog;completions'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;man'= {
            cand -f 'The catalog file'
            cand --catalog 'The catalog file'
            cand --format 'Output format: `text` for people, `json` for scripts (`table`, `csv`, `ndjson` where a command lists rows)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors)'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key]'
            cand --sandbox-state 'Where `--sandbox` keeps its state'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;help'= {
            cand validate 'Check the catalog file offline and report every problem at once'
            cand schema 'Print the JSON Schema of the catalog file (for editor completion and checks)'
            cand sandbox 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;help;validate'= {
        }
        &'stripe-catalog;help;schema'= {
        }
        &'stripe-catalog;help;sandbox'= {
            cand serve 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`'
            cand reset 'Delete the sandbox''s saved state'
        }
        &'stripe-catalog;help;sandbox;serve'= {
        }
        &'stripe-catalog;help;sandbox;reset'= {
        }
        &'stripe-catalog;help;completions'= {
        }
        &'stripe-catalog;help;man'= {
        }
        &'stripe-catalog;help;help'= {
        }
    ]
    $completions[$command]
}
