#!/usr/bin/env python3
"""Drives `stripe-catalog sandbox serve` with Stripe's official Python SDK.

The sandbox must work for any Stripe client, not only for our own gateway: this script runs the
calls a typical integration makes and checks Stripe's answers. Usage:

    python3 tests/sdk/python_smoke.py path/to/stripe-catalog

Run by .ci/run in a virtualenv with the pinned `stripe` package (tests/sdk/requirements.txt).
"""
import http.server
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import stripe

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


# Webhooks (issue 12): a receiver in this process; `sandbox serve` forwards to /forwarded, signed
# with FORWARD_SECRET, and delivers to the endpoints the checks create.
FORWARD_SECRET = "whsec_sdk_smoke_forwarding"
RECEIVED = []  # (path, raw body bytes, Stripe-Signature header)


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        RECEIVED.append((self.path, body, self.headers.get("Stripe-Signature", "")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@check
def products_round_trip(client):
    product = client.v1.products.create(
        params={"id": "sdk-pro", "name": "SDK Pro", "metadata": {"team": "growth"}}
    )
    assert product.id == "sdk-pro", product.id
    assert product.metadata["team"] == "growth"
    updated = client.v1.products.update("sdk-pro", params={"name": "SDK Pro 2"})
    assert updated.name == "SDK Pro 2"
    assert client.v1.products.retrieve("sdk-pro").name == "SDK Pro 2"


@check
def prices_with_tiers_and_currency_options(client):
    price = client.v1.prices.create(
        params={
            "product": "sdk-pro",
            "currency": "usd",
            "lookup_key": "sdk-seats",
            "recurring": {"interval": "month"},
            "billing_scheme": "tiered",
            "tiers_mode": "graduated",
            "tiers": [{"up_to": 10, "unit_amount": 500}, {"up_to": "inf", "unit_amount": 400}],
        }
    )
    assert price.type == "recurring"
    assert "tiers" not in price, "tiers are includable: absent unless expanded"
    listed = client.v1.prices.list(params={"lookup_keys": ["sdk-seats"], "expand": ["data.tiers"]})
    assert [p.id for p in listed.data] == [price.id]
    assert [t.up_to for t in listed.data[0].tiers] == [10, None]
    intl = client.v1.prices.create(
        params={
            "product": "sdk-pro",
            "currency": "usd",
            "unit_amount": 2900,
            "lookup_key": "sdk-monthly",
            "recurring": {"interval": "month"},
            "currency_options": {"eur": {"unit_amount": 2700}, "jpy": {"unit_amount": 4500}},
        }
    )
    got = client.v1.prices.retrieve(intl.id, params={"expand": ["currency_options"]})
    assert got.currency_options["jpy"].unit_amount == 4500


@check
def lookup_key_is_unique_and_transferable(client):
    try:
        client.v1.prices.create(
            params={"product": "sdk-pro", "currency": "usd", "unit_amount": 3500, "lookup_key": "sdk-monthly"}
        )
        raise AssertionError("a second price took a lookup key already in use")
    except stripe.InvalidRequestError as err:
        assert err.http_status == 400 and err.param == "lookup_key", (err.http_status, err.param)
    moved = client.v1.prices.create(
        params={
            "product": "sdk-pro",
            "currency": "usd",
            "unit_amount": 3500,
            "lookup_key": "sdk-monthly",
            "transfer_lookup_key": True,
        }
    )
    holders = client.v1.prices.list(params={"lookup_keys": ["sdk-monthly"]}).data
    assert [p.id for p in holders] == [moved.id]


@check
def errors_have_stripes_shape(client):
    try:
        client.v1.products.retrieve("does-not-exist")
        raise AssertionError("retrieving a missing product succeeded")
    except stripe.InvalidRequestError as err:
        assert err.http_status == 404 and err.code == "resource_missing", (err.http_status, err.code)
    try:
        client.v1.products.create(params={"name": "x", "colour": "red"})
        raise AssertionError("an unknown parameter was accepted")
    except stripe.InvalidRequestError as err:
        assert err.code == "parameter_unknown" and err.param == "colour", (err.code, err.param)


@check
def idempotent_retries_replay(client):
    params = {"name": "Replayed"}
    first = client.v1.products.create(params=params, options={"idempotency_key": "sdk-replay-1"})
    second = client.v1.products.create(params=params, options={"idempotency_key": "sdk-replay-1"})
    assert first.id == second.id
    try:
        client.v1.products.create(params={"name": "Other"}, options={"idempotency_key": "sdk-replay-1"})
        raise AssertionError("an idempotency key was reused with other parameters")
    except stripe.IdempotencyError:
        pass


@check
def auto_pagination_walks_every_page(client):
    for index in range(25):
        client.v1.products.create(params={"id": f"sdk-page-{index:02}", "name": f"Page {index}"})
    ids = [p.id for p in client.v1.products.list(params={"limit": 7}).auto_paging_iter()]
    assert len(ids) == len(set(ids)), "a page repeated objects"
    assert sum(1 for i in ids if i.startswith("sdk-page-")) == 25


def pay(client, session_id, **params):
    """The sandbox-only pay helper (POST /v1/test_helpers/checkout/sessions/{id}/pay)."""
    response = client.raw_request("post", f"/v1/test_helpers/checkout/sessions/{session_id}/pay", **params)
    return client.deserialize(response, api_mode="V1")


@check
def guest_checkout_creates_no_customer(client):
    client.v1.products.create(params={"id": "sdk-guest", "name": "SDK Guest"})
    price = client.v1.prices.create(params={"product": "sdk-guest", "currency": "usd", "unit_amount": 1500})
    session = client.v1.checkout.sessions.create(
        params={"mode": "payment", "line_items": [{"price": price.id, "quantity": 1}], "success_url": "https://example.com"}
    )
    paid = pay(client, session.id, email="guest@example.com")
    assert paid.status == "complete", paid.status
    assert paid.customer is None, paid.customer
    assert paid.customer_details.email == "guest@example.com"
    assert paid.payment_intent.customer is None
    assert not client.v1.customers.search(params={"query": 'email:"guest@example.com"'}).data
    event = client.v1.events.list(params={"type": "checkout.session.completed", "limit": 1}).data[0]
    assert "line_items" not in event.data.object, "the event carries no line_items"


@check
def nested_expand_reaches_the_product(client):
    price = client.v1.prices.create(params={"product": "sdk-pro", "currency": "usd", "unit_amount": 2500})
    session = client.v1.checkout.sessions.create(
        params={"mode": "payment", "line_items": [{"price": price.id, "quantity": 2}], "success_url": "https://example.com"}
    )
    got = client.v1.checkout.sessions.retrieve(session.id, params={"expand": ["line_items.data.price.product"]})
    assert got.line_items.data[0].price.product.name == "SDK Pro 2", got.line_items.data[0].price.product
    items = client.v1.checkout.sessions.line_items.list(session.id, params={"expand": ["data.price.product"]})
    assert items.data[0].price.product.id == "sdk-pro"
    assert items.data[0].amount_total == 5000


@check
def search_finds_with_the_query_language(client):
    for index in range(3):
        client.v1.customers.create(params={"email": f"Searcher{index}@Example.com", "metadata": {"batch": "sdk"}})
    found = client.v1.customers.search(params={"query": 'email:"searcher1@example.com"'})
    assert [c.email for c in found.data] == ["Searcher1@Example.com"], found.data
    batch = client.v1.customers.search(params={"query": 'metadata["batch"]:"sdk"', "limit": 2})
    assert batch.has_more and batch.next_page
    assert "total_count" not in batch
    walked = [c.id for c in batch.auto_paging_iter()]
    assert len(walked) == 3 == len(set(walked)), walked
    counted = client.v1.products.search(params={"query": "name~'SDK' AND active:'true'", "expand": ["total_count"]})
    assert counted.total_count == len(counted.data) >= 2, counted.total_count
    try:
        client.v1.prices.search(params={"query": "currency:usd"})
        raise AssertionError("an unquoted value was accepted")
    except stripe.InvalidRequestError as err:
        assert err.http_status == 400 and "position 9" in err.user_message, err.user_message


@check
def stripe_refusals_are_kept(client):
    cheap = client.v1.prices.create(params={"product": "sdk-pro", "currency": "usd", "unit_amount": 25})
    try:
        client.v1.checkout.sessions.create(
            params={"mode": "payment", "line_items": [{"price": cheap.id, "quantity": 1}], "success_url": "https://example.com"}
        )
        raise AssertionError("a session below Stripe's minimum charge was accepted")
    except stripe.InvalidRequestError as err:
        assert "must add up to at least $0.50 usd" in err.user_message, err.user_message
    metered = {"product": "sdk-pro", "currency": "usd", "unit_amount": 2,
               "recurring": {"interval": "month", "usage_type": "metered"}}
    try:
        client.v1.prices.create(params=metered)
        raise AssertionError("a metered price without a meter was accepted")
    except stripe.InvalidRequestError as err:
        assert err.param == "recurring[meter]", err.param
    meter = client.v1.billing.meters.create(
        params={"display_name": "SDK calls", "event_name": "sdk_call", "default_aggregation": {"formula": "sum"}}
    )
    metered["recurring"]["meter"] = meter.id
    assert client.v1.prices.create(params=metered).recurring.meter == meter.id


@check
def a_subscription_renews_on_a_test_clock(client):
    # 2026-01-31T00:00:00Z: the renewal falls on Feb 28, Stripe's clamp to the shorter month.
    clock = client.v1.test_helpers.test_clocks.create(params={"frozen_time": 1769817600, "name": "SDK renewals"})
    customer = client.v1.customers.create(params={"email": "subscriber@example.com", "test_clock": clock.id})
    method = client.v1.payment_methods.attach("pm_card_visa", params={"customer": customer.id})
    client.v1.customers.update(customer.id, params={"invoice_settings": {"default_payment_method": method.id}})
    price = client.v1.prices.create(
        params={"product": "sdk-pro", "currency": "usd", "unit_amount": 1900, "recurring": {"interval": "month"}}
    )
    subscription = client.v1.subscriptions.create(
        params={"customer": customer.id, "items": [{"price": price.id, "quantity": 2}]}
    )
    assert subscription.status == "active", subscription.status
    item = subscription["items"].data[0]  # `items` is also a dict method
    assert item.current_period_start == 1769817600, item.current_period_start
    period_end = item.current_period_end
    assert period_end == 1772236800, period_end
    clock = client.v1.test_helpers.test_clocks.advance(clock.id, params={"frozen_time": period_end + 3600})
    # Stripe advances in the background; wait for `ready` as an integration must.
    deadline = time.time() + 10
    while clock.status != "ready" and time.time() < deadline:
        time.sleep(0.2)
        clock = client.v1.test_helpers.test_clocks.retrieve(clock.id)
    assert clock.status == "ready" and clock.frozen_time == period_end + 3600, (clock.status, clock.frozen_time)
    invoices = client.v1.invoices.list(params={"subscription": subscription.id}).data
    assert len(invoices) == 2, [i.id for i in invoices]
    renewal = client.v1.invoices.retrieve(invoices[0].id, params={"expand": ["payments"]})
    assert renewal.billing_reason == "subscription_cycle", renewal.billing_reason
    assert renewal.status == "paid" and renewal.amount_paid == 3800, (renewal.status, renewal.amount_paid)
    assert renewal.period_start == period_end, renewal.period_start
    assert len(renewal.payments.data) == 1
    intent = client.v1.payment_intents.retrieve(renewal.payments.data[0].payment.payment_intent)
    assert intent.status == "succeeded" and intent.amount == 3800, (intent.status, intent.amount)
    renewed = client.v1.subscriptions.retrieve(subscription.id)
    assert renewed["items"].data[0].current_period_start == period_end
    events = client.v1.events.list(params={"type": "invoice.paid", "limit": 2}).data
    assert [e.data.object.id for e in events][0] == renewal.id


@check
def the_sdk_verifies_the_signatures_of_delivered_events(client):
    receiver = f"http://127.0.0.1:{RECEIVER_PORT}"
    endpoint = client.v1.webhook_endpoints.create(
        params={"url": f"{receiver}/endpoint", "enabled_events": ["payment_intent.succeeded"], "description": "sdk"}
    )
    secret = endpoint.secret
    assert secret.startswith("whsec_"), secret
    assert "secret" not in client.v1.webhook_endpoints.retrieve(endpoint.id), "the secret is shown at creation only"
    response = client.raw_request("post", "/v1/test_helpers/sandbox/trigger", event="payment_intent.succeeded")
    triggered = client.deserialize(response, api_mode="V1")
    flushed = client.raw_request("post", "/v1/test_helpers/sandbox/deliveries/flush")
    assert flushed.code == 200, flushed.code
    delivered = [(body, sig) for path, body, sig in RECEIVED if path == "/endpoint"]
    assert len(delivered) == 1, [path for path, _, _ in RECEIVED]
    body, signature = delivered[0]
    # Stripe's own verification: a client nobody here wrote judges the signing.
    event = stripe.Webhook.construct_event(body, signature, secret)
    assert event.id == triggered.event and event.type == "payment_intent.succeeded", (event.id, event.type)
    assert client.v1.events.retrieve(event.id).pending_webhooks == 0, "acknowledged"
    forwarded = [(body, sig) for path, body, sig in RECEIVED if path == "/forwarded"]
    assert len(forwarded) >= 2, "payment_intent.created and .succeeded at least"
    for body, signature in forwarded:
        stripe.Webhook.construct_event(body, signature, FORWARD_SECRET)
    tampered = body.replace(b'"livemode": false', b'"livemode": true')
    assert tampered != body
    for payload, key in [(tampered, FORWARD_SECRET), (body, secret)]:
        try:
            stripe.Webhook.construct_event(payload, signature, key)
            raise AssertionError("a tampered body or a wrong secret was accepted")
        except stripe.SignatureVerificationError:
            pass


RECEIVER_PORT = None


def main():
    global RECEIVER_PORT
    binary = sys.argv[1]
    port = free_port()
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    RECEIVER_PORT = receiver.server_address[1]
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as state_dir:
        server = subprocess.Popen(
            [binary, "sandbox", "serve", "--port", str(port), "--state", f"{state_dir}/sandbox.json",
             "--forward-to", f"http://127.0.0.1:{RECEIVER_PORT}/forwarded", "--forward-secret", FORWARD_SECRET],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.time() + 20
            while time.time() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            client = stripe.StripeClient("sk_test_sdk_smoke", base_addresses={"api": f"http://127.0.0.1:{port}"})
            passed = failed = 0
            for fn in CHECKS:
                try:
                    fn(client)
                    passed += 1
                    print(f"ok   {fn.__name__}")
                except Exception:  # noqa: BLE001 - report every failing check, then fail
                    failed += 1
                    print(f"FAIL {fn.__name__}")
                    traceback.print_exc()
            print(f"{passed} passed, {failed} failed")
            return 1 if failed else 0
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
