//! The text after each command's options in `--help`: what the flags alone do not say, then
//! `Examples:`. Every example is parsed by a test (`tests/it/help.rs`), so none can go stale.

pub(super) const TOP: &str = "\
Examples:
  stripe-catalog validate
  stripe-catalog --sandbox plan -f catalog.example.yaml   # no Stripe account needed
  stripe-catalog plan --out plan.json                     # then: stripe-catalog apply plan.json
  stripe-catalog apply --auto-approve                     # CI, after review

Options before the command (`-f`, `--format`, the connection flags) apply to whichever command
follows and uses them, so an alias such as `alias sc='stripe-catalog --sandbox -f shop.yaml'`
serves every command; the same flags after the command override them.

Exit status:
  0  success (with `plan --detailed-exitcode`: no changes)
  1  error: usage, invalid catalog, refused action, Stripe error
  2  `plan --detailed-exitcode` only: changes are present
  3  blocked by policy: `plan` found a violation no `--allow` lets through (wins over 2),
     `apply` refused such a plan, `validate` found prices breaking a static policy rule
  130  interrupted (Ctrl-C)";

pub(super) const VALIDATE: &str = "\
Examples:
  stripe-catalog validate                          # checks ./catalog.yaml
  stripe-catalog validate -f shop.yaml --deny-warnings
  stripe-catalog validate --format json            # for editors and CI";

pub(super) const SCHEMA: &str = "\
Examples:
  stripe-catalog schema > catalog.schema.json
  # then, as the catalog's first line: # yaml-language-server: $schema=./catalog.schema.json";

pub(super) const SANDBOX: &str = "\
Examples:
  stripe-catalog sandbox serve                     # http://127.0.0.1:12111
  stripe-catalog --sandbox apply -f catalog.example.yaml --auto-approve
  stripe-catalog sandbox reset";

pub(super) const SANDBOX_SERVE: &str = "\
Examples:
  stripe-catalog sandbox serve                     # http://127.0.0.1:12111
  stripe-catalog sandbox serve --port 0 --state /tmp/sandbox.json
  stripe-catalog sandbox serve --fault-rate-limit 0.1 --fault-seed 7
  stripe-catalog sandbox serve --forward-to http://localhost:4242/hook --events invoice.paid
  stripe-catalog sandbox serve --forward-to http://localhost:4242/hook --redeliver 0.5 --shuffle
  stripe-catalog plan --api-base http://127.0.0.1:12111 --api-key sk_test_x   # another terminal";

pub(super) const SANDBOX_RESET: &str = "\
Examples:
  stripe-catalog sandbox reset                     # forget .stripe-catalog/sandbox.json
  stripe-catalog sandbox reset --state /tmp/sandbox.json";

pub(super) const SUBSCRIPTIONS: &str = "\
Examples:
  stripe-catalog subscriptions list --email ann@example.com
  stripe-catalog subscriptions list --price pro-monthly --status past_due";

pub(super) const SUBSCRIPTIONS_LIST: &str = "\
Without `--status`, Stripe lists every subscription but canceled ones; `--status all` includes
those. `--price` takes a lookup key: every price with it, active or archived, is asked for.

Examples:
  stripe-catalog subscriptions list
  stripe-catalog subscriptions list --email ann@example.com --status all
  stripe-catalog subscriptions list --price pro-monthly --status past_due --format csv";

pub(super) const SUBSCRIPTIONS_SHOW: &str = "\
The next invoice is an estimate: the items' prices times their quantities, without prorations,
discounts or taxes.

Examples:
  stripe-catalog subscriptions show sub_1Q2w3E4r
  stripe-catalog subscriptions show sub_1Q2w3E4r --format json";

pub(super) const SANDBOX_ADVANCE: &str = "\
Sandbox only: the sandbox's clock is its own (the real time plus everything advanced so far), and
Stripe has no such endpoint (on Stripe, use test clocks). Works with `--sandbox` and with
`--api-base` pointing at `sandbox serve`. Subscriptions renew as the time passes: each renewal
creates an invoice and charges it. One sandbox call goes at most two intervals of the shortest
subscription (two years without one), so a longer advance is made in steps.

