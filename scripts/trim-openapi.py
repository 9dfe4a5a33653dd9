#!/usr/bin/env python3
"""Trim Stripe's OpenAPI spec (spec3.json) to the operations the sandbox serves.

Usage: python3 scripts/trim-openapi.py PATH/TO/spec3.json > crates/stripe-sandbox/spec/stripe-openapi-trimmed.json

Keeps, for each served operation, its parameters (query and path) and its form request body
schema, without descriptions or response schemas. Then adds the request parameters Stripe added
after the spec's date (2023-08-16) that docs/stripe-api.md section 1.2 lists, so clients pinned to
a current API version are not refused. Added entries carry "x-sandbox-added": true.

Run by hand when the spec or the served operations change; tests never run it. Python 3 stdlib only.
"""
import hashlib
import json
import sys

SERVED = [
    ("get", "/v1/account"),
    ("get", "/v1/products"),
    ("post", "/v1/products"),
    ("get", "/v1/products/{id}"),
    ("post", "/v1/products/{id}"),
    ("delete", "/v1/products/{id}"),
    ("get", "/v1/prices"),
    ("post", "/v1/prices"),
    ("get", "/v1/prices/{price}"),
    ("post", "/v1/prices/{price}"),
    ("get", "/v1/checkout/sessions"),
    ("post", "/v1/checkout/sessions"),
    ("get", "/v1/checkout/sessions/{session}"),
    ("post", "/v1/checkout/sessions/{session}/expire"),
    ("get", "/v1/checkout/sessions/{session}/line_items"),
    ("get", "/v1/payment_links"),
    ("post", "/v1/payment_links"),
    ("get", "/v1/payment_links/{payment_link}"),
    ("post", "/v1/payment_links/{payment_link}"),
    ("get", "/v1/payment_links/{payment_link}/line_items"),
    ("get", "/v1/payment_intents"),
    ("post", "/v1/payment_intents"),
    ("get", "/v1/payment_intents/{intent}"),
    ("get", "/v1/customers"),
    ("post", "/v1/customers"),
    ("get", "/v1/customers/{customer}"),
    ("get", "/v1/events"),
    ("get", "/v1/events/{id}"),
    # Billing (issue 11): test payment methods, subscriptions, invoices and test clocks.
    ("post", "/v1/customers/{customer}"),
    ("get", "/v1/customers/{customer}/payment_methods"),
    ("get", "/v1/payment_methods/{payment_method}"),
    ("post", "/v1/payment_methods/{payment_method}/attach"),
    ("get", "/v1/subscriptions"),
    ("post", "/v1/subscriptions"),
    ("get", "/v1/subscriptions/{subscription_exposed_id}"),
    ("post", "/v1/subscriptions/{subscription_exposed_id}"),
    ("delete", "/v1/subscriptions/{subscription_exposed_id}"),
    ("post", "/v1/subscription_items/{item}"),
    ("get", "/v1/invoices"),
    ("get", "/v1/invoices/search"),
    ("get", "/v1/subscriptions/search"),
    ("get", "/v1/invoices/{invoice}"),
    ("get", "/v1/test_helpers/test_clocks"),
    ("post", "/v1/test_helpers/test_clocks"),
    ("get", "/v1/test_helpers/test_clocks/{test_clock}"),
    ("delete", "/v1/test_helpers/test_clocks/{test_clock}"),
    ("post", "/v1/test_helpers/test_clocks/{test_clock}/advance"),
    # Webhooks (issue 12): endpoints the sandbox delivers signed events to.
    ("get", "/v1/webhook_endpoints"),
    ("post", "/v1/webhook_endpoints"),
    ("get", "/v1/webhook_endpoints/{webhook_endpoint}"),
    ("post", "/v1/webhook_endpoints/{webhook_endpoint}"),
    ("delete", "/v1/webhook_endpoints/{webhook_endpoint}"),
]

# Keys of a JSON schema that parameter checking uses; everything else (descriptions, titles,
# x-stripe-* annotations) is dropped.
SCHEMA_KEYS = {"type", "properties", "additionalProperties", "items", "anyOf", "enum", "required",
               "maxLength", "format"}

ADDED = {"x-sandbox-added": True}
STRING = {"type": "string", "maxLength": 5000}
LOOSE_OBJECT = {"type": "object", **ADDED}


