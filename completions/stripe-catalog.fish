# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_stripe_catalog_global_optspecs
    string join \n color= q/quiet f/catalog= format= api-key= api-key-file= api-base= stripe-account= max-retries= max-rps= sandbox sandbox-state= h/help V/version
end

function __fish_stripe_catalog_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_stripe_catalog_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_stripe_catalog_using_subcommand
    set -l cmd (__fish_stripe_catalog_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s f -l catalog -d 'The catalog file [default: catalog.yaml]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l format -d 'Output format, for the command that follows: `text` for people, `json` for scripts (`csv`, `ndjson` where a command lists rows)' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -s V -l version -d 'Print version'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "validate" -d 'Check the catalog file offline and report every problem at once'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "schema" -d 'Print the JSON Schema of the catalog file (for editor completion and checks)'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "sandbox" -d 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "plan" -d 'Show what `apply` would change in Stripe to make it match the catalog'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "apply" -d 'Make Stripe match the catalog (shows the plan and asks first)'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "import" -d 'Write a catalog file from the account\'s existing products and prices'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "checkout" -d 'Send a customer a way to pay: a Checkout Session or a reusable Payment Link'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "payments" -d 'Look up payments (PaymentIntents): did my payment go through?'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "subscriptions" -d 'Look up subscriptions: what a customer pays for, and when it renews'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "webhooks" -d 'Webhook tools: check a delivery\'s signature'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "events" -d 'Look up events and whether every webhook endpoint acknowledged them'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c stripe-catalog -n "__fish_stripe_catalog_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -s f -l catalog -d 'The catalog file [default: catalog.yaml]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -l deny-warnings -d 'Treat warnings as errors (exit 1 when there are any)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand schema" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -f -a "serve" -d 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe\'s SDKs or `--api-base`'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -f -a "reset" -d 'Delete the sandbox\'s saved state'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -f -a "pay" -d 'Pay a checkout session or payment link as a customer would, with one of Stripe\'s test cards'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -f -a "advance" -d 'Move the sandbox\'s clock forward, renewing and charging subscriptions on the way (sandbox only)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -f -a "trigger" -d 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset pay advance trigger help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'The loopback port to listen on (0 picks a free one)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l state -d 'The state file [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency-ms -d 'Milliseconds added to every request' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l connection-delay-ms -d 'Milliseconds added to each new connection (the cost of a TLS handshake)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-rate-limit -d 'Fraction (0..1) of requests answered 429 `rate_limit`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-lock-timeout -d 'Fraction (0..1) of requests answered 429 `lock_timeout`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-server-error -d 'Fraction (0..1) of requests answered 500 with `Stripe-Should-Retry: true`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-drop-after-commit -d 'Fraction (0..1) of POSTs whose write is committed, then the connection dropped unanswered' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-seed -d 'Seed for the fault draws and the `--redeliver`/`--shuffle` draws, so a run can be repeated' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Refuse requests over Stripe\'s rate limits with 429: `test` (25 per second per account), `live` (100), each with Stripe\'s 25 per second per endpoint and 20 searches per second; or N, a global limit of N per second alone' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l search-lag-ms -d 'Keep new objects out of search results for N milliseconds, as Stripe\'s search index trails writes ("under 1 minute")' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l forward-to -d 'Forward every event to this URL on this machine, signed, like `stripe listen --forward-to` (repeatable)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l events -d 'Forward only these event types (comma-separated; `*` wildcards, e.g. `invoice.*`)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l forward-secret -d 'The `whsec_...` secret forwarded events are signed with, to match the app\'s configuration. Visible to anyone who can list processes: prefer `--forward-secret-file` or `STRIPE_WEBHOOK_SECRET` [default: one kept in the state file, printed once at start]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l forward-secret-file -d 'A file holding the secret forwarded events are signed with (`whsec_...`, or one `NAME=whsec_...` line); a file that does not exist yet is created (mode 600) holding the secret kept in the state file, which is then not printed' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l redeliver -d 'Fraction (0..1) of webhook deliveries sent twice (the same event id), to prove a handler idempotent' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l webhook-retry-ms -d 'Milliseconds before the first retry of a failed webhook delivery; each further retry waits twice as long' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l webhook-attempts -d 'Webhook delivery attempts in all, the first included, before giving up' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l shuffle -d 'Deliver webhook events out of order (within batches of up to 8), to prove a handler does not assume order'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l state -d 'The state file [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l card -d 'The test card number to pay with' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l email -d 'The customer\'s email, when the session does not have one yet (always, for a payment link)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l authenticate -d 'Answer the 3-D Secure challenge of a payment that waits for it (card 4000002500003155), as the customer would: `complete` it or `fail` it. The target may also be that payment\'s `pi_...` id' -r -f -a "complete\t'The customer authenticates: the payment succeeds'
fail\t'The customer fails (or abandons) the challenge: the payment needs another card'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l live -d 'Allow writing with a live key (refused with a test key)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l live -d 'Allow writing with a live key (refused with a test key)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from advance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l live -d 'Allow writing with a live key (refused with a test key)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from trigger" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe\'s SDKs or `--api-base`'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Delete the sandbox\'s saved state'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "pay" -d 'Pay a checkout session or payment link as a customer would, with one of Stripe\'s test cards'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "advance" -d 'Move the sandbox\'s clock forward, renewing and charging subscriptions on the way (sandbox only)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "trigger" -d 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l out -d 'Save the plan for `apply FILE` (treat it as sensitive: it describes your account)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l allow -d 'Let violations of this policy rule through (repeatable): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -s f -l catalog -d 'The catalog file [default: catalog.yaml]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l format -d 'Output format: `text` for people, `json` for scripts, `markdown` for a pull-request comment [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'
markdown\t'A Markdown comment body for a pull request (summary, table, policy, the text plan folded)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l adopt -d 'Take over unmanaged Stripe objects holding the catalog\'s product ids or price keys'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l detailed-exitcode -d 'Exit 2 when there are changes, 0 when there are none (3, blocked by policy, wins over 2; 1 is always an error)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l parallelism -d 'Writes in flight at most (independent products are applied side by side)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l audit-log -d 'Where to append the audit trail of every write (JSON lines)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l allow -d 'Let violations of this policy rule through (repeatable; recorded in the audit log): max_amount_change, require_currencies, require_tax_behavior, subscribed_prices' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l webhook-secrets -d 'Append the signing secret of each webhook endpoint created to FILE (`STRIPE_WEBHOOK_SECRET_<KEY>=whsec_…`, mode 600); required when the plan creates one' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -s f -l catalog -d 'The catalog file [default: catalog.yaml]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l auto-approve -d 'Apply without asking (required when stdin is not a terminal, e.g. in CI)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l live -d 'Allow writing with a live key (refused with a test key)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l adopt -d 'Take over unmanaged Stripe objects holding the catalog\'s product ids or price keys'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -s o -l output -d 'Write the catalog to FILE instead of stdout' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l include-archived -d 'Also import archived products and prices (written with `active: false`)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l force -d 'Replace FILE if it exists'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and not __fish_seen_subcommand_from session link help" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and not __fish_seen_subcommand_from session link help" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and not __fish_seen_subcommand_from session link help" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and not __fish_seen_subcommand_from session link help" -f -a "session" -d 'Create a one-off Checkout Session and print its URL (alone on stdout)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and not __fish_seen_subcommand_from session link help" -f -a "link" -d 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and not __fish_seen_subcommand_from session link help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l price -d 'A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l email -d 'Pre-fill the customer\'s email on the checkout page' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l customer -d 'Attach the session to an existing customer' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l customer-creation -d 'Whether paying creates a Stripe Customer (payment mode; a subscription always does) [default: the catalog\'s `checkout.customer_creation`, else `always`]' -r -f -a "always\t'Create a Customer from what the customer enters'
if_required\t'Guest checkout: no Customer (Stripe\'s own default)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l currency -d 'Charge in this currency: the prices\' own, or one of their currency options (e.g. `eur`)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l success-url -d 'Where the customer lands after paying (default: the catalog\'s `checkout.success_url`); `{CHECKOUT_SESSION_ID}` is passed through literally' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l cancel-url -d 'Where the customer lands when they go back (default: the catalog\'s `checkout.cancel_url`)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l expires-in -d 'How long the session stays open: 30m to 24h, e.g. `90m`, `2h`, `1h30m` (Stripe\'s default: 24h)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l trial-days -d 'Free trial days before the first charge (subscription sessions only)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l client-reference-id -d 'Your own reference for the session (an order or ticket number), at most 200 characters' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l metadata -d 'Metadata on the session, `key=value`; repeatable' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -s f -l catalog -d 'The catalog file [default: catalog.yaml]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l promotion-codes -d 'Let the customer enter a promotion code'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l qr -d 'Also draw the URL as a QR code on stderr'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l live -d 'Allow writing with a live key (refused with a test key)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from session" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l price -d 'A price to sell: catalog key or `price_...` id, with an optional `:QUANTITY` (default 1); repeatable' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l after-completion-url -d 'Redirect here after payment instead of Stripe\'s confirmation page' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l adjustable-quantity -d 'Let the customer change the quantity within `MIN..MAX`, e.g. `1..10`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l customer-creation -d 'Whether paying through the link creates a Stripe Customer (one-time prices; a subscription always does) [default: the catalog\'s `checkout.customer_creation`, else `always`]' -r -f -a "always\t'Create a Customer from what the customer enters'
if_required\t'Guest checkout: no Customer (Stripe\'s own default)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l currency -d 'Charge in this currency: the prices\' own, or one of their currency options (e.g. `eur`)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l metadata -d 'Metadata on the link, `key=value`; repeatable' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -s f -l catalog -d 'The catalog file [default: catalog.yaml]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l promotion-codes -d 'Let the customer enter a promotion code'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l qr -d 'Also draw the URL as a QR code on stderr'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l live -d 'Allow writing with a live key (refused with a test key)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -f -a "list" -d 'List payment links, newest first (table, or `--format json|csv|ndjson`)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -f -a "deactivate" -d 'Deactivate a payment link: its URL then shows a "link deactivated" page (Stripe has no delete)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from link" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from help" -f -a "session" -d 'Create a one-off Checkout Session and print its URL (alone on stdout)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from help" -f -a "link" -d 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand checkout; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List payments, newest first'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show one payment in detail: amounts, status, customer, latest error, checkout session'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l customer -d 'Only this customer\'s payments' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l email -d 'Only payments of customers with this email in any case (looked up first), and of checkouts where it was typed (guest checkouts create no customer)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l since -d 'Only payments created at or after this: a duration back from now (`7d`, `12h`, `30m`) or a local date (`2026-11-01`) or RFC 3339 time' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l until -d 'Only payments created before this: a duration back from now, an RFC 3339 time, or a local date (that whole day included)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l status -d 'Only payments in this status (filtered here while paging, not by Stripe); repeatable' -r -f -a "succeeded\t''
processing\t''
requires_payment_method\t''
requires_confirmation\t''
requires_action\t''
requires_capture\t''
canceled\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l limit -d 'Show at most this many payments' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l format -d 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l all -d 'Page through every matching payment (a spinner shows progress on a terminal)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from help" -f -a "list" -d 'List payments, newest first'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one payment in detail: amounts, status, customer, latest error, checkout session'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand payments; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and not __fish_seen_subcommand_from list show help" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List subscriptions, newest first: customer, items and prices, status, period end'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show one subscription: customer, items, status, current period, next invoice, latest invoice'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l price -d 'Only subscriptions to the price with this lookup key (active or archived)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l email -d 'Only subscriptions of customers with this email in any case (looked up first)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l status -d 'Only subscriptions in this status [default: any but canceled, as Stripe lists them]' -r -f -a "active\t''
past_due\t''
unpaid\t''
canceled\t''
incomplete\t''
incomplete_expired\t''
trialing\t''
paused\t''
ended\t'Canceled or incomplete_expired'
all\t'Every status, canceled ones included'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l limit -d 'Show at most this many subscriptions' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l format -d 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l all -d 'Page through every matching subscription'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l format -d 'Output format: `text` for people, `json` for scripts [default: text]' -r -f -a "text\t'Human-readable text'
json\t'One JSON document'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from help" -f -a "list" -d 'List subscriptions, newest first: customer, items and prices, status, period end'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one subscription: customer, items, status, current period, next invoice, latest invoice'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand subscriptions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and not __fish_seen_subcommand_from verify help" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check a webhook delivery\'s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l payload -d 'The request body exactly as received (the raw bytes)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l signature -d 'The Stripe-Signature header\'s value (`t=…,v1=…`)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l secret-file -d 'A file holding the endpoint\'s signing secret (`whsec_…`), or the dotenv file `apply --webhook-secrets` writes (then `--key` says which line when it holds several); otherwise `STRIPE_WEBHOOK_SECRET`' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l key -d 'The catalog webhook key whose `STRIPE_WEBHOOK_SECRET_<KEY>` line of `--secret-file` to use' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l tolerance -d 'How old the timestamp may be, in seconds (Stripe\'s SDKs: 300)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a webhook delivery\'s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and not __fish_seen_subcommand_from list help" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List events, newest first: type, the object each is about, and its webhook delivery state'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l type -d 'Only events of this type (`checkout.session.completed`; `*` wildcards as Stripe takes them)' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l for -d 'Only events about this object (`pi_…`, `cs_…`, `in_…`): filtered here while paging, as Stripe\'s list has no such filter' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l since -d 'Only events created at or after this: a duration back from now (`1h`, `7d`) or a local date or RFC 3339 time' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l limit -d 'Show at most this many events' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l format -d 'Output format: `text` (a table) for people; `json`, `csv` or `ndjson` for scripts [default: text]' -r -f -a "text\t'Human-readable text (tables where a command lists rows)'
json\t'One JSON document'
csv\t'Comma-separated values, one row per line (listing commands only)'
ndjson\t'One JSON object per line (listing commands only)'"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l api-key -d 'Stripe secret or restricted key (`sk_test_…`, `rk_live_…`); also `STRIPE_API_KEY`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from a file (surrounding whitespace is ignored)' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l api-base -d 'Stripe API base URL, for a proxy or a local server; also `STRIPE_API_BASE`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l stripe-account -d 'Act on a connected account (`acct_…`, sent as `Stripe-Account`); also `STRIPE_ACCOUNT`' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries after a failed request (429, 409, 5xx, connection errors) [default: 4]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l max-rps -d 'Requests per second at most [default: 20 with a test key, 80 with a live key, no limit with `--sandbox`]' -r
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l sandbox-state -d 'Where `--sandbox` keeps its state [default: .stripe-catalog/sandbox.json]' -r -F
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l all -d 'Page through every matching event (Stripe keeps 30 days)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a local Stripe emulator in this process; nothing is sent to Stripe'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "list" -d 'List events, newest first: type, the object each is about, and its webhook delivery state'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand completions" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -l color -d 'When to use colour (`NO_COLOR` is respected under `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -s q -l quiet -d 'Print only data and errors: no progress, no status lines'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand man" -s h -l help -d 'Print help'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "validate" -d 'Check the catalog file offline and report every problem at once'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "schema" -d 'Print the JSON Schema of the catalog file (for editor completion and checks)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "sandbox" -d 'Run the local Stripe emulator (test mode only; nothing is sent to Stripe)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "plan" -d 'Show what `apply` would change in Stripe to make it match the catalog'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "apply" -d 'Make Stripe match the catalog (shows the plan and asks first)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "import" -d 'Write a catalog file from the account\'s existing products and prices'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "checkout" -d 'Send a customer a way to pay: a Checkout Session or a reusable Payment Link'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "payments" -d 'Look up payments (PaymentIntents): did my payment go through?'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "subscriptions" -d 'Look up subscriptions: what a customer pays for, and when it renews'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "webhooks" -d 'Webhook tools: check a delivery\'s signature'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "events" -d 'Look up events and whether every webhook endpoint acknowledged them'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and not __fish_seen_subcommand_from validate schema sandbox plan apply import checkout payments subscriptions webhooks events completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve the sandbox over HTTP until Ctrl-C, for curl, Stripe\'s SDKs or `--api-base`'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Delete the sandbox\'s saved state'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "pay" -d 'Pay a checkout session or payment link as a customer would, with one of Stripe\'s test cards'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "advance" -d 'Move the sandbox\'s clock forward, renewing and charging subscriptions on the way (sandbox only)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "trigger" -d 'Make an event happen with the objects behind it, like `stripe trigger` (sandbox only)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from checkout" -f -a "session" -d 'Create a one-off Checkout Session and print its URL (alone on stdout)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from checkout" -f -a "link" -d 'Create a reusable Payment Link and print its URL; `list` and `deactivate` manage links'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from payments" -f -a "list" -d 'List payments, newest first'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from payments" -f -a "show" -d 'Show one payment in detail: amounts, status, customer, latest error, checkout session'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from subscriptions" -f -a "list" -d 'List subscriptions, newest first: customer, items and prices, status, period end'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from subscriptions" -f -a "show" -d 'Show one subscription: customer, items, status, current period, next invoice, latest invoice'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "verify" -d 'Check a webhook delivery\'s Stripe-Signature and say exactly why it fails (exit 0 valid, 1 invalid)'
complete -c stripe-catalog -n "__fish_stripe_catalog_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "list" -d 'List events, newest first: type, the object each is about, and its webhook delivery state'
