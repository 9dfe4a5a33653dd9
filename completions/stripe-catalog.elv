
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
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -f 'The catalog file [default: catalog.yaml]'
            cand --catalog 'The catalog file [default: catalog.yaml]'
            cand --format 'Output format, for the command that follows: `text` for people, `json` for scripts (`csv`, `ndjson` where a command lists rows)'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
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
            cand plan 'Show what `apply` would change in Stripe to make it match the catalog'
            cand apply 'Make Stripe match the catalog (shows the plan and asks first)'
            cand import 'Write a catalog file from the account''s existing products and prices'
            cand checkout 'Send a customer a way to pay: a Checkout Session or a reusable Payment Link'
            cand payments 'Look up payments (PaymentIntents): did my payment go through?'
            cand subscriptions 'Look up subscriptions: what a customer pays for, and when it renews'
            cand webhooks 'Webhook tools: check a delivery''s signature'
            cand events 'Look up events and whether every webhook endpoint acknowledged them'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;validate'= {
            cand -f 'The catalog file [default: catalog.yaml]'
            cand --catalog 'The catalog file [default: catalog.yaml]'
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --deny-warnings 'Treat warnings as errors (exit 1 when there are any)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;schema'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'stripe-catalog;sandbox'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
            cand serve 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`'
            cand reset 'Delete the sandbox''s saved state'
            cand pay 'Pay a checkout session or payment link as a customer would, with one of Stripe''s test cards'
            cand advance 'Move the sandbox''s clock forward, renewing and charging subscriptions on the way (sandbox only)'
            cand trigger 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)'
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
            cand --fault-seed 'Seed for the fault draws and the `--redeliver`/`--shuffle` draws, so a run can be repeated'
            cand --rate-limit 'Refuse requests over Stripe''s rate limits with 429: `test` (25 per second per account), `live` (100), each with Stripe''s 25 per second per endpoint and 20 searches per second; or N, a global limit of N per second alone'
            cand --search-lag-ms 'Keep new objects out of search results for N milliseconds, as Stripe''s search index trails writes ("under 1 minute")'
            cand --forward-to 'Forward every event to this URL on this machine, signed, like `stripe listen --forward-to` (repeatable)'
            cand --events 'Forward only these event types (comma-separated; `*` wildcards, e.g. `invoice.*`)'
            cand --forward-secret 'The `whsec_...` secret forwarded events are signed with, to match the app''s configuration. Visible to anyone who can list processes: prefer `--forward-secret-file` or `STRIPE_WEBHOOK_SECRET` [default: one kept in the state file, printed once at start]'
            cand --forward-secret-file 'A file holding the secret forwarded events are signed with (`whsec_...`, or one `NAME=whsec_...` line); a file that does not exist yet is created (mode 600) holding the secret kept in the state file, which is then not printed'
            cand --redeliver 'Fraction (0..1) of webhook deliveries sent twice (the same event id), to prove a handler idempotent'
            cand --webhook-retry-ms 'Milliseconds before the first retry of a failed webhook delivery; each further retry waits twice as long'
            cand --webhook-attempts 'Webhook delivery attempts in all, the first included, before giving up'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --shuffle 'Deliver webhook events out of order (within batches of up to 8), to prove a handler does not assume order'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'stripe-catalog;sandbox;reset'= {
            cand --state 'The state file [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'stripe-catalog;sandbox;pay'= {
            cand --card 'The test card number to pay with'
            cand --email 'The customer''s email, when the session does not have one yet (always, for a payment link)'
            cand --authenticate 'Answer the 3-D Secure challenge of a payment that waits for it (card 4000002500003155), as the customer would: `complete` it or `fail` it. The target may also be that payment''s `pi_...` id'
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;sandbox;advance'= {
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;sandbox;trigger'= {
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;sandbox;help'= {
            cand serve 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe''s SDKs or `--api-base`'
            cand reset 'Delete the sandbox''s saved state'
            cand pay 'Pay a checkout session or payment link as a customer would, with one of Stripe''s test cards'
            cand advance 'Move the sandbox''s clock forward, renewing and charging subscriptions on the way (sandbox only)'
            cand trigger 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;sandbox;help;serve'= {
        }
        &'stripe-catalog;sandbox;help;reset'= {
        }
        &'stripe-catalog;sandbox;help;pay'= {
        }
        &'stripe-catalog;sandbox;help;advance'= {
        }
        &'stripe-catalog;sandbox;help;trigger'= {
        }
        &'stripe-catalog;sandbox;help;help'= {
        }
        &'stripe-catalog;plan'= {
            cand --out 'Save the plan for `apply FILE` (treat it as sensitive: it describes your account)'
            cand --allow 'Let violations of this policy rule through (repeatable): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices'
            cand -f 'The catalog file [default: catalog.yaml]'
            cand --catalog 'The catalog file [default: catalog.yaml]'
            cand --format 'Output format: `text` for people, `json` for scripts, `markdown` for a pull-request comment [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --adopt 'Take over unmanaged Stripe objects holding the catalog''s product ids or price keys'
            cand --detailed-exitcode 'Exit 2 when there are changes, 0 when there are none (3, blocked by policy, wins over 2; 1 is always an error)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;apply'= {
            cand --parallelism 'Writes in flight at most (independent products are applied side by side)'
            cand --audit-log 'Where to append the audit trail of every write (JSON lines)'
            cand --allow 'Let violations of this policy rule through (repeatable; recorded in the audit log): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices'
            cand --webhook-secrets 'Append the signing secret of each webhook endpoint created to FILE (`STRIPE_WEBHOOK_SECRET_<KEY>=whsec_…`, mode 600); required when the plan creates one'
            cand -f 'The catalog file [default: catalog.yaml]'
            cand --catalog 'The catalog file [default: catalog.yaml]'
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --auto-approve 'Apply without asking (required when stdin is not a terminal, e.g. in CI)'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --adopt 'Take over unmanaged Stripe objects holding the catalog''s product ids or price keys'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;import'= {
            cand -o 'Write the catalog to FILE instead of stdout'
            cand --output 'Write the catalog to FILE instead of stdout'
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --include-archived 'Also import archived products and prices (written with `active: false`)'
            cand --force 'Replace FILE if it exists'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;checkout'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
            cand session 'Create a one-off Checkout Session and print its URL (alone on stdout)'
            cand link 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;checkout;session'= {
            cand --price 'A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable'
            cand --email 'Pre-fill the customer''s email on the checkout page'
            cand --customer 'Attach the session to an existing customer'
            cand --customer-creation 'Whether paying creates a Stripe Customer (payment mode; a subscription always does) [default: the catalog''s `checkout.customer_creation`, else `always`]'
            cand --currency 'Charge in this currency: the prices'' own, or one of their currency options (e.g. `eur`)'
            cand --success-url 'Where the customer lands after paying (default: the catalog''s `checkout.success_url`); `{CHECKOUT_SESSION_ID}` is passed through literally'
            cand --cancel-url 'Where the customer lands when they go back (default: the catalog''s `checkout.cancel_url`)'
            cand --expires-in 'How long the session stays open: 30m to 24h, e.g. `90m`, `2h`, `1h30m` (Stripe''s default: 24h)'
            cand --trial-days 'Free trial days before the first charge (subscription sessions only)'
            cand --client-reference-id 'Your own reference for the session (an order or ticket number), at most 200 characters'
            cand --metadata 'Metadata on the session, `key=value`; repeatable'
            cand -f 'The catalog file [default: catalog.yaml]'
            cand --catalog 'The catalog file [default: catalog.yaml]'
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --promotion-codes 'Let the customer enter a promotion code'
            cand --qr 'Also draw the URL as a QR code on stderr'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;checkout;link'= {
            cand --price 'A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable'
            cand --after-completion-url 'Redirect here after payment instead of Stripe''s confirmation page'
            cand --adjustable-quantity 'Let the customer change the quantity within `MIN..MAX`, e.g. `1..10`'
            cand --customer-creation 'Whether paying through the link creates a Stripe Customer (one-time prices; a subscription always does) [default: the catalog''s `checkout.customer_creation`, else `always`]'
            cand --currency 'Charge in this currency: the prices'' own, or one of their currency options (e.g. `eur`)'
            cand --metadata 'Metadata on the link, `key=value`; repeatable'
            cand -f 'The catalog file [default: catalog.yaml]'
            cand --catalog 'The catalog file [default: catalog.yaml]'
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --promotion-codes 'Let the customer enter a promotion code'
            cand --qr 'Also draw the URL as a QR code on stderr'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List payment links, newest first (table, or `--format json|csv|ndjson`)'
            cand deactivate 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;checkout;link;list'= {
            cand --active 'Show only active (or only deactivated) links'
            cand --limit 'Show at most this many links'
            cand --format 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --all 'Page through every link'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;checkout;link;deactivate'= {
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --live 'Allow writing with a live key (refused with a test key)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;checkout;link;help'= {
            cand list 'List payment links, newest first (table, or `--format json|csv|ndjson`)'
            cand deactivate 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;checkout;link;help;list'= {
        }
        &'stripe-catalog;checkout;link;help;deactivate'= {
        }
        &'stripe-catalog;checkout;link;help;help'= {
        }
        &'stripe-catalog;checkout;help'= {
            cand session 'Create a one-off Checkout Session and print its URL (alone on stdout)'
            cand link 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;checkout;help;session'= {
        }
        &'stripe-catalog;checkout;help;link'= {
            cand list 'List payment links, newest first (table, or `--format json|csv|ndjson`)'
            cand deactivate 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)'
        }
        &'stripe-catalog;checkout;help;link;list'= {
        }
        &'stripe-catalog;checkout;help;link;deactivate'= {
        }
        &'stripe-catalog;checkout;help;help'= {
        }
        &'stripe-catalog;payments'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List payments, newest first'
            cand show 'Show one payment in detail: amounts, status, customer, latest error, checkout session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;payments;list'= {
            cand --customer 'Only this customer''s payments'
            cand --email 'Only payments of customers with this email in any case (looked up first), and of checkouts where it was typed (guest checkouts create no customer)'
            cand --since 'Only payments created at or after this: a duration back from now (`7d`, `12h`, `30m`) or a local date (`2026-11-01`) or RFC 3339 time'
            cand --until 'Only payments created before this: a duration back from now, an RFC 3339 time, or a local date (that whole day included)'
            cand --status 'Only payments in this status (filtered here while paging, not by Stripe); repeatable'
            cand --limit 'Show at most this many payments'
            cand --format 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --all 'Page through every matching payment (a spinner shows progress on a terminal)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;payments;show'= {
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;payments;help'= {
            cand list 'List payments, newest first'
            cand show 'Show one payment in detail: amounts, status, customer, latest error, checkout session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;payments;help;list'= {
        }
        &'stripe-catalog;payments;help;show'= {
        }
        &'stripe-catalog;payments;help;help'= {
        }
        &'stripe-catalog;subscriptions'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List subscriptions, newest first: customer, items and prices, status, period end'
            cand show 'Show one subscription: customer, items, status, current period, next invoice, latest invoice'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;subscriptions;list'= {
            cand --price 'Only subscriptions to the price with this lookup key (active or archived)'
            cand --email 'Only subscriptions of customers with this email in any case (looked up first)'
            cand --status 'Only subscriptions in this status [default: any but canceled, as Stripe lists them]'
            cand --limit 'Show at most this many subscriptions'
            cand --format 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --all 'Page through every matching subscription'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;subscriptions;show'= {
            cand --format 'Output format: `text` for people, `json` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;subscriptions;help'= {
            cand list 'List subscriptions, newest first: customer, items and prices, status, period end'
            cand show 'Show one subscription: customer, items, status, current period, next invoice, latest invoice'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;subscriptions;help;list'= {
        }
        &'stripe-catalog;subscriptions;help;show'= {
        }
        &'stripe-catalog;subscriptions;help;help'= {
        }
        &'stripe-catalog;webhooks'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Check a webhook delivery''s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;webhooks;verify'= {
            cand --payload 'The request body exactly as received (the raw bytes)'
            cand --signature 'The Stripe-Signature header''s value (`t=…,v1=…`)'
            cand --secret-file 'A file holding the endpoint''s signing secret (`whsec_…`), or the dotenv file `apply --webhook-secrets` writes (then `--key` says which line when it holds several); otherwise `STRIPE_WEBHOOK_SECRET`'
            cand --key 'The catalog webhook key whose `STRIPE_WEBHOOK_SECRET_<KEY>` line of `--secret-file` to use'
            cand --tolerance 'How old the timestamp may be, in seconds (Stripe''s SDKs: 300)'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'stripe-catalog;webhooks;help'= {
            cand verify 'Check a webhook delivery''s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;webhooks;help;verify'= {
        }
        &'stripe-catalog;webhooks;help;help'= {
        }
        &'stripe-catalog;events'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List events, newest first: type, the object each is about, and its webhook delivery state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;events;list'= {
            cand --type 'Only events of this type (`checkout.session.completed`; `*` wildcards as Stripe takes them)'
            cand --for 'Only events about this object (`pi_…`, `cs_…`, `in_…`): filtered here while paging, as Stripe''s list has no such filter'
            cand --since 'Only events created at or after this: a duration back from now (`1h`, `7d`) or a local date or RFC 3339 time'
            cand --limit 'Show at most this many events'
            cand --format 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]'
            cand --api-key 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`'
            cand --api-key-file 'Read the API key from a file (surrounding whitespace is ignored)'
            cand --api-base 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`'
            cand --stripe-account 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`'
            cand --max-retries 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]'
            cand --max-rps 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]'
            cand --sandbox-state 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]'
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand --all 'Page through every matching event (Stripe keeps 30 days)'
            cand --sandbox 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'stripe-catalog;events;help'= {
            cand list 'List events, newest first: type, the object each is about, and its webhook delivery state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'stripe-catalog;events;help;list'= {
        }
        &'stripe-catalog;events;help;help'= {
        }
        &'stripe-catalog;completions'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'stripe-catalog;man'= {
            cand --color 'When to use colour (`NO_COLOR` is respected under `auto`)'
            cand -q 'Print only data and errors: no progress, no status lines'
            cand --quiet 'Print only data and errors: no progress, no status lines'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'stripe-catalog;help'= {
            cand validate 'Check the catalog file offline and report every problem at once'
            cand schema 'Print the JSON Schema of the catalog file (for editor completion and checks)'
            cand sandbox 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)'
            cand plan 'Show what `apply` would change in Stripe to make it match the catalog'
            cand apply 'Make Stripe match the catalog (shows the plan and asks first)'
            cand import 'Write a catalog file from the account''s existing products and prices'
            cand checkout 'Send a customer a way to pay: a Checkout Session or a reusable Payment Link'
            cand payments 'Look up payments (PaymentIntents): did my payment go through?'
            cand subscriptions 'Look up subscriptions: what a customer pays for, and when it renews'
            cand webhooks 'Webhook tools: check a delivery''s signature'
            cand events 'Look up events and whether every webhook endpoint acknowledged them'
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
            cand pay 'Pay a checkout session or payment link as a customer would, with one of Stripe''s test cards'
            cand advance 'Move the sandbox''s clock forward, renewing and charging subscriptions on the way (sandbox only)'
            cand trigger 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)'
        }
        &'stripe-catalog;help;sandbox;serve'= {
        }
        &'stripe-catalog;help;sandbox;reset'= {
        }
        &'stripe-catalog;help;sandbox;pay'= {
        }
        &'stripe-catalog;help;sandbox;advance'= {
        }
        &'stripe-catalog;help;sandbox;trigger'= {
        }
        &'stripe-catalog;help;plan'= {
        }
        &'stripe-catalog;help;apply'= {
        }
        &'stripe-catalog;help;import'= {
        }
        &'stripe-catalog;help;checkout'= {
            cand session 'Create a one-off Checkout Session and print its URL (alone on stdout)'
            cand link 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links'
        }
        &'stripe-catalog;help;checkout;session'= {
        }
        &'stripe-catalog;help;checkout;link'= {
            cand list 'List payment links, newest first (table, or `--format json|csv|ndjson`)'
            cand deactivate 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)'
        }
        &'stripe-catalog;help;checkout;link;list'= {
        }
        &'stripe-catalog;help;checkout;link;deactivate'= {
        }
        &'stripe-catalog;help;payments'= {
            cand list 'List payments, newest first'
            cand show 'Show one payment in detail: amounts, status, customer, latest error, checkout session'
        }
        &'stripe-catalog;help;payments;list'= {
        }
        &'stripe-catalog;help;payments;show'= {
        }
        &'stripe-catalog;help;subscriptions'= {
            cand list 'List subscriptions, newest first: customer, items and prices, status, period end'
            cand show 'Show one subscription: customer, items, status, current period, next invoice, latest invoice'
        }
        &'stripe-catalog;help;subscriptions;list'= {
        }
        &'stripe-catalog;help;subscriptions;show'= {
        }
        &'stripe-catalog;help;webhooks'= {
            cand verify 'Check a webhook delivery''s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)'
        }
        &'stripe-catalog;help;webhooks;verify'= {
        }
        &'stripe-catalog;help;events'= {
            cand list 'List events, newest first: type, the object each is about, and its webhook delivery state'
        }
        &'stripe-catalog;help;events;list'= {
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