def trim_schema(schema):
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key not in SCHEMA_KEYS:
                continue
            if key == "properties":
                out[key] = {name: trim_schema(sub) for name, sub in value.items()}
            elif key in ("items", "additionalProperties"):
                out[key] = trim_schema(value) if isinstance(value, dict) else value
            elif key == "anyOf":
                out[key] = [trim_schema(sub) for sub in value]
            else:
                out[key] = value
        return out
    return schema


def trim_operation(operation):
    out = {"operationId": operation.get("operationId")}
    params = []
    for param in operation.get("parameters", []):
        params.append({"in": param["in"], "name": param["name"], "required": param.get("required", False),
                       "schema": trim_schema(param.get("schema", {}))})
    out["parameters"] = params
    body = operation.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
    if body is not None:
        out["requestBody"] = {"content": {"application/x-www-form-urlencoded": {
            "schema": trim_schema(body.get("schema", {}))}}}
    return out


def body(paths, method, path):
    return paths[path][method]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]


def add_query(paths, method, path, name, schema):
    paths[path][method]["parameters"].append({"in": "query", "name": name, "required": False,
                                               "schema": schema, **ADDED})


def add_since_2023(paths):
    """Parameters added after 2023-08-16, from stripe-api.md section 1.2 (current: 2026-07-29.dahlia)."""
    marketing_features = {"type": "array", "items": {"type": "object", "properties": {"name": STRING},
                                                     "required": ["name"]}, **ADDED}
    product_type = {"type": "string", "enum": ["good", "service"], **ADDED}
    create_product = body(paths, "post", "/v1/products")["properties"]
    create_product["marketing_features"] = marketing_features
    create_product["type"] = product_type
    default_price_data = create_product["default_price_data"]["properties"]
    default_price_data["custom_unit_amount"] = {
        "type": "object", "properties": {"enabled": {"type": "boolean"}, "maximum": {"type": "integer"},
                                         "minimum": {"type": "integer"}, "preset": {"type": "integer"}},
        "required": ["enabled"], **ADDED}
    default_price_data["metadata"] = {"type": "object", "additionalProperties": {"type": "string"}, **ADDED}
    update_product = body(paths, "post", "/v1/products/{id}")["properties"]
    update_product["marketing_features"] = {"anyOf": [marketing_features, {"type": "string", "enum": [""]}],
                                            **ADDED}
    add_query(paths, "get", "/v1/products", "type", product_type)

    recurring = body(paths, "post", "/v1/prices")["properties"]["recurring"]["properties"]
    recurring["meter"] = {**STRING, **ADDED}
    recurring["trial_period_days"] = {"type": "integer", **ADDED}

    session = body(paths, "post", "/v1/checkout/sessions")
    session["required"] = []  # success_url is no longer required
    props = session["properties"]
    for name in ("branding_settings", "managed_payments", "name_collection", "payment_method_data",
                 "permissions", "saved_payment_method_options", "wallet_options"):
        props[name] = LOOSE_OBJECT
    props["adaptive_pricing"] = {"type": "object", "properties": {"enabled": {"type": "boolean"}}, **ADDED}
    for name in ("customer_account", "integration_identifier", "origin_context", "payment_method_configuration",
                 "return_url"):
        props[name] = {**STRING, **ADDED}
    props["excluded_payment_method_types"] = {"type": "array", "items": STRING, **ADDED}
    props["optional_items"] = {"type": "array", "items": LOOSE_OBJECT, **ADDED}
    props["redirect_on_completion"] = {"type": "string", "enum": ["always", "if_required", "never"], **ADDED}
    props["ui_mode"] = {"type": "string", "enum": ["hosted_page", "embedded_page", "form", "elements",
                                                  "hosted", "embedded", "custom"], **ADDED}
    props["submit_type"]["enum"] = props["submit_type"]["enum"] + ["subscribe"]
    props["line_items"]["items"]["properties"]["metadata"] = {
        "type": "object", "additionalProperties": {"type": "string"}, **ADDED}

    link = body(paths, "post", "/v1/payment_links")["properties"]
    link["inactive_message"] = {**STRING, **ADDED}
    for name in ("managed_payments", "name_collection", "payment_method_options", "restrictions"):
        link[name] = LOOSE_OBJECT
    link["optional_items"] = {"type": "array", "items": LOOSE_OBJECT, **ADDED}
    items = link["line_items"]["items"]
    items["properties"]["price_data"] = LOOSE_OBJECT
    items["required"] = ["quantity"]  # price or price_data

    add_query(paths, "get", "/v1/payment_intents", "customer_account", {**STRING, **ADDED})

    # Event types added since 2023 that an endpoint may subscribe to, so a catalog valid for
    # Stripe is valid here: Billing Meters' events (https://docs.stripe.com/api/events/types,
    # "billing.meter.created" and its siblings); invoice.overdue and invoice.will_be_due
    # (https://docs.stripe.com/changelog/acacia/2024-09-30/billing-due-date-webhooks); and the
    # billing credit, alert, entitlement and invoice payment events listed on
    # docs.stripe.com/api/events/types. The sandbox emits only some of them.
    newer = (
        "balance_settings.updated", "billing.alert.triggered", "billing.credit_balance_transaction.created",
        "billing.credit_grant.created", "billing.credit_grant.updated", "billing.meter.created",
        "billing.meter.deactivated", "billing.meter.reactivated", "billing.meter.updated",
        "entitlements.active_entitlement_summary.updated", "invoice.overdue", "invoice.overpaid",
        "invoice.will_be_due", "invoice_payment.paid",
    )
    for method, path in (("post", "/v1/webhook_endpoints"), ("post", "/v1/webhook_endpoints/{webhook_endpoint}")):
        events = body(paths, method, path)["properties"]["enabled_events"]["items"]["enum"]
        for added in newer:
            if added not in events:
                events.append(added)
    # The spec's `api_version` enum ends in 2023; any version since may be named (the sandbox
    # emits events in the one version it emulates).
    body(paths, "post", "/v1/webhook_endpoints")["properties"]["api_version"] = {**STRING, **ADDED}


