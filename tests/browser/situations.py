"""Situations a manager could be in, answered step by step, keyed by question.

What the default rules recommend for each was worked out from advisor/rules/defaults.py and
confirmed by running them; the tests assert those recommendations.
"""

from __future__ import annotations

from typing import Any

SITUATIONS: dict[str, dict[str, dict[str, Any]]] = {
    # Low volume, seasonal, email only, weekday hours, a fast start, paying per use: shared 10
    # (the cheapest by far, seasonal, pay per use, a standard product, ...), the others below
    # 0 as they cannot start within weeks.
    "small_shop": {
        "company": {"industry": "ecommerce", "product_type": "standard", "customers": "800"},
        "demand": {
            "interactions_per_month": "60",
            "demand_pattern": "seasonal",
            "channels": ["email"],
            "aht_email_minutes": "8",
            "share_email_percent": "100",
        },
        "coverage": {"coverage": "business_hours", "languages": "1"},
        "priorities": {
            "control_need": "low",
            "data_sensitivity": "personal",
            "cost_preference": "pay_per_use",
            "start_urgency": "weeks",
            "escalation_expertise": "basic",
            "existing_team_agents": "0",
        },
    },
    # Regulated data, a non-standard product, deep product escalations, high control and a
    # team already in place: in-house 8 against 0 for the others.
    "fintech": {
        "company": {"industry": "fintech", "product_type": "non_standard", "customers": "20000"},
        "demand": {
            "interactions_per_month": "800",
            "demand_pattern": "stable",
            "channels": ["chat", "phone"],
            "aht_chat_minutes": "10",
            "aht_phone_minutes": "6",
            "share_chat_percent": "50",
            "share_phone_percent": "50",
        },
        "coverage": {"coverage": "business_hours", "languages": "1"},
        "priorities": {
            "control_need": "high",
            "data_sensitivity": "regulated",
            "cost_preference": "no_preference",
            "start_urgency": "flexible",
            "escalation_expertise": "deep_product",
            "existing_team_agents": "3",
        },
    },
    # High, stable volume, extended hours, two languages, a fixed monthly budget: dedicated
    # about 8 against the hybrid's 6.
    "big_saas": {
        "company": {"industry": "saas", "product_type": "configurable", "customers": "200000"},
        "demand": {
            "interactions_per_month": "20000",
            "demand_pattern": "stable",
            "channels": ["email", "chat"],
            "aht_email_minutes": "8",
            "aht_chat_minutes": "10",
            "share_email_percent": "60",
            "share_chat_percent": "40",
        },
        "coverage": {"coverage": "extended", "languages": "2"},
        "priorities": {
            "control_need": "medium",
            "data_sensitivity": "personal",
            "cost_preference": "fixed",
            "start_urgency": "months",
            "escalation_expertise": "basic",
            "existing_team_agents": "0",
        },
    },
}