Examples:
  stripe-catalog --sandbox sandbox advance 1mo
  stripe-catalog --sandbox sandbox advance 36h
  stripe-catalog --api-base http://127.0.0.1:12111 --api-key sk_test_x sandbox advance 2w";

pub(super) const SANDBOX_TRIGGER: &str = "\
Sandbox only, like `stripe trigger`: runs the flow behind the event (a payment with a test card,
a paid Checkout Session, a subscription whose card is declined, a canceled subscription), so the
event comes with real objects, and every event on the way is delivered to webhook endpoints and
`--forward-to` URLs. Prints the event's id. Works with `--sandbox` and with `--api-base`
pointing at `sandbox serve`.

Examples:
  stripe-catalog --sandbox sandbox trigger invoice.payment_failed --format json
  export STRIPE_API_BASE=http://127.0.0.1:12111 STRIPE_API_KEY=sk_test_x   # at `sandbox serve`
  stripe-catalog sandbox trigger checkout.session.completed";

pub(super) const SANDBOX_PAY: &str = "\
Test cards (Stripe's): 4242424242424242 succeeds; 4000000000009995 is declined for insufficient
funds; 4000000000000002 is declined; 4000002500003155 requires authentication. A declined
session stays open, so it can be paid again with another card. Paying a payment link opens a
new checkout session for it, as a visit to the link does, and pays that: a link knows no
customer, so `--email` is required. Works with `--sandbox` and with `--api-base` pointing at
`sandbox serve`; Stripe itself has no such endpoint.

Examples:
  stripe-catalog --sandbox sandbox pay https://checkout.sandbox.invalid/c/pay/cs_test_a1B2c3
  stripe-catalog --sandbox sandbox pay cs_test_a1B2c3 --card 4000000000009995
  stripe-catalog --sandbox sandbox pay plink_1Q2w3E --email ann@example.com";

pub(super) const PLAN: &str = "\
Examples:
  stripe-catalog plan                              # ./catalog.yaml against the key's account
  stripe-catalog --sandbox plan -f catalog.example.yaml
  stripe-catalog plan --detailed-exitcode          # CI: 0 none, 2 changes, 3 blocked, 1 error
  stripe-catalog plan --out plan.json              # review it, then apply exactly that
  stripe-catalog plan --format json
  stripe-catalog plan --format markdown > plan.md  # a pull-request comment body
  stripe-catalog plan --allow max_amount_change    # let a blocked change through";

pub(super) const APPLY: &str = "\
Examples:
  stripe-catalog apply                             # shows the plan, asks for `yes`
  stripe-catalog apply plan.json                   # a saved plan: no prompt, its own catalog
  stripe-catalog apply --auto-approve --audit-log audit.jsonl   # a CI release job
  stripe-catalog --sandbox apply -f catalog.example.yaml --auto-approve
  stripe-catalog apply --auto-approve --format json   # what happened, as JSON
  stripe-catalog apply --allow max_amount_change   # meant: recorded in the audit log";

pub(super) const IMPORT: &str = "\
Examples:
  stripe-catalog import -o catalog.yaml
  stripe-catalog import --include-archived > everything.yaml
  stripe-catalog import -o catalog.yaml --format json      # the report as JSON";

pub(super) const CHECKOUT: &str = "\
Examples:
  stripe-catalog checkout session --price pro-monthly --email jane@example.com
  stripe-catalog checkout link --price pro-lifetime
  stripe-catalog checkout link list";

pub(super) const CHECKOUT_SESSION: &str = "\
Prices are catalog keys (Stripe lookup keys) or raw `price_...` ids, optionally with a quantity:
`--price pro-monthly --price seats:5`. Any recurring price makes a `subscription` session,
otherwise it is a `payment` session. Text output is the URL alone on stdout, so
`url=$(stripe-catalog checkout session --price pro-monthly)` works; the summary goes to stderr.