def add_sandbox_only(paths):
    """Operations only the sandbox has: Stripe's test_helpers namespace is where Stripe puts
    test-mode simulations, so the sandbox's way to pay a session or a payment link as a customer
    lives there too."""
    def pay(operation_id, path_parameter):
        return {"post": {
            "operationId": operation_id,
            "parameters": [{"in": "path", "name": path_parameter, "required": True,
                            "schema": {"type": "string", "maxLength": 5000}}],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
                "type": "object",
                "properties": {"card": STRING, "email": STRING,
                               "expand": {"type": "array", "items": STRING}},
                "additionalProperties": False}}}},
            **ADDED,
        }}
    paths["/v1/test_helpers/checkout/sessions/{session}/pay"] = pay(
        "PostTestHelpersCheckoutSessionsSessionPay", "session")
    paths["/v1/test_helpers/payment_links/{payment_link}/pay"] = pay(
        "PostTestHelpersPaymentLinksPaymentLinkPay", "payment_link")
    # The whole-sandbox clock, for objects on no test clock: moves every such subscription's
    # time forward by `seconds`, or to `to` (Unix seconds).
    paths["/v1/test_helpers/sandbox/advance"] = {"post": {
        "operationId": "PostTestHelpersSandboxAdvance",
        "parameters": [],
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
            "type": "object",
            "properties": {"seconds": {"type": "integer"}, "to": {"type": "integer"},
                           "expand": {"type": "array", "items": STRING}},
            "additionalProperties": False}}}},
        **ADDED,
    }}
    # Like `stripe trigger`: makes an event of type `event` happen by running the flow behind it.
    paths["/v1/test_helpers/sandbox/trigger"] = {"post": {
        "operationId": "PostTestHelpersSandboxTrigger",
        "parameters": [],
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
            "type": "object",
            "properties": {"event": STRING, "expand": {"type": "array", "items": STRING}},
            "required": ["event"],
            "additionalProperties": False}}}},
        **ADDED,
    }}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: trim-openapi.py PATH/TO/spec3.json")
    with open(sys.argv[1], "rb") as handle:
        raw = handle.read()
    spec = json.loads(raw)
    paths = {}
    for method, path in SERVED:
        paths.setdefault(path, {})[method] = trim_operation(spec["paths"][path][method])
    add_since_2023(paths)
    add_sandbox_only(paths)
    trimmed = {
        "openapi": spec["openapi"],
        "info": {"version": spec["info"]["version"],
                 "x-source-sha256": hashlib.sha256(raw).hexdigest(),
                 "x-produced-by": "scripts/trim-openapi.py"},
        "paths": paths,
    }
    json.dump(trimmed, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