Examples:
  stripe-catalog checkout session --price pro-monthly
  stripe-catalog checkout session --price pro-monthly --price seats:5 --email jane@example.com
  stripe-catalog checkout session --price price_1Q2w3E --expires-in 2h --qr";

pub(super) const CHECKOUT_LINK: &str = "\
Examples:
  stripe-catalog checkout link --price pro-lifetime
  stripe-catalog checkout link --price pro-lifetime --adjustable-quantity 1..5
  stripe-catalog checkout link --price pro-monthly --after-completion-url https://example.com/hi
  stripe-catalog checkout link list
  stripe-catalog checkout link deactivate plink_1Q2w3E";

pub(super) const CHECKOUT_LINK_LIST: &str = "\
Examples:
  stripe-catalog checkout link list
  stripe-catalog checkout link list --active true --all --format csv";

pub(super) const CHECKOUT_LINK_DEACTIVATE: &str = "\
Examples:
  stripe-catalog checkout link deactivate plink_1Q2w3E";

pub(super) const PAYMENTS: &str = "\
Examples:
  stripe-catalog payments list --email jane@example.com --since 7d
  stripe-catalog payments show pi_3Q2w3E";

pub(super) const PAYMENTS_LIST: &str = "\
`--customer`, `--email`, `--since` and `--until` are sent to Stripe; `--status` is not a Stripe
filter, so it is applied here while paging (with `--limit`, paging stops once enough rows match).
`--format json|csv|ndjson` print raw minor-unit amounts with their currency, for scripts.

Examples:
  stripe-catalog payments list
  stripe-catalog payments list --email jane@example.com --since 7d
  stripe-catalog payments list --status requires_payment_method --since 2026-11-01 --all
  stripe-catalog payments list --since 7d --all --format csv > payments.csv";

pub(super) const PAYMENTS_SHOW: &str = "\
Examples:
  stripe-catalog payments show pi_3Q2w3E
  stripe-catalog payments show pi_3Q2w3E --format json";

pub(super) const COMPLETIONS: &str = "\
Examples:
  stripe-catalog completions bash > ~/.local/share/bash-completion/completions/stripe-catalog
  stripe-catalog completions zsh > \"${fpath[1]}/_stripe-catalog\"
  stripe-catalog completions fish > ~/.config/fish/completions/stripe-catalog.fish";

pub(super) const MAN: &str = "\
Examples:
  stripe-catalog man > stripe-catalog.1
  man ./stripe-catalog.1";

pub(super) const WEBHOOKS: &str = "\
Examples:
  stripe-catalog webhooks verify --payload body.json --signature 't=1764500000,v1=5257a8…'";

pub(super) const WEBHOOKS_VERIFY: &str = "\
The secret comes from `--secret-file` or `STRIPE_WEBHOOK_SECRET`, and is never printed. Stripe signs
the raw body: when the signature does not match, the body is tried without a trailing newline,
with `\\n` line ends and re-indented as Stripe sends it, and the report names the change that
explains the mismatch (a framework that re-serialised the JSON), or why the secret is suspect.

Examples:
  stripe-catalog webhooks verify --payload body.json --signature \"$SIG\" --secret-file hook.key
  stripe-catalog webhooks verify --payload body.json --signature \"$SIG\" --tolerance 600";

pub(super) const EVENTS: &str = "\
Examples:
  stripe-catalog events list --type checkout.session.completed --since 1h
  stripe-catalog events list --for pi_3Q2w3E";

pub(super) const EVENTS_LIST: &str = "\
`--type` and `--since` are sent to Stripe; `--for` is not a Stripe filter, so it is applied here
while paging (and stderr says so). `Webhooks` is `all acknowledged` when every endpoint answered
the event with a 2xx, else how many are still pending (`pending_webhooks`).

Examples:
  stripe-catalog events list --since 1h
  stripe-catalog events list --type 'invoice.*' --format ndjson
  stripe-catalog events list --for pi_3Q2w3E --all";
